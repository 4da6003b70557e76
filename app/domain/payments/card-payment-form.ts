// The card payment form (browser and action parse the same schema): which of the account's open
// charges to pay and how much of each, typed in the account's locale ("1,234.50" in es-MX,
// "1.234,50" in es-CO). The account is named in the form and checked against the user's grants.
// Refinements only, no transforms: conform derives the browser's constraints from the schema.
import { z } from "zod";
import { parseAmount } from "~/utils/money";

export const MAX_CARD_PAYMENT_ITEMS = 50;

const Item = z.object({
  documentId: z.string().trim().min(1).max(64),
  selected: z.literal("on").optional(),
  amount: z.string().max(40).optional(),
});

function positiveAmount(text: string | undefined, locale: string): string | null {
  const parsed = parseAmount(text ?? "", locale);
  return parsed.ok && /[1-9]/.test(parsed.value) ? parsed.value : null;
}

export function cardPaymentFormSchema(locale: string) {
  return z
    .object({
      accountId: z.string().trim().min(1).max(64),
      items: z.array(Item).max(500).default([]),
    })
    .superRefine((form, ctx) => {
      let chosen = 0;
      form.items.forEach((item, index) => {
        if (!item.selected) return;
        chosen += 1;
        if (positiveAmount(item.amount, locale) === null)
          ctx.addIssue({ code: "custom", path: ["items", index, "amount"], message: "validation.amountPositive" });
      });
      if (chosen === 0) ctx.addIssue({ code: "custom", path: ["items"], message: "validation.chooseOne" });
      if (chosen > MAX_CARD_PAYMENT_ITEMS)
        ctx.addIssue({ code: "custom", path: ["items"], message: "validation.tooManyItems" });
    });
}
export type CardPaymentForm = z.output<ReturnType<typeof cardPaymentFormSchema>>;

/** The chosen documents with their exact amounts, from a form the schema accepted. */
export function chosenCardPaymentItems(
  form: CardPaymentForm,
  locale: string,
): { documentId: string; amount: string }[] {
  return form.items.flatMap((item) => {
    const amount = item.selected ? positiveAmount(item.amount, locale) : null;
    return amount ? [{ documentId: item.documentId, amount }] : [];
  });
}
