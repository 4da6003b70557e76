// Exports a filtered document list (invoices, notes, adjustments, charges, or the credits of the
// payments page) as CSV or XLSX: every row of the filter, not just the screen's page, streamed a batch
// at a time (iterateDocumentList), so memory holds one batch. The caller refuses a filter over
// DOCUMENT_EXPORT_MAX_ROWS first (the list says so).
//
// CSV follows the reader's locale, as a spreadsheet opened there expects it: es-CO separates fields
// with ";" and writes decimal commas (1234,56), es-MX and en-US use "," and a decimal point. Amounts
// never carry thousands separators; dates are ISO (YYYY-MM-DD). RFC 4180 quoting, CRLF line ends,
// UTF-8 with a BOM so Excel reads the accents. XLSX amounts are numeric cells with a currency format.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { csvSafeText } from "~/utils/csv";
import type { DbOrTx } from "~/utils/db.server";
import type { Currency, MoneyString } from "~/utils/money";
import { toWebStream } from "~/utils/streams.server";
import { type CreditApplication, listCreditApplications } from "./list-credit-applications.server";
import { type DocumentListRow, iterateDocumentList, type ListDocumentsInput } from "./list-documents.server";
import { DOCUMENT_EXPORT_MAX_ROWS } from "./schemas";

export interface CsvDialect {
  delimiter: "," | ";";
  decimal: "." | ",";
}

/** es-CO: ";" and decimal comma (Excel in Colombia reads "," as the decimal separator); otherwise "," and ".". */
export function csvDialectFor(locale: string): CsvDialect {
  return locale === "es-CO" ? { delimiter: ";", decimal: "," } : { delimiter: ",", decimal: "." };
}

/**
 * Quotes a field when it holds the delimiter, a quote or a line break. A field a spreadsheet would read
 * as a formula (=, +, -, @, tab or CR first) gets a leading apostrophe (OWASP, CSV injection); amounts
 * are written by `csvAmount` and never start with one of those.
 */
