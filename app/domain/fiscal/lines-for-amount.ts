// Fiscal lines whose total (subtotal + tax, each rounded to cents per line, as the ledger and the
// CFDI/UBL builders compute them) is exactly a given amount: what a credit note for an accepted claim
// amount, or the corrected line of a re-invoice, is made of. Pure.
//
// One line of quantity 1 reaches most amounts: its subtotal S gives S + round(S · rate). Raising S by
// one cent raises the tax by at most one cent (rate < 1), so the totals reachable skip single cents
// only; an amount skipped is reached with the line at one cent less and a one-cent rounding line whose
// tax rounds to zero (any rate below 50 %).
import { dec } from "~/utils/money";
import { computeFiscalTotals, type FiscalLineInput } from "./fiscal-types";

export type LineTemplate = Omit<FiscalLineInput, "quantity" | "unitPrice">;

const cents = (amount: string) => BigInt(dec(amount).times(100).toFixed(0));
const money = (c: bigint) => {
  const s = c.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
};

function lineOf(template: LineTemplate, subtotalCents: bigint): FiscalLineInput {
  return { ...template, quantity: "1", unitPrice: money(subtotalCents) };
}

function totalOf(lines: FiscalLineInput[]): bigint {
  return cents(computeFiscalTotals(lines).total);
}

/** The subtotal (cents) of one line of `template` totalling `target` cents, or null when no subtotal does. */
function subtotalFor(template: LineTemplate, target: bigint): bigint | null {
  if (target <= 0n) return null;
  const guess = BigInt(dec(target.toString()).dividedBy(dec(1).plus(template.taxRate)).toFixed(0));
  for (const delta of [0n, -1n, 1n, -2n, 2n]) {
    const s = guess + delta;
    if (s > 0n && totalOf([lineOf(template, s)]) === target) return s;
  }
  return null;
}

/**
 * Lines of `template` (its tax rate, codes and description) totalling exactly `amount` (> 0): one line,
 * or one line and a one-cent rounding line described by `roundingDescription`.
 */
export function linesForAmount(template: LineTemplate, amount: string, roundingDescription: string): FiscalLineInput[] {
  const target = cents(amount);
  if (target <= 0n) throw new Error(`linesForAmount: amount must be positive (${amount})`);
  if (dec(template.taxRate).greaterThanOrEqualTo("0.5"))
    throw new Error(`linesForAmount: tax rate ${template.taxRate} too high`);
  const single = subtotalFor(template, target);
  if (single !== null) return [lineOf(template, single)];
  const main = subtotalFor(template, target - 1n);
  const rounding = lineOf({ ...template, sku: `${template.sku}-R`, description: roundingDescription }, 1n);
  if (main === null) return [rounding]; // target is one cent
  const lines = [lineOf(template, main), rounding];
  if (totalOf(lines) !== target) throw new Error(`linesForAmount: no lines for ${amount}`);
  return lines;
}
