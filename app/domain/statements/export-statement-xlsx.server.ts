// Exports a statement (from getStatement) as an Excel workbook: a header block and the movements on
// one sheet (one block per currency: opening row, movements, closing row), the aging on another.
// Amounts are numeric cells with a currency format and dates are date cells, so the customer can
// sum, filter and reconcile without retyping.
import ExcelJS from "exceljs";
import { AGING_BUCKETS } from "~/domain/ledger/get-account-balances.server";
import type { Currency, MoneyString } from "~/utils/money";
import { getKindLabel, getStatementLabels, type StatementLanguage } from "./labels";
import type { Statement } from "./types";

export interface StatementExportOptions {
  language: StatementLanguage;
  /** es-MX, es-CO or en-US: chooses the date order (day first unless en-US). */
  locale: string;
}

/**
 * The ledger's amounts are exact decimal strings; a spreadsheet cell holds a double. This is the one
 * place money becomes a JS number, for display only and with no arithmetic on it: every numeric(18,2)
 * with up to 15 significant digits (anything below 10 trillion) round-trips through a double to the
 * same decimal string, so Excel shows exactly the ledger's cents.
 */
function toCellNumber(amount: MoneyString): number {
  return Number(amount);
}

/** A calendar date as an Excel date: UTC midnight, which exceljs writes without a time-zone shift. */
function toCellDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

function getMoneyFormat(currency: Currency): string {
  return `"${currency} "#,##0.00;-"${currency} "#,##0.00`;
}

export async function exportStatementXlsx(statement: Statement, options: StatementExportOptions): Promise<Uint8Array> {
  const labels = getStatementLabels(options.language);
  const dateFormat = options.locale === "en-US" ? "mm/dd/yyyy" : "dd/mm/yyyy";
  const { seller, customer, period } = statement;

  const workbook = new ExcelJS.Workbook();
  workbook.creator = seller.legalName;
  // Fixed so the same statement exports to the same bytes' content (no wall-clock timestamps).
  workbook.created = toCellDate(period.to);
  workbook.modified = toCellDate(period.to);

  const sheet = workbook.addWorksheet(labels.sheetMovements);
  sheet.getCell("A1").value = `${labels.title} - ${seller.legalName}`;
  sheet.getCell("A1").font = { bold: true, size: 14 };
  const headerBlock: [string, ExcelJS.CellValue, string?][] = [
    [labels.seller, seller.legalName],
    [labels.taxId, seller.taxId],
    [labels.customer, customer.legalName],
    [labels.taxId, customer.taxId],
    [labels.accountNumber, customer.accountNumber],
    [labels.currency, customer.currency],
    [labels.paymentTerm, `${customer.paymentTermDays} ${labels.days}`],
    [labels.creditLimit, toCellNumber(customer.creditLimit), getMoneyFormat(customer.currency)],
    [labels.period, toCellDate(period.from), dateFormat],
    ["", toCellDate(period.to), dateFormat],
  ];
  headerBlock.forEach(([label, value, format], i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
    if (format) row.getCell(2).numFmt = format;
  });

  const columns = [
    { header: labels.columns.currency, width: 9 },
    { header: labels.columns.date, width: 12 },
    { header: labels.columns.document, width: 14 },
    { header: labels.columns.rowType, width: 20 },
    { header: labels.columns.concept, width: 36 },
    { header: labels.columns.fiscalId, width: 38 },
    { header: labels.columns.dueDate, width: 12 },
    { header: labels.columns.charge, width: 18 },
    { header: labels.columns.credit, width: 18 },
    { header: labels.columns.balance, width: 18 },
    { header: labels.columns.open, width: 18 },
    { header: labels.columns.overdue, width: 9 },
    { header: labels.columns.disputed, width: 18 },
  ];
  const tableHeaderRow = headerBlock.length + 3;
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  const head = sheet.getRow(tableHeaderRow);
  columns.forEach((c, i) => {
    head.getCell(i + 1).value = c.header;
  });
  head.font = { bold: true, color: { argb: "FFFFFFFF" } };
  head.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F2933" } };
  sheet.views = [{ state: "frozen", ySplit: tableHeaderRow }];

  for (const section of statement.sections) {
    const moneyFormat = getMoneyFormat(section.currency);
    const addRow = (values: ExcelJS.CellValue[], bold = false) => {
      const row = sheet.addRow(values);
      for (const col of [2, 7]) row.getCell(col).numFmt = dateFormat;
      for (const col of [8, 9, 10, 11, 13]) row.getCell(col).numFmt = moneyFormat;
      if (bold) row.font = { bold: true };
      return row;
    };
    addRow(
      [
        section.currency,
        toCellDate(period.from),
        null,
        labels.openingBalance,
        null,
        null,
        null,
        null,
        null,
        toCellNumber(section.openingBalance),
      ],
      true,
    );
    for (const m of section.movements) {
      addRow([
        section.currency,
        toCellDate(m.issueDate),
        m.serieFolio,
        getKindLabel(labels, m.kind, m.effect),
        m.description,
        m.fiscalId,
        m.effect === "charge" ? toCellDate(m.dueDate) : null,
        m.charge !== null ? toCellNumber(m.charge) : null,
        m.credit !== null ? toCellNumber(m.credit) : null,
        toCellNumber(m.balance),
        m.openAmount !== null ? toCellNumber(m.openAmount) : null,
        m.effect === "charge" ? (m.overdue ? labels.yes : labels.no) : null,
        m.disputed !== null ? toCellNumber(m.disputed) : null,
      ]);
    }
    addRow(
      [
        section.currency,
        toCellDate(period.to),
        null,
        labels.closingBalance,
        null,
        null,
        null,
        null,
        null,
        toCellNumber(section.closingBalance),
      ],
      true,
    );
    if (section.disputedTotal !== "0.00")
      addRow(
        [
          section.currency,
          toCellDate(period.to),
          null,
          labels.disputedTotal,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          toCellNumber(section.disputedTotal),
        ],
        true,
      );
    sheet.addRow([]);
  }

  const aging = workbook.addWorksheet(labels.sheetAging);
  aging.columns = [
    { header: labels.columns.currency, width: 10 },
    { header: labels.agingAsOf, width: 14 },
    { header: labels.bucket, width: 22 },
    { header: labels.count, width: 12 },
    { header: labels.amount, width: 20 },
  ];
  aging.getRow(1).font = { bold: true };
  for (const section of statement.sections) {
    const moneyFormat = getMoneyFormat(section.currency);
    const add = (label: string, amount: MoneyString, count: number | null, bold = false) => {
      const row = aging.addRow([section.currency, toCellDate(section.aging.asOf), label, count, toCellNumber(amount)]);
      row.getCell(2).numFmt = dateFormat;
      row.getCell(5).numFmt = moneyFormat;
      if (bold) row.font = { bold: true };
    };
    for (const b of AGING_BUCKETS)
      add(labels.buckets[b], section.aging.buckets[b].amount, section.aging.buckets[b].count);
    add(labels.openCharges, section.aging.openCharges, null, true);
    add(labels.unappliedCredits, section.aging.unappliedCredits, null, true);
    add(labels.netBalance, section.aging.balance, null, true);
    add(labels.overdueTotal, section.aging.overdue, null, true);
    if (section.disputedTotal !== "0.00") add(labels.disputedTotal, section.disputedTotal, null, true);
    aging.addRow([]);
  }

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
