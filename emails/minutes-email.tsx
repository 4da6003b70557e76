import { Button, Link, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

// Every word is our own copy but the seller's and account's names (kept by staff); the only link is
// the minutes' page in the portal (APP_URL).
export function MinutesEmail({
  t,
  language,
  seller,
  account,
  meeting,
  version,
  link,
}: {
  t: TFunction;
  language: string;
  seller: string;
  account: string;
  meeting: string;
  version: number;
  link: string;
}) {
  return (
    <EmailLayout
      lang={language}
      preview={t("minutes.emailHeading")}
      heading={t("minutes.emailHeading")}
      footer={t("email.footer")}
    >
      <Text>
        {t(version > 1 ? "minutes.emailBodyRevised" : "minutes.emailBody", { seller, account, meeting, version })}
      </Text>
      <Button href={link} style={buttonStyle}>
        {t("minutes.emailCta")}
      </Button>
      <Text style={{ fontSize: "13px", color: "#475569" }}>
        <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  );
}
