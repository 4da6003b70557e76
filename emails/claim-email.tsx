import { Button, Link, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

// A claim moved: what happened, where it stands, and the one link, to the claim. Every word is our own
// copy or a value we keep (numbers, labels, dates, amounts): no message text written by the customer or
// staff reaches the email, so it cannot carry someone else's link; the thread is read on the page.
export interface ClaimEmailProps {
  t: TFunction;
  language: string;
  heading: string;
  /** Sentences in order: what happened, then where the claim stands. */
  lines: string[];
  cta: string;
  link: string;
}

export function ClaimEmail({ t, language, heading, lines, cta, link }: ClaimEmailProps) {
  return (
    <EmailLayout lang={language} preview={lines[0] ?? heading} heading={heading} footer={t("email.footer")}>
      {lines.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      <Button href={link} style={buttonStyle}>
        {cta}
      </Button>
      <Text style={{ fontSize: "13px", color: "#475569" }}>
        <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  );
}
