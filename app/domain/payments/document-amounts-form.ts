// The part the payment forms share (card payment, promise): a row per open document with a checkbox
// and the amount, typed in the account's locale ("1,234.50" es-MX, "1.234,50" es-CO). Refinements
// only, so conform derives the browser's constraints from the schemas built on it.
import { z } from "zod";
import { parseAmount } from "~/utils/money";

export const MAX_DOCUMENTS_PER_FORM = 50;

export const DocumentAmountRowSchema = z.object({
  documentId: z.string().trim().min(1).max(64),
  selected: z.literal("on").optional(),
  amount: z.string().max(40).optional(),
});
export const DocumentAmountRowsSchema = z.array(DocumentAmountRowSchema).max(500).default([]);
type Rows = z.output<typeof DocumentAmountRowsSchema>;

function positiveAmount(text: string | undefined, locale: string): string | null {
  const parsed = parseAmount(text ?? "", locale);
  return parsed.ok && /[1-9]/.test(parsed.value) ? parsed.value : null;
}

/** Field errors of the rows: at least one chosen, at most MAX_DOCUMENTS_PER_FORM, each chosen amount above zero. */
export function refineDocumentAmountRows(rows: Rows, locale: string, ctx: z.RefinementCtx, path = "items") {
  let chosen = 0;
  rows.forEach((row, index) => {
    if (!row.selected) return;
    chosen += 1;
    if (positiveAmount(row.amount, locale) === null)
      ctx.addIssue({ code: "custom", path: [path, index, "amount"], message: "validation.amountPositive" });
  });
  if (chosen === 0) ctx.addIssue({ code: "custom", path: [path], message: "validation.chooseOne" });
  if (chosen > MAX_DOCUMENTS_PER_FORM)
    ctx.addIssue({ code: "custom", path: [path], message: "validation.tooManyItems" });
}

/** The chosen documents with their exact amounts, from rows the schema accepted. */
export function chosenDocumentAmounts(rows: Rows, locale: string): { documentId: string; amount: string }[] {
  return rows.flatMap((row) => {
    const amount = row.selected ? positiveAmount(row.amount, locale) : null;
    return amount ? [{ documentId: row.documentId, amount }] : [];
  });
}
