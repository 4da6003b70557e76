// CSV and XLSX exports of the filtered audit trail (the page's filters, no page cursor). Auditors and
// administrators only. A filter matching more than AUDIT_EXPORT_MAX_ROWS events is refused before
// anything is streamed: back to the page, which says why. Exports have a budget per user (ADR 005).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { streamAuditEventsCsv } from "~/domain/audit/export-audit-events-csv.server";
import { streamAuditEventsXlsx } from "~/domain/audit/export-audit-events-xlsx.server";
import { countAuditEvents } from "~/domain/audit/list-audit-events.server";
import {
  AUDIT_EXPORT_MAX_ROWS,
  AUDIT_TIME_ZONE,
  auditTrailSearchParams,
  parseAuditTrailSearchParams,
} from "~/domain/audit/schemas";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { getRequestT } from "~/utils/language.server";
import { notFound, requireStaffPermission } from "~/utils/permissions.server";
import { consumeRateLimit, rateLimitMessage, tooManyRequests } from "~/utils/rate-limit.server";
import { withErrorPage } from "~/utils/resource-errors.server";

const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", stream: streamAuditEventsCsv },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stream: streamAuditEventsXlsx },
} as const;

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireStaffPermission(request, "read:audit");
  const format = params.format === "csv" || params.format === "xlsx" ? FORMATS[params.format] : notFound();
  const { filters } = parseAuditTrailSearchParams(new URL(request.url).searchParams);
  const db = await getDb();
  if ((await countAuditEvents(db, filters, AUDIT_EXPORT_MAX_ROWS + 1)) > AUDIT_EXPORT_MAX_ROWS) {
    const query = auditTrailSearchParams(filters);
    query.set("exportTooLarge", "1");
    return redirect(`/staff/audit?${query}`);
  }
  const { t } = await getRequestT(request, user);
  // Counted once there is something to build: a refused or too-large export costs nothing.
  const limit = await consumeRateLimit("auditExport", user.id);
  if (!limit.ok)
    return tooManyRequests(
      rateLimitMessage(t, "rateLimit.downloads", limit.retryAfterSeconds),
      limit.retryAfterSeconds,
    );
  const fileName = `auditoria-${todayIn(AUDIT_TIME_ZONE)}.${params.format}`;
  return new Response(format.stream(db, { filters, t }), {
    headers: {
      "Content-Type": format.type,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
