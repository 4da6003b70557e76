import { Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout } from "./email-layout";

// Our own copy, the account's name and the code; no link (the code is typed on the page that asked).
export function SigningCodeEmail({
  t,
  language,
  code,
  kind,
  number,
  account,
  minutes,
}: {
  t: TFunction;
  language: string;
  code: string;
  /** What it signs: the body names a reconciliation or minutes. */
  kind: "reconciliation" | "minutes";
  number: number;
  account: string;
  minutes: number;
}) {
  return (
    <EmailLayout
      lang={language}
      preview={t("reconciliationOps.codeEmailHeading")}
      heading={t("reconciliationOps.codeEmailHeading")}
      footer={t("email.footer")}
    >
      <Text>
        {t(kind === "minutes" ? "minutes.codeEmailBody" : "reconciliationOps.codeEmailBody", { number, account })}
      </Text>
      <Text style={{ fontSize: "28px", fontWeight: 700, letterSpacing: "6px" }}>{code}</Text>
      <Text style={{ fontSize: "13px", color: "#475569" }}>{t("reconciliationOps.codeEmailExpiry", { minutes })}</Text>
    </EmailLayout>
  );
}
