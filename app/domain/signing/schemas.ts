// What the signing forms and domain functions accept: one schema per form, shared by browser and action.
import { z } from "zod";
import { DIFFERENCE_KINDS, SIGNATURE_METHODS, type SignatureMethod } from "~/domain/vocabulary";

const Id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/);
const CalendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "date",
  );
/** A positive amount with at most two decimals, as an exact string. */
const PositiveMoney = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, "amount")
  .refine((s) => /[1-9]/.test(s), "amount");
/** An amount that may be zero or negative (a customer's stated balance). */
const SignedMoney = z
  .string()
  .trim()
  .regex(/^-?\d{1,16}(\.\d{1,2})?$/, "amount");
const Sha256 = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{64}$/);

export const PrepareReconciliationSchema = z.object({
  accountId: Id,
  cutoffDate: CalendarDate,
  message: z.string().trim().max(2000).default(""),
});
export type PrepareReconciliationInput = z.input<typeof PrepareReconciliationSchema>;

/** The staff page's forms: prepare one, or send a prepared one. */
export const StaffReconciliationFormSchema = z.discriminatedUnion("intent", [
  PrepareReconciliationSchema.omit({ accountId: true }).extend({ intent: z.literal("prepare") }),
  z.object({ intent: z.literal("send"), envelopeId: Id }),
]);

export const DifferenceSchema = z
  .object({
    kind: z.enum(DIFFERENCE_KINDS),
    /** An open item of the reconciliation (required for unknown_invoice and amount_differs). */
    documentId: Id.optional(),
    reference: z.string().trim().max(200).optional(),
    amount: PositiveMoney,
    description: z.string().trim().min(1).max(2000),
  })
  .refine((d) => !(d.kind === "unknown_invoice" || d.kind === "amount_differs") || d.documentId, {
    path: ["documentId"],
    message: "document_required",
  });
export type DifferenceInput = z.input<typeof DifferenceSchema>;

/** One-time signing codes (signing-codes.server.tsx): digits, minutes they last, attempts allowed. */
export const SIGNING_CODE_DIGITS = 6;
export const SIGNING_CODE_TTL_MINUTES = 10;
export const SIGNING_CODE_MAX_ATTEMPTS = 5;

/** What every signature form asks (a reconciliation's, minutes'), whatever else it carries. */
export const SignatureFields = z.object({
  /** The hash of the content the signer was shown: signing something else is refused. */
  contentSha256: Sha256,
  /** How the signer re-authenticates: its password (the default), or a one-time code sent by email. */
  method: z.enum(SIGNATURE_METHODS).default("password"),
  password: z.string().min(1, "validation.required").max(200).optional(),
  code: z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${SIGNING_CODE_DIGITS}}$`), "validation.signingCode")
    .optional(),
  typedName: z.string().trim().min(3, "validation.required").max(200),
  consent: z.literal("on", { message: "validation.required" }),
});

/** The chosen method's secret is required; the other one is ignored. */
export function requireSecret(
  form: { method: SignatureMethod; password?: string; code?: string },
  ctx: z.RefinementCtx,
) {
  if (form.method === "password" && !form.password)
    ctx.addIssue({ code: "custom", path: ["password"], message: "validation.required" });
  if (form.method === "email_code" && !form.code)
    ctx.addIssue({ code: "custom", path: ["code"], message: "validation.signingCode" });
}

/** The customer's answer: agree and sign, or sign with differences (each one becomes a claim). */
export const SignEnvelopeFormSchema = z
  .discriminatedUnion("intent", [
    SignatureFields.extend({ intent: z.literal("agree") }),
    SignatureFields.extend({
      intent: z.literal("disagree"),
      customerBalance: SignedMoney,
      differences: z.array(DifferenceSchema).min(1).max(50),
    }),
  ])
  .superRefine(requireSecret);

/** The portal's other intent on a reconciliation or minutes: email me a one-time code. */
export const RequestSigningCodeSchema = z.object({ intent: z.literal("send-code") });
export type SignEnvelopeForm = z.input<typeof SignEnvelopeFormSchema>;

export const VerificationCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .transform((s) => s.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[0-9A-Z]{12}$/, "code"));
