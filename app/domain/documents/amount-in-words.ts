// The total in words as printed on Mexican and Colombian invoices ("importe con letra"):
// "MIL DOSCIENTOS TREINTA Y CUATRO PESOS 56/100 M.N.". Works on the decimal string, never on a float,
// so it is exact up to 999,999,999,999.99. Spanish long scale: 10^9 is "MIL MILLONES", not "BILLÓN".
import Decimal from "decimal.js";
import type { Currency } from "~/utils/money";

const UNITS = ["", "UNO", "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE", "OCHO", "NUEVE"];
const TEENS = [
  "DIEZ",
  "ONCE",
  "DOCE",
  "TRECE",
  "CATORCE",
  "QUINCE",
  "DIECISÉIS",
  "DIECISIETE",
  "DIECIOCHO",
  "DIECINUEVE",
];
const TWENTIES = [
  "VEINTE",
  "VEINTIUNO",
  "VEINTIDÓS",
  "VEINTITRÉS",
  "VEINTICUATRO",
  "VEINTICINCO",
  "VEINTISÉIS",
  "VEINTISIETE",
  "VEINTIOCHO",
  "VEINTINUEVE",
];
const TENS = ["", "", "", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA", "NOVENTA"];
const HUNDREDS = [
  "",
  "CIENTO",
  "DOSCIENTOS",
  "TRESCIENTOS",
  "CUATROCIENTOS",
  "QUINIENTOS",
  "SEISCIENTOS",
  "SETECIENTOS",
  "OCHOCIENTOS",
  "NOVECIENTOS",
];

const CURRENCY_WORDS: Record<Currency, { singular: string; plural: string; suffix: string }> = {
  MXN: { singular: "PESO", plural: "PESOS", suffix: "M.N." },
  COP: { singular: "PESO", plural: "PESOS", suffix: "M/CTE" },
  USD: { singular: "DÓLAR", plural: "DÓLARES", suffix: "USD" },
};

export const MAX_AMOUNT_IN_WORDS = "999999999999.99";

/**
 * 0..999 in words. `apocope` shortens a final "UNO" to "UN" (and "VEINTIUNO" to "VEINTIÚN"), as Spanish
 * does before a noun: "VEINTIÚN PESOS", "TREINTA Y UN MIL".
 */
function hundredsInWords(n: number, apocope: boolean): string {
  if (n === 100) return "CIEN";
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (h > 0) parts.push(HUNDREDS[h]);
  if (rest > 0) {
    let words: string;
    if (rest < 10) words = UNITS[rest];
    else if (rest < 20) words = TEENS[rest - 10];
    else if (rest < 30) words = TWENTIES[rest - 20];
    else words = TENS[Math.floor(rest / 10)] + (rest % 10 > 0 ? ` Y ${UNITS[rest % 10]}` : "");
    if (apocope) {
      if (rest === 21) words = "VEINTIÚN";
      else if (words.endsWith("UNO")) words = words.slice(0, -1);
    }
    parts.push(words);
  }
  return parts.join(" ");
}

/** 0..999,999 in words; `apocope` applies to the last group. */
function thousandsInWords(n: number, apocope: boolean): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  // "MIL", never "UN MIL"; and "VEINTIÚN MIL", "CIENTO UN MIL" take the short form before MIL.
  if (thousands === 1) parts.push("MIL");
  else if (thousands > 1) parts.push(`${hundredsInWords(thousands, true)} MIL`);
  if (rest > 0) parts.push(hundredsInWords(rest, apocope));
  return parts.join(" ");
}

/**
 * Integer part in words, for a whole number given as a digit string of at most 12 digits.
 * Also returns whether the number ends in "MILLÓN"/"MILLONES" with nothing after it, which makes the
 * currency take "DE": "UN MILLÓN DE PESOS".
 */
export function integerInWords(digits: string, apocope = true): { words: string; endsInMillions: boolean } {
  if (!/^\d{1,12}$/.test(digits)) throw new RangeError(`integer out of range: ${digits}`);
  const n = digits.replace(/^0+(?=\d)/, "").padStart(12, "0");
  const millions = Number(n.slice(0, 6));
  const rest = Number(n.slice(6));
  if (millions === 0 && rest === 0) return { words: "CERO", endsInMillions: false };
  const parts: string[] = [];
  if (millions === 1) parts.push("UN MILLÓN");
  else if (millions > 1) parts.push(`${thousandsInWords(millions, true)} MILLONES`);
  if (rest > 0) parts.push(thousandsInWords(rest, apocope));
  return { words: parts.join(" "), endsInMillions: millions > 0 && rest === 0 };
}

/**
 * "1234.56", "MXN" → "MIL DOSCIENTOS TREINTA Y CUATRO PESOS 56/100 M.N.".
 * Rounds to cents half away from zero (as the document's total is rounded). Negative amounts and amounts
 * above 999,999,999,999.99 are refused.
 */
export function formatAmountInWords(amount: string, currency: Currency): string {
  let value: Decimal;
  try {
    value = new Decimal(amount);
  } catch {
    throw new RangeError(`not an amount: ${amount}`);
  }
  value = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (value.isNegative() || value.greaterThan(MAX_AMOUNT_IN_WORDS))
    throw new RangeError(`amount out of range: ${amount}`);
  const [integerPart, cents] = value.toFixed(2).split(".");
  const { words, endsInMillions } = integerInWords(integerPart);
  const names = CURRENCY_WORDS[currency];
  const noun = integerPart === "1" ? names.singular : names.plural;
  return `${words}${endsInMillions ? " DE" : ""} ${noun} ${cents}/100 ${names.suffix}`;
}
