// Loaders of the document lists (invoices, notes, adjustments, every charge) and of the payments page
// (every credit, with what it paid), and their CSV/XLSX exports of the whole filtered list; shared by
// the customer portal and the staff customer view.
import { redirect } from "@remix-run/node";
import { streamDocumentListCsv, streamDocumentListXlsx } from "~/domain/documents/export-document-list.server";
import { listCreditApplications } from "~/domain/documents/list-credit-applications.server";
import { listDocuments } from "~/domain/documents/list-documents.server";
import {
  DOCUMENT_EXPORT_MAX_ROWS,
  DOCUMENT_LIST_TABS,
  type DocumentListTab,
  parseDocumentListSearchParams,
  splitDocumentListQuery,
} from "~/domain/documents/schemas";
import type { AccountScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { getFixedT, todayIn } from "~/utils/i18n";
import { notFound } from "~/utils/permissions.server";
import { consumeRateLimit, rateLimitMessage, tooManyRequests } from "~/utils/rate-limit.server";

/** The tabs of the document list page; "credits" is the payments page. */
export const LIST_PAGE_TABS = DOCUMENT_LIST_TABS.filter((tab) => tab !== "credits");

function readListQuery(url: URL, tab: DocumentListTab) {
  const params = new URLSearchParams(url.searchParams);
  for (const key of ["tab", "exportTooLarge"]) params.delete(key);
  // Empty form fields arrive as "": they mean "no filter".
  for (const [key, value] of [...params.entries()]) if (value === "") params.delete(key);
  const parsed = parseDocumentListSearchParams(params);
  const query = parsed.success ? parsed.data : parseDocumentListSearchParams(new URLSearchParams()).data!;
  return { tab, ...splitDocumentListQuery(query), invalidFilters: !parsed.success };
}

function listTabOf(url: URL): DocumentListTab {
  const tab = url.searchParams.get("tab");
  return LIST_PAGE_TABS.find((t) => t === tab) ?? "invoices";
}

async function loadList(request: Request, scope: AccountScope, tab: DocumentListTab) {
  const url = new URL(request.url);
  const { filters, sort, page, invalidFilters } = readListQuery(url, tab);
  const asOf = todayIn(scope.timeZone);
  const db = await getDb();
  const result = await listDocuments(
    db,
    { accountIds: scope.accountIds, tab, filters, sort, page, asOf },
    { ledgerVersions: scope.ledgerVersions },
  );
  return {
    db,
    data: {
      tab,
      filters,
      sort,
      result,
      invalidFilters,
      exportTooLarge: url.searchParams.get("exportTooLarge") === "1",
      exportMaxRows: DOCUMENT_EXPORT_MAX_ROWS,
      basePath: scope.basePath,
      locale: scope.locale,
      multiAccount: scope.accountIds.length > 1,
    },
  };
}

export async function loadDocumentList(request: Request, scope: AccountScope) {
  return (await loadList(request, scope, listTabOf(new URL(request.url)))).data;
}

export type DocumentListData = Awaited<ReturnType<typeof loadDocumentList>>;

/** The payments page: every credit of the filter (a page of them) and, for each one, what it paid. */
export async function loadPaymentList(request: Request, scope: AccountScope) {
  const { db, data } = await loadList(request, scope, "credits");
  const applications = await listCreditApplications(db, {
    accountIds: scope.accountIds,
    creditIds: data.result.rows.map((r) => r.id),
  });
  return {
    ...data,
    rows: data.result.rows.map((row) => ({ ...row, applications: applications.get(row.id) ?? [] })),
  };
}

export type PaymentListData = Awaited<ReturnType<typeof loadPaymentList>>;

const EXPORTS = {
  csv: { type: "text/csv; charset=utf-8", stream: streamDocumentListCsv },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stream: streamDocumentListXlsx },
} as const;

const FILE_NAMES: Record<DocumentListTab, string> = {
  invoices: "facturas",
  notes: "notas",
  adjustments: "ajustes",
  charges: "cargos",
  credits: "pagos-y-saldos-a-favor",
};

/**
 * CSV or XLSX of every row of the filter (`list`: the document list's tabs; `credits`: the payments
 * page). A filter over DOCUMENT_EXPORT_MAX_ROWS goes back to its page, which says why.
 */
export async function downloadDocumentList(
  request: Request,
  scope: AccountScope,
  input: { format: string | undefined; list: "documents" | "credits" },
) {
  const format = input.format === "csv" || input.format === "xlsx" ? input.format : notFound();
  const url = new URL(request.url);
  const tab = input.list === "credits" ? "credits" : listTabOf(url);
  const { filters, sort } = readListQuery(url, tab);
  const asOf = todayIn(scope.timeZone);
  const db = await getDb();
  const list = { accountIds: scope.accountIds, tab, filters, sort, asOf };
  const { total } = await listDocuments(db, { ...list, page: { size: 1 } });
  if ((total ?? 0) > DOCUMENT_EXPORT_MAX_ROWS) {
    const back = new URLSearchParams(url.searchParams);
    back.set("exportTooLarge", "1");
    return redirect(`${scope.basePath}/${input.list === "credits" ? "payments" : "invoices"}?${back}`);
  }
  const t = getFixedT(scope.language);
  const limit = await consumeRateLimit("listExport", scope.user.id);
  if (!limit.ok)
    return tooManyRequests(
      rateLimitMessage(t, "rateLimit.downloads", limit.retryAfterSeconds),
      limit.retryAfterSeconds,
    );
  const fileName = `${FILE_NAMES[tab]}-${asOf}.${format}`;
  const stream = EXPORTS[format].stream(db, {
    list,
    t,
    locale: scope.locale,
    multiAccount: scope.accountIds.length > 1,
  });
  return new Response(stream, {
    headers: {
      "Content-Type": EXPORTS[format].type,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
