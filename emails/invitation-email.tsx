import { Button, Link, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

export interface InvitationEmailProps {
  t: TFunction;
  language: string;
  inviter: string;
  accounts: string;
  role: string;
  link: string;
  expires: string | null;
}

export function InvitationEmail({ t, language, inviter, accounts, role, link, expires }: InvitationEmailProps) {
  return (
    <EmailLayout
      lang={language}
      preview={t("email.invitationHeading")}
      heading={t("email.invitationHeading")}
      footer={t("email.footer")}
    >
      <Text>{t("email.invitationBody", { inviter, accounts, role })}</Text>
      <Button href={link} style={buttonStyle}>
        {t("email.invitationCta")}
      </Button>
      <Text style={{ fontSize: "13px", color: "#475569" }}>
        <Link href={link}>{link}</Link>
      </Text>
      {expires ? (
        <Text style={{ fontSize: "13px", color: "#475569" }}>{t("email.invitationExpiry", { date: expires })}</Text>
      ) : null}
    </EmailLayout>
  );
}
