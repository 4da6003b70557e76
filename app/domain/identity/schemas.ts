// Form schemas of sign-in, reset and invitation; messages are i18n keys (see app/utils/validation.ts).
import { z } from "zod";
import { GRANT_ROLES } from "~/domain/vocabulary";
import { IdSchema } from "~/utils/input";
import { MIN_PASSWORD_LENGTH } from "./password-policy";
import { isValidPersonName, normalizePersonName } from "./person-name";

const email = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .email("validation.email")
  .max(254, "validation.email");
const newPassword = z
  .string({ error: "validation.required" })
  .min(MIN_PASSWORD_LENGTH, `validation.passwordLength|{"min":${MIN_PASSWORD_LENGTH}}`)
  .max(200, "validation.invalid");

export const LoginSchema = z.object({
  email,
  password: z.string({ error: "validation.required" }).min(1, "validation.required"),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({ password: newPassword, confirm: z.string({ error: "validation.required" }).min(1, "validation.required") })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation.passwordMismatch" });

export const AcceptInvitationSchema = z
  .object({
    name: z
      .string({ error: "validation.required" })
      .transform(normalizePersonName)
      .pipe(z.string().min(1, "validation.required").refine(isValidPersonName, "validation.personName")),
    password: newPassword,
    confirm: z.string({ error: "validation.required" }).min(1, "validation.required"),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation.passwordMismatch" });

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email,
  role: z.enum(GRANT_ROLES, { error: "validation.required" }),
});

export const ChangeRoleSchema = z.object({
  intent: z.literal("change-role"),
  userId: IdSchema,
  role: z.enum(GRANT_ROLES, { error: "validation.required" }),
});

export const RevokeSchema = z.object({ intent: z.literal("revoke"), userId: IdSchema });
