import { Button, Link, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

export function PasswordResetEmail({ t, language, link }: { t: TFunction; language: string; link: string }) {
  return (
    <EmailLayout
      lang={language}
      preview={t("email.resetHeading")}
      heading={t("email.resetHeading")}
      footer={t("email.footer")}
    >
      <Text>{t("email.resetBody")}</Text>
      <Button href={link} style={buttonStyle}>
        {t("email.resetCta")}
      </Button>
      <Text style={{ fontSize: "13px", color: "#475569" }}>
        <Link href={link}>{link}</Link>
      </Text>
      <Text style={{ fontSize: "13px", color: "#475569" }}>{t("email.resetExpiry")}</Text>
    </EmailLayout>
  );
}
