import { Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout } from "./email-layout";

export function StatementEmail({ t, language, body }: { t: TFunction; language: string; body: string }) {
  return (
    <EmailLayout lang={language} preview={body} heading={t("statement.title")} footer={t("email.footer")}>
      <Text>{body}</Text>
    </EmailLayout>
  );
}
