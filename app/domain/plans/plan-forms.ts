// The payment plan forms (browser and action parse the same schemas): the customer's proposal (which
// overdue documents, the instalments, a note), the collector's decision (accept, counter with changed
// instalments, reject with a reason), the supervisor's (approve, reject) and the customer's answer to a
// counter (accept, decline) or withdrawal. Amounts are typed in the account's locale. The rules that
// need today's date or the open amounts are the domain's (plan-rules.ts), checked there.
import { z } from "zod";
import { isCalendarDate } from "~/domain/ledger/schemas";
import { parseAmount } from "~/utils/money";
import { MAX_PLAN_DOCUMENTS, MAX_PLAN_INSTALMENTS, MIN_PLAN_INSTALMENTS, type PlanInstalment } from "./plan-rules";

const Id = z.string().trim().min(1).max(64);
const InstalmentRowSchema = z.object({
  dueDate: z.string().trim().max(20).optional(),
  amount: z.string().trim().max(40).optional(),
});
const InstalmentRowsSchema = z.array(InstalmentRowSchema).max(MAX_PLAN_INSTALMENTS).default([]);
type InstalmentRows = z.output<typeof InstalmentRowsSchema>;

function positiveAmount(text: string | undefined, locale: string): string | null {
  const parsed = parseAmount(text ?? "", locale);
  return parsed.ok && /[1-9]/.test(parsed.value) ? parsed.value : null;
}

/** Field errors of the instalment rows: a row is both a date and an amount, or empty; MIN–MAX filled. */
function refineInstalmentRows(rows: InstalmentRows, locale: string, ctx: z.RefinementCtx) {
  let filled = 0;
  rows.forEach((row, index) => {
    if (!row.dueDate && !row.amount) return;
    filled += 1;
    if (!row.dueDate)
      ctx.addIssue({ code: "custom", path: ["instalments", index, "dueDate"], message: "validation.required" });
    else if (!isCalendarDate(row.dueDate))
      ctx.addIssue({ code: "custom", path: ["instalments", index, "dueDate"], message: "validation.date" });
    if (positiveAmount(row.amount, locale) === null)
      ctx.addIssue({ code: "custom", path: ["instalments", index, "amount"], message: "validation.amountPositive" });
  });
  if (filled < MIN_PLAN_INSTALMENTS || filled > MAX_PLAN_INSTALMENTS)
    ctx.addIssue({ code: "custom", path: ["instalments"], message: "validation.planInstalments" });
}

/** The filled instalment rows as exact amounts, from rows the schema accepted. */
export function chosenInstalments(rows: InstalmentRows, locale: string): PlanInstalment[] {
  return rows.flatMap((row) => {
    const amount = positiveAmount(row.amount, locale);
    return row.dueDate && amount ? [{ dueDate: row.dueDate, amount }] : [];
  });
}

export function planProposalSchema(locale: string) {
  return z
    .object({
      accountId: Id,
      documents: z
        .array(z.object({ documentId: Id, selected: z.literal("on").optional() }))
        .max(500)
        .default([]),
      instalments: InstalmentRowsSchema,
      note: z.string().trim().max(500, "validation.invalid").optional(),
    })
    .superRefine((form, ctx) => {
      const chosen = form.documents.filter((d) => d.selected).length;
      if (chosen === 0) ctx.addIssue({ code: "custom", path: ["documents"], message: "validation.chooseOne" });
      if (chosen > MAX_PLAN_DOCUMENTS)
        ctx.addIssue({ code: "custom", path: ["documents"], message: "validation.tooManyItems" });
      refineInstalmentRows(form.instalments, locale, ctx);
    });
}

/** The collector's counter-proposal: the instalments it offers instead, on the revision it saw. */
export function planCounterSchema(locale: string) {
  return z
    .object({
      intent: z.literal("counter"),
      revision: z.coerce.number().int().min(1).max(1000),
      instalments: InstalmentRowsSchema,
    })
    .superRefine((form, ctx) => refineInstalmentRows(form.instalments, locale, ctx));
}

/** The staff decisions on a plan: accept, counter or reject a proposal; approve or reject one waiting for approval. */
export function planDecisionSchema(locale: string) {
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("accept"), revision: z.coerce.number().int().min(1).max(1000) }),
    planCounterSchema(locale),
    z.object({
      intent: z.literal("reject"),
      revision: z.coerce.number().int().min(1).max(1000),
      reason: z.string().trim().min(3, "validation.required").max(1000, "validation.invalid"),
    }),
    z.object({ intent: z.literal("approve") }),
    z.object({
      intent: z.literal("disapprove"),
      reason: z.string().trim().min(3, "validation.required").max(1000, "validation.invalid"),
    }),
  ]);
}

/** The customer's answer to a counter-proposal, or its withdrawal of the plan. */
export const PlanCustomerActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept_counter"), revision: z.coerce.number().int().min(1).max(1000) }),
  z.object({ intent: z.literal("decline_counter"), revision: z.coerce.number().int().min(1).max(1000) }),
  z.object({ intent: z.literal("withdraw") }),
]);
