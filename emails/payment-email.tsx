import { Button, Link, Section, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

// A registered payment moved (received, confirmed and applied, rejected) or a promise is due tomorrow:
// what happened, the rows it concerns (invoice and amount), and the one link, to the payment's page
// (or the promises). Every word is our own copy or a value we keep; the rejection's reason is the
// collector's text, shown as a quoted value without links of its own (see send-payment-email).
export interface PaymentEmailProps {
  t: TFunction;
  language: string;
  heading: string;
  lines: string[];
  /** Label and amount per row (what was allocated or applied). */
  rows?: { label: string; amount: string }[];
  cta: string;
  link: string;
}

export function PaymentEmail({ t, language, heading, lines, rows = [], cta, link }: PaymentEmailProps) {
  return (
    <EmailLayout lang={language} preview={lines[0] ?? heading} heading={heading} footer={t("email.footer")}>
      {lines.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      {rows.length > 0 ? (
        <Section>
          {rows.map((row) => (
            <Text key={row.label} style={{ margin: "4px 0" }}>
              {row.label}: {row.amount}
            </Text>
          ))}
        </Section>
      ) : null}
      <Button href={link} style={buttonStyle}>
        {cta}
      </Button>
      <Text style={{ fontSize: "13px", color: "#475569" }}>
        <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  );
}
