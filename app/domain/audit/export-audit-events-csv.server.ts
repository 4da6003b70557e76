// Exports the filtered audit trail as CSV, streamed a batch at a time (RFC 4180: CRLF line ends, fields
// quoted when they hold a comma, quote or line break, quotes doubled; UTF-8 with a BOM so Excel reads
// the accents). Columns: audit-export-rows.ts. The caller checks the row cap first (countAuditEvents).
import type { TFunction } from "i18next";
import { csvSafeText } from "~/utils/csv";
import type { DbOrTx } from "~/utils/db.server";
import { AUDIT_EXPORT_COLUMNS, auditExportHeader, createAuditExportCells } from "./audit-export-rows";
import { iterateAuditEvents } from "./list-audit-events.server";
import { AUDIT_EXPORT_MAX_ROWS, type AuditTrailFilters } from "./schemas";

const BOM = "\uFEFF";

/**
 * Quotes a field when needed. A field a spreadsheet would read as a formula (=, +, -, @, tab or CR
 * first: an email typed at sign-in can be "=HYPERLINK(…)") gets a leading apostrophe, OWASP's
 * defence against CSV injection; the exact value is still in the JSON columns.
 */
export function csvField(value: string): string {
  const safe = csvSafeText(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function streamAuditEventsCsv(
  db: DbOrTx,
  input: { filters: AuditTrailFilters; t: TFunction; max?: number },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const cellsOf = createAuditExportCells(input.t);
  const batches = iterateAuditEvents(db, input.filters, { max: input.max ?? AUDIT_EXPORT_MAX_ROWS });
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(BOM + auditExportHeader(input.t).map(csvField).join(",") + "\r\n"));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const lines = next.value.map((row) => {
        const cells = cellsOf(row);
        return AUDIT_EXPORT_COLUMNS.map((c) => csvField(cells[c])).join(",") + "\r\n";
      });
      controller.enqueue(encoder.encode(lines.join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
