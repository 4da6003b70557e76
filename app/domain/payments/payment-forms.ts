// The payment pages' forms, one schema shared by the browser and the action: registering a payment
// (the customer's, and the collector's manual receipt) and the cash application queue's actions,
// told apart by `intent`. The registration's ID comes from the URL; the account is named in the form
// and checked against the user's grants (never the switcher's cookie).
import { z } from "zod";
import { CURRENCIES, MANUAL_PAYMENT_METHODS } from "~/domain/vocabulary";
import { IdSchema, hasControlCharacters } from "~/utils/input";

const Money = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, "validation.invalid")
  .refine((s) => /[1-9]/.test(s), "validation.invalid");
/** An allocation row left empty (or 0) means "nothing to this invoice". */
const OptionalMoney = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, "validation.invalid")
  .optional();
const CalendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.invalid")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "2000-01-01";
  }, "validation.invalid");
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(max)
    .refine((v) => !hasControlCharacters(v), "validation.invalid");

export const AllocationRowSchema = z.object({ documentId: IdSchema, amount: OptionalMoney });
const Allocations = z.array(AllocationRowSchema).max(200).default([]);

export const RegisterPaymentFormSchema = z
  .object({
    accountId: IdSchema,
    method: z.enum(MANUAL_PAYMENT_METHODS),
    paidOn: CalendarDate,
    depositDate: CalendarDate.optional(),
    amount: Money,
    currency: z.enum(CURRENCIES),
    bank: Text(80),
    reference: Text(60),
    notes: Text(1000).optional(),
    allocations: Allocations,
  })
  .refine((v) => v.method !== "postdated_cheque" || v.depositDate !== undefined, {
    path: ["depositDate"],
    message: "validation.required",
  })
  .refine((v) => !v.depositDate || v.method !== "postdated_cheque" || v.depositDate > v.paidOn, {
    path: ["depositDate"],
    message: "validation.depositAfterPaid",
  });
export type RegisterPaymentForm = z.infer<typeof RegisterPaymentFormSchema>;

const Version = z.coerce.number().int().min(1).max(1_000_000_000);
/** Pesos per unit of a foreign-currency payment: a positive decimal of at most 6 places (17.2345). */
const ExchangeRate = z
  .string()
  .trim()
  .regex(/^\d{1,6}([.,]\d{1,6})?$/, "validation.exchangeRate")
  .refine((v) => /[1-9]/.test(v), "validation.exchangeRate");
export const ConfirmFormSchema = z.object({
  intent: z.literal("confirm"),
  version: Version,
  exchangeRate: ExchangeRate.optional(),
});
export const RejectFormSchema = z.object({ intent: z.literal("reject"), version: Version, reason: Text(500) });
export const AdjustFormSchema = z.object({ intent: z.literal("adjust"), version: Version, allocations: Allocations });
export const DuplicateFormSchema = z.object({
  intent: z.literal("duplicate"),
  version: Version,
  /** duplicate: refuse it (the customer sees why); keep_on_account: confirm it without applying; genuine: not a duplicate. */
  decision: z.enum(["reject", "keep_on_account", "genuine"]),
  duplicateOfId: IdSchema.optional(),
});
export const UnapplyFormSchema = z.object({ intent: z.literal("unapply"), applicationId: IdSchema, reason: Text(500) });
export const StaffPaymentActionSchema = z.discriminatedUnion("intent", [
  ConfirmFormSchema,
  RejectFormSchema,
  AdjustFormSchema,
  DuplicateFormSchema,
  UnapplyFormSchema,
]);

/** Allocation rows with an amount above zero, as the domain takes them. */
export function filledAllocations(rows: readonly { documentId: string; amount?: string }[]) {
  return rows
    .filter((r) => r.amount !== undefined && /[1-9]/.test(r.amount))
    .map((r) => ({ documentId: r.documentId, amount: r.amount! }));
}
