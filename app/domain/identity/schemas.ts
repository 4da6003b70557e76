// Form schemas of sign-in, reset, invitation, account users and sign-out. Each is shared by the
// browser (conform's onValidate) and the action (parseWithZod); every message is an i18n key,
// translated in the UI (app/components/forms.tsx), which also supplies a key's parameters.
import { z } from "zod";
import { GRANT_ROLES } from "~/domain/vocabulary";
import { ID_PATTERN } from "~/utils/input";
import { MIN_PASSWORD_LENGTH } from "./password-policy";
import { isValidPersonName, normalizePersonName } from "./person-name";

const required = z.string({ error: "validation.required" }).min(1, "validation.required");
const email = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .email("validation.email")
  .max(254, "validation.email");
/** "validation.passwordLength" takes `{ min: MIN_PASSWORD_LENGTH }`, given by the UI. */
const newPassword = z
  .string({ error: "validation.required" })
  .min(MIN_PASSWORD_LENGTH, "validation.passwordLength")
  .max(200, "validation.invalid");
const role = z.enum(GRANT_ROLES, { error: "validation.required" });
const userId = z.string({ error: "validation.invalid" }).regex(ID_PATTERN, "validation.invalid");
const intent = <T extends string>(value: T) => z.literal(value, { error: "validation.invalid" });

export const LoginSchema = z.object({
  email,
  password: required,
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({ password: newPassword, confirm: required })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation.passwordMismatch" });

export const AcceptInvitationSchema = z
  .object({
    name: z
      .string({ error: "validation.required" })
      .transform(normalizePersonName)
      .pipe(z.string().min(1, "validation.required").refine(isValidPersonName, "validation.personName")),
    password: newPassword,
    confirm: required,
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation.passwordMismatch" });

/** An invitee who already has a user: accept as the signed-in user, or sign in here to accept. */
export const AcceptInvitationAsUserSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: intent("accept") }), z.object({ intent: intent("sign-in"), password: required })],
  { error: "validation.invalid" },
);

/** `resend`: send again to an address whose invitation to this account is still pending. */
export const InviteSchema = z.object({
  intent: intent("invite"),
  email,
  role,
  resend: z.literal("yes", { error: "validation.invalid" }).optional(),
});
export const ChangeRoleSchema = z.object({ intent: intent("change-role"), userId, role });
export const RevokeSchema = z.object({ intent: intent("revoke"), userId });

/** The account users page's forms, told apart by their intent. */
export const AccountUsersSchema = z.discriminatedUnion("intent", [InviteSchema, ChangeRoleSchema, RevokeSchema], {
  error: "validation.invalid",
});

/** Sign out here, or everywhere (every session of the user). */
export const LogoutSchema = z.object({
  intent: z.enum(["logout", "logout-all"], { error: "validation.invalid" }).default("logout"),
});
