// The card payment form (browser and action parse the same schema): which of the account's open
// charges to pay and how much of each. The account is named in the form and checked against the
// user's grants.
import { z } from "zod";
import { DocumentAmountRowsSchema, refineDocumentAmountRows } from "./document-amounts-form";

export function cardPaymentFormSchema(locale: string) {
  return z
    .object({ accountId: z.string().trim().min(1).max(64), items: DocumentAmountRowsSchema })
    .superRefine((form, ctx) => refineDocumentAmountRows(form.items, locale, ctx));
}
