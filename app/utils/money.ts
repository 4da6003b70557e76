// Exact money: amounts travel as decimal strings ("1234.50") and are computed with decimal.js,
// never with JavaScript numbers. Formatting happens only at the edge.
import Decimal from "decimal.js";
import { CURRENCIES, type Currency } from "~/domain/vocabulary";

export { CURRENCIES, type Currency };
export type MoneyString = string;

export function dec(value: Decimal.Value): Decimal {
  return new Decimal(value);
}

/** Normalises to two decimals, rounding half away from zero (SAT and DIAN rounding). */
export function toMoney(value: Decimal.Value): MoneyString {
  return new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export function addMoney(...values: Decimal.Value[]): MoneyString {
  return toMoney(values.reduce<Decimal>((sum, v) => sum.plus(v), new Decimal(0)));
}

export function subtractMoney(a: Decimal.Value, b: Decimal.Value): MoneyString {
  return toMoney(new Decimal(a).minus(b));
}

export function compareMoney(a: Decimal.Value, b: Decimal.Value): -1 | 0 | 1 {
  return new Decimal(a).comparedTo(b) as -1 | 0 | 1;
}

export function isPositiveMoney(value: Decimal.Value): boolean {
  return new Decimal(value).greaterThan(0);
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "1234.5" → "$1,234.50" (es-MX) or "$ 1.234,50" (es-CO). Intl formats the decimal string exactly. */
export function formatMoney(amount: MoneyString, currency: Currency, locale: string): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // Two decimals for every currency, COP included: ledger amounts are exact to the cent.
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(amount as unknown as number);
}

const plainFormatters = new Map<string, Intl.NumberFormat>();

/** "1234.5" → "1,234.50" (es-MX) or "1.234,50" (es-CO): an amount as an input holds it, read back by parseAmount. */
export function formatAmountInput(amount: MoneyString, locale: string): string {
  let formatter = plainFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    plainFormatters.set(locale, formatter);
  }
  return formatter.format(amount as unknown as number);
}

/** Sums amounts per currency; amounts of different currencies are never added together. */
export function totalsByCurrency<T>(rows: T[], currency: (row: T) => Currency, amount: (row: T) => MoneyString) {
  const totals = new Map<Currency, Decimal>();
  for (const row of rows) {
    const c = currency(row);
    totals.set(c, (totals.get(c) ?? new Decimal(0)).plus(amount(row)));
  }
  return [...totals.entries()].map(([c, total]) => ({ currency: c, amount: toMoney(total) }));
}

/** Why a typed amount was refused: not a number in the reader's format, or more than two decimals. */
export type AmountParseError = "format" | "decimals";

const SEPARATORS = new Map<string, { group: string; decimal: string }>();

/** The group and decimal separators of a locale ("es-MX" → "," and "."; "es-CO" → "." and ","). */
export function amountSeparators(locale: string): { group: string; decimal: string } {
  let separators = SEPARATORS.get(locale);
  if (!separators) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
    separators = {
      group: parts.find((p) => p.type === "group")?.value ?? ",",
      decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    };
    SEPARATORS.set(locale, separators);
  }
  return separators;
}

/**
 * An amount as a person types it, read in the account's locale: es-MX "$100,000.00", "1000.5";
 * es-CO "$ 1.000.000", "100,50"; a currency sign or code and spaces around are allowed. The group
 * separator is only accepted between groups of three digits and the decimal one only once, with at
 * most two digits after it, so an amount in another locale's format ("100,50" in es-MX, "100.50" in
 * es-CO) is refused rather than reinterpreted. Non-negative amounts only (the filters' ranges).
 * Returns the exact decimal string ("100.50"), never a float.
 */
export function parseAmount(
  text: string,
  locale: string,
): { ok: true; value: MoneyString } | { ok: false; error: AmountParseError } {
  const { group, decimal } = amountSeparators(locale);
  // Spaces of any kind (Intl writes "$ 1.000" with a no-break space) and a leading sign or code.
  const compact = text
    .replace(/[\s\u00a0\u202f]+/g, "")
    .replace(/^(?:MXN|COP|USD)?\$?(?:MXN|COP|USD)?/i, "")
    .replace(/(?:MXN|COP|USD)$/i, "");
  const [whole, fraction, ...rest] = compact.split(decimal);
  if (rest.length > 0 || whole === undefined) return { ok: false, error: "format" };
  const grouped = group === "." ? /^\d{1,3}(\.\d{3})+$/ : group === "," ? /^\d{1,3}(,\d{3})+$/ : null;
  const plain = /^\d+$/;
  // A whole part is plain digits or correctly grouped; ".50" / ",50" (no whole part) reads as 0.50.
  const wholeOk = whole === "" ? fraction !== undefined : plain.test(whole) || (grouped?.test(whole) ?? false);
  if (!wholeOk) return { ok: false, error: "format" };
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return { ok: false, error: "format" };
  if (fraction !== undefined && fraction.length > 2) return { ok: false, error: "decimals" };
  const digits = (whole === "" ? "0" : whole.split(group).join("")).replace(/^0+(?=\d)/, "");
  if (digits.length > 16) return { ok: false, error: "format" };
  return { ok: true, value: toMoney(fraction === undefined ? digits : `${digits}.${fraction}`) };
}
