// Exports the filtered audit trail as an Excel workbook, written with exceljs's streaming writer a
// batch at a time, so memory holds one batch whatever the export's size. The time is a date cell (the
// Mexico City wall time, so Excel sorts and filters by it); every other cell is text, never a formula.
// Columns: audit-export-rows.ts. The caller checks the row cap first (countAuditEvents).
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { DbOrTx } from "~/utils/db.server";
import { toWebStream } from "~/utils/streams.server";
import {
  AUDIT_EXPORT_COLUMNS,
  type AuditExportColumn,
  auditExportHeader,
  createAuditExportCells,
} from "./audit-export-rows";
import { iterateAuditEvents } from "./list-audit-events.server";
import { AUDIT_EXPORT_MAX_ROWS, type AuditTrailFilters } from "./schemas";

const WIDTHS: Record<AuditExportColumn, number> = {
  time: 20,
  utc: 26,
  actor: 30,
  actorName: 24,
  ip: 16,
  userAgent: 30,
  actionCode: 34,
  action: 36,
  entityType: 18,
  entityId: 28,
  account: 12,
  accountName: 30,
  changes: 60,
  before: 40,
  after: 40,
  id: 26,
};

/** "2026-11-20 14:03:05" as an Excel date: the wall time at UTC, which exceljs writes without a shift. */
function toCellDate(wallTime: string): Date {
  return new Date(`${wallTime.replace(" ", "T")}Z`);
}

export function streamAuditEventsXlsx(
  db: DbOrTx,
  input: { filters: AuditTrailFilters; t: TFunction; max?: number },
): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(input.t("audit.sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = AUDIT_EXPORT_COLUMNS.map((key, i) => ({
    key,
    header: auditExportHeader(input.t)[i],
    width: WIDTHS[key],
  }));
  sheet.getRow(1).font = { bold: true };
  const cellsOf = createAuditExportCells(input.t);
  const batches = iterateAuditEvents(db, input.filters, { max: input.max ?? AUDIT_EXPORT_MAX_ROWS });
  void (async () => {
    for await (const batch of batches) {
      if (output.destroyed) return;
      for (const row of batch) {
        const cells = cellsOf(row);
        const added = sheet.addRow({ ...cells, time: toCellDate(cells.time) });
        added.getCell("time").numFmt = "yyyy-mm-dd hh:mm:ss";
        added.commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return toWebStream(output);
}
