// The document list page (invoices, notes, adjustments, every charge): `load` a page of the filter,
// `download` the CSV/XLSX of the whole filtered list (also the payments page's, see payment-list.server);
// shared by the customer portal and the staff customer view. Filters are read field by field in the
// reader's locale.
import { redirect } from "@remix-run/node";
import { streamDocumentListCsv, streamDocumentListXlsx } from "~/domain/documents/export-document-list.server";
import { listDocuments } from "~/domain/documents/list-documents.server";
import {
  DOCUMENT_EXPORT_MAX_ROWS,
  DOCUMENT_LIST_AMOUNT_FIELDS,
  DOCUMENT_LIST_TABS,
  DOCUMENT_ZIP_MAX_DOCUMENTS,
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

/** Why the last ZIP request was refused (the ZIP action sends a browser back here with it). */
export const ZIP_ERRORS = ["empty", "tooMany", "notFound"] as const;
export type ZipError = (typeof ZIP_ERRORS)[number];

function listTabOf(search: URLSearchParams): DocumentListTab {
  const tab = search.get("tab");
  return LIST_PAGE_TABS.find((t) => t === tab) ?? "invoices";
}

/** The list a query string asks for: its tab (or `tab`), and its filters read in the reader's locale. */
export function readDocumentListQuery(
  search: URLSearchParams,
  locale: string,
  tab: DocumentListTab = listTabOf(search),
) {
  const params = new URLSearchParams(search);
  for (const key of ["tab", "zipError", "exportTooLarge"]) params.delete(key);
  const parsed = parseDocumentListSearchParams(params, locale);
  return { tab, ...splitDocumentListQuery(parsed.data), errors: parsed.errors };
}

/** A page of the filtered list `listTab` (or the URL's tab) with its totals; also the payments page's. */
export async function loadList(request: Request, scope: AccountScope, listTab?: DocumentListTab) {
  const url = new URL(request.url);
  const { tab, filters, sort, page, errors } = readDocumentListQuery(url.searchParams, scope.locale, listTab);
  const asOf = todayIn(scope.timeZone);
  const db = await getDb();
  const result = await listDocuments(
    db,
    { accountIds: scope.accountIds, tab, filters, sort, page, asOf },
    { ledgerVersions: scope.ledgerVersions },
  );
  // What the reader typed, shown back in the form as typed ("1.000.000", not "1000000.00").
  const typed = Object.fromEntries(
    [...DOCUMENT_LIST_AMOUNT_FIELDS, "issuedFrom", "issuedTo", "dueFrom", "dueTo"].map((k) => [
      k,
      url.searchParams.get(k) ?? "",
    ]),
  );
  const zipError = url.searchParams.get("zipError");
  return {
    db,
    data: {
      tab,
      filters,
      typed,
      fieldErrors: errors,
      amountExample: new Intl.NumberFormat(scope.locale, { minimumFractionDigits: 2 }).format(1234567.5),
      sort,
      result,
      invalidFilters: Object.keys(errors).length > 0,
      zipError: (ZIP_ERRORS as readonly string[]).includes(zipError ?? "") ? (zipError as ZipError) : null,
      zipMax: DOCUMENT_ZIP_MAX_DOCUMENTS,
      /** The ZIP selection kept in the browser belongs to these accounts (another selection starts afresh). */
      selectionKey: `${scope.basePath}|${[...scope.accountIds].sort().join(",")}`,
      basePath: scope.basePath,
      locale: scope.locale,
      multiAccount: scope.accountIds.length > 1,
      exportTooLarge: url.searchParams.get("exportTooLarge") === "1",
      exportMaxRows: DOCUMENT_EXPORT_MAX_ROWS,
    },
  };
}

/** The document list page (invoices, notes, adjustments, every charge). */
export async function load(request: Request, scope: AccountScope) {
  return (await loadList(request, scope)).data;
}

export type DocumentListData = Awaited<ReturnType<typeof load>>;

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
export async function download(
  request: Request,
  scope: AccountScope,
  input: { format: string | undefined; list: "documents" | "credits" },
) {
  const format = input.format === "csv" || input.format === "xlsx" ? input.format : notFound();
  const url = new URL(request.url);
  const { tab, filters, sort } = readDocumentListQuery(
    url.searchParams,
    scope.locale,
    input.list === "credits" ? "credits" : undefined,
  );
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
