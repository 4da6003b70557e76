// The cheque forms (browser and action parse the same schemas): the collector's actions on a cheque
// (intent buttons carrying the version the page showed) and the customer's pickup request.
import { z } from "zod";
import { isCalendarDate } from "~/domain/ledger/schemas";
import { CHEQUE_RETURN_REASONS, CHEQUE_STATUSES } from "~/domain/vocabulary";
import { searchText } from "~/utils/input";

/** How far ahead a pickup may be asked for. */
export const MAX_PICKUP_DAYS = 30;

const Version = z.coerce.number().int().min(1).max(1_000_000);
const ChequeId = z.string().trim().min(1).max(64);

export const ChequeActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("protection"),
    chequeId: ChequeId,
    version: Version,
    reference: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(100, "validation.invalid"),
  }),
  z.object({ intent: z.literal("deposit"), chequeId: ChequeId, version: Version }),
  z.object({ intent: z.literal("clear"), chequeId: ChequeId, version: Version }),
  z.object({
    intent: z.literal("return"),
    chequeId: ChequeId,
    version: Version,
    reason: z.enum(CHEQUE_RETURN_REASONS),
  }),
]);
export type ChequeAction = z.infer<typeof ChequeActionSchema>;

/** The custody list's filters (a query string: anything unreadable falls back to the default). */
export const ChequeListFiltersSchema = z.object({
  view: z.enum(["custody", "follow_up", "all", ...CHEQUE_STATUSES]).catch("custody"),
  from: z.string().refine(isCalendarDate).optional().catch(undefined),
  to: z.string().refine(isCalendarDate).optional().catch(undefined),
  // A NUL or other control character (PostgreSQL refuses NUL in text) reads as no search.
  q: searchText(100)
    .transform((q) => q.trim())
    .optional()
    .catch(undefined),
});
export type ChequeListFilters = z.infer<typeof ChequeListFiltersSchema>;

export const PickupFormSchema = z.object({
  accountId: z.string().trim().min(1).max(64),
  pickupDate: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .refine(isCalendarDate, "validation.date"),
  address: z
    .string({ error: "validation.required" })
    .trim()
    .min(5, "validation.required")
    .max(300, "validation.invalid"),
  contactName: z
    .string({ error: "validation.required" })
    .trim()
    .min(2, "validation.required")
    .max(120, "validation.invalid"),
  contactPhone: z
    .string({ error: "validation.required" })
    .trim()
    .regex(/^[+\d][\d\s()-]{6,24}$/, "validation.phone"),
  notes: z.string().trim().max(500, "validation.invalid").optional(),
});
export type PickupForm = z.infer<typeof PickupFormSchema>;
