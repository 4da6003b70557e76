// Shared inputs of the fiscal XML builders (CFDI 4.0 for Mexico, DIAN UBL 2.1 for Colombia) and the
// line arithmetic they share with the ledger: each line's subtotal and tax are rounded to cents, and
// the document's totals are the sums of the rounded lines, exactly as issueDocuments computes them,
// so the XML's Total always equals the ledger amount.
import { addMoney, dec, toMoney, type MoneyString } from "~/utils/money";

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

/** Line and document totals, with the ledger's rounding (half away from zero, per line). */
export function computeFiscalTotals(lines: FiscalLineInput[]): FiscalTotals {
  const computed = lines.map((l) => {
    const subtotal = toMoney(dec(l.quantity).times(l.unitPrice));
    const tax = toMoney(dec(subtotal).times(l.taxRate));
    return { ...l, subtotal, tax, total: addMoney(subtotal, tax) };
  });
  const byRate = new Map<string, { base: MoneyString; tax: MoneyString }>();
  for (const l of computed) {
    const key = dec(l.taxRate).toFixed(6);
    const prev = byRate.get(key) ?? { base: "0.00", tax: "0.00" };
    byRate.set(key, { base: addMoney(prev.base, l.subtotal), tax: addMoney(prev.tax, l.tax) });
  }
  const subtotal = addMoney(...computed.map((l) => l.subtotal));
  const taxTotal = addMoney(...computed.map((l) => l.tax));
  return {
    lines: computed,
    subtotal,
    taxTotal,
    total: addMoney(subtotal, taxTotal),
    taxByRate: [...byRate.entries()].map(([rate, v]) => ({ rate, ...v })),
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
