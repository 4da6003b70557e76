import { Button, Link, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

// Every word is our own copy but the seller's and account's names (kept by staff); the only link is
// the reconciliation's page in the portal (APP_URL).
export function ReconciliationEmail({
  t,
  language,
  seller,
  account,
  cutoff,
  expires,
  link,
  reminder = false,
}: {
  t: TFunction;
  language: string;
  seller: string;
  account: string;
  cutoff: string;
  expires: string;
  link: string;
  /** A reminder of one still unanswered (the same link, another heading). */
  reminder?: boolean;
}) {
  const heading = reminder ? t("reconciliationOps.reminderHeading") : t("signing.emailHeading");
  return (
    <EmailLayout lang={language} preview={heading} heading={heading} footer={t("email.footer")}>
      <Text>{t("signing.emailBody", { seller, account, cutoff })}</Text>
      <Button href={link} style={buttonStyle}>
        {t("signing.emailCta")}
      </Button>
      <Text style={{ fontSize: "13px", color: "#475569" }}>
        <Link href={link}>{link}</Link>
      </Text>
      <Text style={{ fontSize: "13px", color: "#475569" }}>{t("signing.emailExpiry", { date: expires })}</Text>
    </EmailLayout>
  );
}
