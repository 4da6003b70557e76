import { Button, Link, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

// A payment plan moved: what happened and the one link, to the plan. Only our own copy and values we
// keep (account, amounts, dates) reach the email: no text typed by the customer; a rejection's reason
// is read on the page.
export function PlanEmail({
  t,
  language,
  heading,
  lines,
  link,
}: {
  t: TFunction;
  language: string;
  heading: string;
  lines: string[];
  link: string;
}) {
  return (
    <EmailLayout lang={language} preview={lines[0] ?? heading} heading={heading} footer={t("email.footer")}>
      {lines.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      <Button href={link} style={buttonStyle}>
        {t("plans.email.cta")}
      </Button>
      <Text style={{ fontSize: "13px", color: "#475569" }}>
        <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  );
}
