// Exports a statement (from getStatement) as CSV (RFC 4180: CRLF line ends, fields quoted when they
// hold a comma, quote or line break, quotes doubled), UTF-8 with a BOM so Excel reads the accents.
// Amounts stay the ledger's exact decimal strings, with the reader's decimal separator: es-CO files
// use ";" between fields and a decimal comma, as a Colombian spreadsheet expects (utils/csv.ts);
// dates are ISO (YYYY-MM-DD), which every spreadsheet parses regardless of its locale.
import { csvConventions, csvSafeText } from "~/utils/csv";
import { getKindLabel, getStatementLabels, type StatementLanguage } from "./labels";
import type { Statement } from "./types";

const BOM = "\uFEFF";

/** Quoted when it holds the delimiter, a quote or a line break (quotes doubled). */
function quoteField(value: string | null, delimiter: string): string {
  if (value === null) return "";
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function exportStatementCsv(
  statement: Statement,
  options: { language: StatementLanguage; locale?: string },
): Uint8Array {
  const labels = getStatementLabels(options.language);
  const { delimiter, amount } = csvConventions(options.locale ?? "es-MX");
  const c = labels.columns;
  const rows: (string | null)[][] = [
    [
      c.currency,
      c.date,
      c.dueDate,
      c.document,
      c.rowType,
      c.concept,
      c.fiscalId,
      c.charge,
      c.credit,
      c.balance,
      c.open,
      c.overdue,
      c.disputed,
    ],
  ];
  for (const section of statement.sections) {
    rows.push([
      section.currency,
      statement.period.from,
      null,
      null,
      labels.openingBalance,
      null,
      null,
      null,
      null,
      amount(section.openingBalance),
      null,
      null,
      null,
    ]);
    for (const m of section.movements) {
      rows.push([
        section.currency,
        m.issueDate,
        m.effect === "charge" ? m.dueDate : null,
        csvSafeText(m.serieFolio),
        getKindLabel(labels, m.kind, m.effect),
        m.description === null ? null : csvSafeText(m.description),
        m.fiscalId === null ? null : csvSafeText(m.fiscalId),
        amount(m.charge),
        amount(m.credit),
        amount(m.balance),
        amount(m.openAmount),
        m.effect === "charge" ? (m.overdue ? labels.yes : labels.no) : null,
        amount(m.disputed),
      ]);
    }
    rows.push([
      section.currency,
      statement.period.to,
      null,
      null,
      labels.closingBalance,
      null,
      null,
      null,
      null,
      amount(section.closingBalance),
      null,
      null,
      null,
    ]);
    // What open claims dispute in this currency (on any document, this period's or older): stays
    // in the balance, marked, and is not collected while the claims are open.
    if (section.disputedTotal !== "0.00")
      rows.push([
        section.currency,
        statement.period.to,
        null,
        null,
        labels.disputedTotal,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        amount(section.disputedTotal),
      ]);
  }
  const text =
    BOM + rows.map((r) => r.map((field) => quoteField(field, delimiter)).join(delimiter)).join("\r\n") + "\r\n";
  return new TextEncoder().encode(text);
}
