// Invitation and password-reset emails, in the recipient's language.
import { InvitationEmail } from "#emails/invitation-email";
import { PasswordResetEmail } from "#emails/password-reset-email";
import type { GrantRole } from "~/domain/vocabulary";
import { sendEmail } from "~/utils/email.server";
import { type Language, formattingLocale, getFixedT } from "~/utils/i18n";
import { displayablePersonName } from "./person-name";

export async function sendInvitationEmail(input: {
  to: string;
  language: Language;
  baseUrl: string;
  token: string;
  /** Shown only when it is a valid person name: no free text from users reaches the email. */
  inviterName: string | null;
  sellerName: string;
  accountsLabel: string;
  role: GrantRole;
  expiresAt: Date | null;
  existingUser: boolean;
}) {
  const t = getFixedT(input.language);
  const link = `${input.baseUrl}/invitation/${input.token}`;
  const expires = input.expiresAt
    ? new Intl.DateTimeFormat(formattingLocale(input.language, "MX"), {
        dateStyle: "long",
        timeStyle: "short",
        timeZone: "America/Mexico_City",
      }).format(input.expiresAt)
    : null;
  return sendEmail({
    to: input.to,
    subject: t("email.invitationSubject", { seller: input.sellerName }),
    react: (
      <InvitationEmail
        t={t}
        language={input.language}
        inviter={displayablePersonName(input.inviterName)}
        accounts={input.accountsLabel}
        role={t(`roles.${input.role}`)}
        link={link}
        expires={expires}
        existingUser={input.existingUser}
      />
    ),
  });
}

export async function sendPasswordResetEmail(input: {
  to: string;
  language: Language;
  baseUrl: string;
  token: string;
}) {
  const t = getFixedT(input.language);
  return sendEmail({
    to: input.to,
    subject: t("email.resetSubject"),
    react: (
      <PasswordResetEmail t={t} language={input.language} link={`${input.baseUrl}/reset-password/${input.token}`} />
    ),
  });
}
