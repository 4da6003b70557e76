// How a CSV reads in the reader's spreadsheet: where the decimal separator is a comma (es-CO), Excel
// and LibreOffice expect ";" between fields and "1234,50" amounts (a comma-separated file with dot
// decimals opens there as one column, or with amounts as text); elsewhere "," and "1234.50".
import { amountSeparators } from "./money";

export interface CsvConventions {
  delimiter: "," | ";";
  /** An exact decimal string ("-1234.50") with the locale's decimal separator, no grouping. */
  amount: (value: string | null) => string | null;
}

export function csvConventions(locale: string): CsvConventions {
  const comma = amountSeparators(locale).decimal === ",";
  return {
    delimiter: comma ? ";" : ",",
    amount: (value) => (value === null || !comma ? value : value.replace(".", ",")),
  };
}

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, tab or CR first: a description or a
 * folio typed by somebody can be "=HYPERLINK(…)") gets a leading apostrophe, OWASP's defence against
 * CSV injection. Only for text: amounts are written as numbers and may start with "-".
 */
export function csvSafeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
