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

/** Sums amounts per currency; amounts of different currencies are never added together. */
export function totalsByCurrency<T>(rows: T[], currency: (row: T) => Currency, amount: (row: T) => MoneyString) {
  const totals = new Map<Currency, Decimal>();
  for (const row of rows) {
    const c = currency(row);
    totals.set(c, (totals.get(c) ?? new Decimal(0)).plus(amount(row)));
  }
  return [...totals.entries()].map(([c, total]) => ({ currency: c, amount: toMoney(total) }));
}
