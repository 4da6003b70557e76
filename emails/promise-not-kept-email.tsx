import { Button, Link, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

/** To the account's collector: a payment promise was broken or only partly kept. */
export function PromiseNotKeptEmail({
  t,
  language,
  heading,
  body,
  link,
}: {
  t: TFunction;
  language: string;
  heading: string;
  body: string;
  link: string;
}) {
  return (
    <EmailLayout lang={language} preview={heading} heading={heading} footer={t("email.footer")}>
      <Text>{body}</Text>
      <Button href={link} style={buttonStyle}>
        {t("promises.email.cta")}
      </Button>
      <Text style={{ fontSize: "13px", color: "#475569" }}>
        <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  );
}
