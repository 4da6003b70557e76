// The allocation a registered payment suggests: the open invoices oldest due first (then oldest issued,
// then by id, so the order is total), each taking what is payable on it (its open amount less what open
// claims dispute on it), until the payment runs out; whatever is left stays on account. Pure, exact
// (decimal strings in and out), and the checks a customer's edited allocation must pass.
import Decimal from "decimal.js";

export interface AllocatableInvoice {
  id: string;
  dueDate: string;
  issueDate: string;
  currency: string;
  /** What is still owed on it. */
  openAmount: string;
  /** What open claims dispute on it (never asked to be paid while disputed). */
  disputedAmount: string;
}

export interface Allocation {
  documentId: string;
  amount: string;
}

const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** What may be allocated to an invoice: open − disputed, never below zero. */
export function payableAmount(invoice: Pick<AllocatableInvoice, "openAmount" | "disputedAmount">): string {
  const payable = new Decimal(invoice.openAmount).minus(invoice.disputedAmount);
  return money(Decimal.max(payable, 0));
}

export function allocateOldestFirst(
  amount: string,
  currency: string,
  invoices: readonly AllocatableInvoice[],
): { allocations: Allocation[]; onAccount: string } {
  let left = new Decimal(amount);
  const ordered = invoices
    .filter((i) => i.currency === currency)
    .slice()
    .sort(
      (a, b) =>
        a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.id.localeCompare(b.id),
    );
  const allocations: Allocation[] = [];
  for (const invoice of ordered) {
    if (left.lte(0)) break;
    const payable = new Decimal(payableAmount(invoice));
    if (payable.lte(0)) continue;
    const take = Decimal.min(payable, left);
    allocations.push({ documentId: invoice.id, amount: money(take) });
    left = left.minus(take);
  }
  return { allocations, onAccount: money(left) };
}

export type AllocationProblem =
  | { code: "unknown_document"; documentId: string }
  | { code: "currency_mismatch"; documentId: string }
  | { code: "above_payable"; documentId: string }
  | { code: "duplicate_document"; documentId: string }
  | { code: "not_positive"; documentId: string }
  | { code: "above_payment" };

/**
 * Checks an allocation (suggested or edited) against the payment and the invoices it names: every
 * amount positive, each invoice once, in the payment's currency, never above its payable amount, and
 * the total never above the payment. Returns the problems (none: valid) and what is left on account.
 */
export function checkAllocation(
  amount: string,
  currency: string,
  allocations: readonly Allocation[],
  invoices: readonly AllocatableInvoice[],
): { problems: AllocationProblem[]; onAccount: string } {
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const problems: AllocationProblem[] = [];
  let total = new Decimal(0);
  for (const a of allocations) {
    const invoice = byId.get(a.documentId);
    const value = new Decimal(a.amount);
    if (seen.has(a.documentId)) problems.push({ code: "duplicate_document", documentId: a.documentId });
    seen.add(a.documentId);
    if (!invoice) {
      problems.push({ code: "unknown_document", documentId: a.documentId });
      continue;
    }
    if (invoice.currency !== currency) problems.push({ code: "currency_mismatch", documentId: a.documentId });
    if (value.lte(0)) problems.push({ code: "not_positive", documentId: a.documentId });
    if (value.gt(payableAmount(invoice))) problems.push({ code: "above_payable", documentId: a.documentId });
    total = total.plus(value);
  }
  if (total.gt(amount)) problems.push({ code: "above_payment" });
  return { problems, onAccount: money(Decimal.max(new Decimal(amount).minus(total), 0)) };
}