function csvText(value: string | null, dialect: CsvDialect): string {
  if (value === null || value === "") return "";
  const safe = csvSafeText(value);
  return safe.includes(dialect.delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "-1234.56" → "-1234,56" with a decimal comma; the ledger's exact string, never a float. */
export function csvAmount(amount: MoneyString, dialect: CsvDialect): string {
  return dialect.decimal === "," ? amount.replace(".", ",") : amount;
}

type Cell = { text: string | null } | { money: MoneyString; currency: Currency } | { date: string | null };

interface ExportColumn {
  key: string;
  header: string;
  width: number;
  cell: (row: DocumentListRow, applications: CreditApplication[]) => Cell;
}

function columnsFor(tab: ListDocumentsInput["tab"], t: TFunction, multiAccount: boolean): ExportColumn[] {
  const credits = tab === "credits";
  const money = (pick: (r: DocumentListRow) => MoneyString) => (r: DocumentListRow) => ({
    money: pick(r),
    currency: r.currency,
  });
  const columns: (ExportColumn | false)[] = [
    { key: "serieFolio", header: t("documents.serieFolio"), width: 14, cell: (r) => ({ text: r.serieFolio }) },
    {
      key: "kind",
      header: t("documents.kind"),
      width: 16,
      cell: (r) => ({
        text: r.kind === "adjustment" ? t(`documents.adjustmentKinds.${r.effect}`) : t(`documents.kinds.${r.kind}`),
      }),
    },
    multiAccount && { key: "account", header: t("nav.account"), width: 12, cell: (r) => ({ text: r.accountNumber }) },
    { key: "issueDate", header: t("documents.issueDate"), width: 12, cell: (r) => ({ date: r.issueDate }) },
    !credits && { key: "dueDate", header: t("documents.dueDate"), width: 12, cell: (r) => ({ date: r.dueDate }) },
    credits && { key: "reference", header: t("payments.reference"), width: 22, cell: (r) => ({ text: r.reference }) },
    { key: "currency", header: t("common.currency"), width: 8, cell: (r) => ({ text: r.currency }) },
    { key: "amount", header: t("documents.amount"), width: 16, cell: money((r) => r.amount) },
    credits && { key: "applied", header: t("payments.applied"), width: 16, cell: money((r) => r.applied) },
    {
      key: "open",
      header: credits ? t("payments.unapplied") : t("documents.openCharge"),
      width: 16,
      cell: money((r) => r.open),
    },
    {
      key: "status",
      header: t("documents.status"),
      width: 12,
      cell: (r) => ({ text: t(`documents.labels.${r.status}`) }),
    },
    !credits && {
      key: "daysOverdue",
      header: t("documents.daysOverdue"),
      width: 10,
      cell: (r) => ({ text: String(r.daysOverdue) }),
    },
    !credits && {
      key: "purchaseOrder",
      header: t("documents.purchaseOrder"),
      width: 16,
      cell: (r) => ({ text: r.purchaseOrder }),
    },
    credits && {
      key: "applications",
      header: t("payments.appliedTo"),
      width: 60,
      cell: (_r, apps) => ({
        text: apps
          .map(
            (a) =>
              `${a.targetSerieFolio} ${a.amount} (${a.appliedOn})${a.reversal ? ` ${t("payments.reversedOn", { date: a.reversal.appliedOn })}` : ""}`,
          )
          .join("; "),
      }),
    },
    { key: "fiscalId", header: t("documents.fiscalId"), width: 38, cell: (r) => ({ text: r.fiscalId }) },
  ];
  return columns.filter((c): c is ExportColumn => Boolean(c));
}

export interface DocumentListExportInput {
  list: Omit<ListDocumentsInput, "page" | "withTotals">;
  t: TFunction;
  locale: string;
  multiAccount: boolean;
  max?: number;
}

/** Batches of rows with their applications (credits only: what each one paid). */
async function* batchesOf(db: DbOrTx, input: DocumentListExportInput) {
  for await (const rows of iterateDocumentList(db, input.list, { max: input.max ?? DOCUMENT_EXPORT_MAX_ROWS })) {
    const applications =
      input.list.tab === "credits"
        ? await listCreditApplications(db, { accountIds: input.list.accountIds, creditIds: rows.map((r) => r.id) })
        : new Map<string, CreditApplication[]>();
    yield rows.map((row) => ({ row, applications: applications.get(row.id) ?? [] }));
  }
}

export function streamDocumentListCsv(db: DbOrTx, input: DocumentListExportInput): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const dialect = csvDialectFor(input.locale);
  const columns = columnsFor(input.list.tab, input.t, input.multiAccount);
  const batches = batchesOf(db, input);
  const line = (cells: string[]) => cells.join(dialect.delimiter) + "\r\n";
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode("\uFEFF" + line(columns.map((c) => csvText(c.header, dialect)))));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value
        .map(({ row, applications }) =>
          line(
            columns.map((c) => {
              const cell = c.cell(row, applications);
              if ("money" in cell) return csvAmount(cell.money, dialect);
              if ("date" in cell) return cell.date ?? "";
              return csvText(cell.text, dialect);
            }),
          ),
        )
        .join("");
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** A calendar date as an Excel date: UTC midnight, which exceljs writes without a time-zone shift. */
const toCellDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const moneyFormat = (currency: Currency) => `"${currency} "#,##0.00;-"${currency} "#,##0.00`;

export function streamDocumentListXlsx(db: DbOrTx, input: DocumentListExportInput): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(input.t(`documents.sheet.${input.list.tab}`), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const columns = columnsFor(input.list.tab, input.t, input.multiAccount);
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const dateFormat = input.locale === "en-US" ? "mm/dd/yyyy" : "dd/mm/yyyy";
  const batches = batchesOf(db, input);
  void (async () => {
    for await (const batch of batches) {
      if (output.destroyed) return;
      for (const { row, applications } of batch) {
        const added = sheet.addRow({});
        for (const c of columns) {
          const cell = c.cell(row, applications);
          const target = added.getCell(c.key);
          if ("money" in cell) {
            // Display only: a numeric(18,2) below 10 trillion round-trips through a double to the same cents.
            target.value = Number(cell.money);
            target.numFmt = moneyFormat(cell.currency);
          } else if ("date" in cell) {
            target.value = cell.date ? toCellDate(cell.date) : null;
            target.numFmt = dateFormat;
          } else target.value = cell.text ?? "";
        }
        added.commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return toWebStream(output);
}
