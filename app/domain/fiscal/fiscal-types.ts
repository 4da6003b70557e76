// Shared inputs of the fiscal XML builders (CFDI 4.0 for Mexico, DIAN UBL 2.1 for Colombia) and the
// line arithmetic they share with the ledger: each line's subtotal and tax are rounded to cents, and
// the document's totals are the sums of the rounded lines, exactly as issueDocuments computes them,
// so the XML's Total always equals the ledger amount.
import { dec, type MoneyString } from "~/utils/money";

export interface FiscalParty {
  taxId: string;
  legalName: string;
  taxRegime: string;
  postalCode: string;
}

export interface FiscalLineInput {
  sku: string;
  description: string;
  unit: string;
  productCode: string;
  unitCode: string;
  /** decimal strings, as stored in invoice_lines */
  quantity: string;
  unitPrice: string;
  /** e.g. "0.16" */
  taxRate: string;
}

export interface FiscalLine extends FiscalLineInput {
  subtotal: MoneyString;
  tax: MoneyString;
  total: MoneyString;
}

export interface FiscalTotals {
  lines: FiscalLine[];
  subtotal: MoneyString;
  taxTotal: MoneyString;
  total: MoneyString;
  /** tax per rate (rate string → base and tax), for the document-level tax summary */
  taxByRate: { rate: string; base: MoneyString; tax: MoneyString }[];
}

/** "12.5" → 125000n at 4 decimals (quantities, prices and rates carry at most 4). */
function toScaled4(value: string): bigint {
  const [whole, fraction = ""] = value.split(".");
  if (fraction.length > 4 || !/^\d+$/.test(whole) || !/^\d*$/.test(fraction))
    return BigInt(dec(value).times(10_000).toFixed(0));
  return BigInt(whole + fraction.padEnd(4, "0"));
}

/** Divides a non-negative integer, rounding half up (= half away from zero, the ledger's toMoney). */
function divideRounded(value: bigint, divisor: bigint): bigint {
  return (value * 2n + divisor) / (divisor * 2n);
}

function centsToString(cents: bigint): MoneyString {
  const s = cents.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * Line and document totals, with the ledger's rounding (half away from zero, per line). Exact integer
 * arithmetic on scaled BigInts (cents), not decimal.js: bulk generation calls this for every document
 * and decimal.js dominated it; tests check it agrees with the ledger's decimal computation.
 */
export function computeFiscalTotals(lines: FiscalLineInput[]): FiscalTotals {
  const byRate = new Map<string, { base: bigint; tax: bigint }>();
  let subtotalCents = 0n;
  let taxCents = 0n;
  const computed = lines.map((l) => {
    const lineSubtotal = divideRounded(toScaled4(l.quantity) * toScaled4(l.unitPrice), 1_000_000n);
    const rate = toScaled4(l.taxRate);
    const lineTax = divideRounded(lineSubtotal * rate, 10_000n);
    subtotalCents += lineSubtotal;
    taxCents += lineTax;
    const key = rate.toString();
    const prev = byRate.get(key) ?? { base: 0n, tax: 0n };
    byRate.set(key, { base: prev.base + lineSubtotal, tax: prev.tax + lineTax });
    return {
      ...l,
      subtotal: centsToString(lineSubtotal),
      tax: centsToString(lineTax),
      total: centsToString(lineSubtotal + lineTax),
    };
  });
  return {
    lines: computed,
    subtotal: centsToString(subtotalCents),
    taxTotal: centsToString(taxCents),
    total: centsToString(subtotalCents + taxCents),
    taxByRate: [...byRate.entries()].map(([rate, v]) => ({
      rate: dec(rate).dividedBy(10_000).toFixed(6),
      base: centsToString(v.base),
      tax: centsToString(v.tax),
    })),
  };
}

/** Escapes text for use in XML attributes and element content. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Renders a quantity without superfluous trailing zeros ("12.5000" → "12.5"). */
export function formatQuantity(value: string): string {
  return dec(value).toFixed();
}
