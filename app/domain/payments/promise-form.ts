// The payment promise form (browser and action parse the same schema): which open documents, how
// much of each, and the day it will be paid by (the range is the domain's rule, checked there).
import { z } from "zod";
import { isCalendarDate } from "~/domain/ledger/schemas";
import { DocumentAmountRowsSchema, refineDocumentAmountRows } from "./document-amounts-form";

/** How far ahead a promise may be dated (longer belongs in a payment plan). */
export const MAX_PROMISE_DAYS = 90;

export function promiseFormSchema(locale: string) {
  return z
    .object({
      accountId: z.string().trim().min(1).max(64),
      promisedDate: z.string().trim().min(1, "validation.required").refine(isCalendarDate, "validation.date"),
      note: z.string().trim().max(500, "validation.invalid").optional(),
      items: DocumentAmountRowsSchema,
    })
    .superRefine((form, ctx) => refineDocumentAmountRows(form.items, locale, ctx));
}
