import { Button, Link, Text } from "@react-email/components";
import type { TFunction } from "i18next";
import { EmailLayout, buttonStyle } from "./email-layout";

// Only the inviter's validated name and the names of the accounts (kept by staff) come from data; every
// other word is our own copy, and the only link is the invitation's.
export interface InvitationEmailProps {
  t: TFunction;
  language: string;
  /** A validated person name (see domain/identity/person-name.ts), or null to leave the inviter out. */
  inviter: string | null;
  accounts: string;
  role: string;
  link: string;
  expires: string | null;
  /** The invitee already has a user and accepts by signing in. */
  existingUser?: boolean;
}

export function InvitationEmail({
  t,
  language,
  inviter,
  accounts,
  role,
  link,
  expires,
  existingUser,
}: InvitationEmailProps) {
  return (
    <EmailLayout
      lang={language}
      preview={t("email.invitationHeading")}
      heading={t("email.invitationHeading")}
      footer={t("email.footer")}
    >
      <Text>
        {inviter
          ? t("email.invitationBody", { inviter, accounts, role })
          : t("email.invitationBodyNoInviter", { accounts, role })}
      </Text>
      <Button href={link} style={buttonStyle}>
        {existingUser ? t("email.invitationCtaExisting") : t("email.invitationCta")}
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
