// The card payment form (browser and action parse the same schema): which of the account's open
// charges to pay and how much of each, typed in the account's locale ("1,234.50" in es-MX,
// "1.234,50" in es-CO). The account is named in the form and checked against the user's grants.
import { z } from "zod";
import { parseAmount } from "~/utils/money";

export const MAX_CARD_PAYMENT_ITEMS = 50;

export function cardPaymentFormSchema(locale: string) {
  const Amount = z
    .string()
    .trim()
    .max(40, "validation.invalid")
    .transform((text, ctx) => {
      const parsed = parseAmount(text, locale);
      if (!parsed.ok || !/[1-9]/.test(parsed.value)) {
        ctx.addIssue({ code: "custom", message: "validation.amountPositive" });
        return z.NEVER;
      }
      return parsed.value;
    });
  const Item = z.object({
    documentId: z.string().trim().min(1).max(64),
    selected: z.literal("on").optional(),
    amount: z.string().optional(),
  });
  return z
    .object({
      accountId: z.string().trim().min(1).max(64),
      items: z.array(Item).max(500).default([]),
    })
    .transform((form, ctx) => {
      const chosen: { documentId: string; amount: string }[] = [];
      form.items.forEach((item, index) => {
        if (!item.selected) return;
        const amount = Amount.safeParse(item.amount ?? "");
        if (!amount.success) {
          ctx.addIssue({ code: "custom", path: ["items", index, "amount"], message: amount.error.issues[0].message });
          return;
        }
        chosen.push({ documentId: item.documentId, amount: amount.data });
      });
      if (chosen.length === 0) ctx.addIssue({ code: "custom", path: ["items"], message: "validation.chooseOne" });
      if (chosen.length > MAX_CARD_PAYMENT_ITEMS)
        ctx.addIssue({ code: "custom", path: ["items"], message: "validation.tooManyItems" });
      return { accountId: form.accountId, items: chosen };
    });
}
export type CardPaymentForm = z.output<ReturnType<typeof cardPaymentFormSchema>>;
