// The rules of a payment plan's instalments, pure (the forms show them, the domain enforces them):
// between MIN and MAX instalments, each dated from today up to MAX_PLAN_DAYS ahead in the seller's
// calendar, in strictly ascending order, each above zero, and their sum at most what is open of the
// plan's documents. Exact decimals throughout (decimal strings, never floats).
import { addDays } from "~/utils/dates";
import { addMoney, compareMoney, subtractMoney } from "~/utils/money";

export const MIN_PLAN_INSTALMENTS = 2;
export const MAX_PLAN_INSTALMENTS = 6;
/** How far ahead the last instalment may fall: a plan settles an overdue balance within half a year. */
export const MAX_PLAN_DAYS = 180;
export const MAX_PLAN_DOCUMENTS = 50;

export type PlanInstalment = { dueDate: string; amount: string };

export type InstalmentProblem =
  | "plan.instalment_count"
  | "plan.date_out_of_range"
  | "plan.dates_not_ascending"
  | "plan.amount_not_positive"
  | "plan.above_open";

export function instalmentsTotal(instalments: readonly PlanInstalment[]): string {
  return addMoney("0", ...instalments.map((i) => i.amount));
}

/** The first rule the instalments break, or null. `open` is Σ open of the plan's documents. */
export function checkInstalments(
  instalments: readonly PlanInstalment[],
  today: string,
  open: string,
): InstalmentProblem | null {
  if (instalments.length < MIN_PLAN_INSTALMENTS || instalments.length > MAX_PLAN_INSTALMENTS)
    return "plan.instalment_count";
  const last = addDays(today, MAX_PLAN_DAYS);
  for (const [i, instalment] of instalments.entries()) {
    if (instalment.dueDate < today || instalment.dueDate > last) return "plan.date_out_of_range";
    if (i > 0 && instalment.dueDate <= instalments[i - 1].dueDate) return "plan.dates_not_ascending";
    if (compareMoney(instalment.amount, "0") <= 0) return "plan.amount_not_positive";
  }
  if (compareMoney(instalmentsTotal(instalments), open) > 0) return "plan.above_open";
  return null;
}

/**
 * Which part of which document each instalment covers: the instalments, in order, take the
 * documents' amounts in order (oldest due first). What this gives each instalment is what its promise
 * lists; whether an instalment was kept is measured over the whole plan (settle-promise.server.ts).
 */
export function allocateInstalments(
  instalments: readonly PlanInstalment[],
  documents: readonly { documentId: string; amount: string }[],
): { documentId: string; amount: string }[][] {
  const left = documents.map((d) => ({ documentId: d.documentId, amount: d.amount }));
  let cursor = 0;
  return instalments.map((instalment) => {
    const parts: { documentId: string; amount: string }[] = [];
    let need = instalment.amount;
    while (compareMoney(need, "0") > 0 && cursor < left.length) {
      const doc = left[cursor];
      const take = compareMoney(doc.amount, need) <= 0 ? doc.amount : need;
      parts.push({ documentId: doc.documentId, amount: take });
      need = subtractMoney(need, take);
      doc.amount = subtractMoney(doc.amount, take);
      if (compareMoney(doc.amount, "0") === 0) cursor += 1;
    }
    return parts;
  });
}
