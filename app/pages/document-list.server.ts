// Loader of the invoice and note lists, shared by the customer portal and the staff customer view.
import { listDocuments } from "~/domain/documents/list-documents.server";
import {
  DOCUMENT_LIST_AMOUNT_FIELDS,
  DOCUMENT_ZIP_MAX_DOCUMENTS,
  type DocumentListTab,
  parseDocumentListSearchParams,
  splitDocumentListQuery,
} from "~/domain/documents/schemas";
import type { AccountScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";

/** Why the last ZIP request was refused (the ZIP action sends a browser back here with it). */
export const ZIP_ERRORS = ["empty", "tooMany", "notFound"] as const;
export type ZipError = (typeof ZIP_ERRORS)[number];

/** The list a query string asks for: its tab, and its filters read in the reader's locale. */
export function readDocumentListQuery(search: URLSearchParams, locale: string) {
  const tab: DocumentListTab = search.get("tab") === "notes" ? "notes" : "invoices";
  const params = new URLSearchParams(search);
  for (const key of ["tab", "zipError"]) params.delete(key);
  const parsed = parseDocumentListSearchParams(params, locale);
  return { tab, ...splitDocumentListQuery(parsed.data), errors: parsed.errors };
}

export async function loadDocumentList(request: Request, scope: AccountScope) {
  const url = new URL(request.url);
  const { tab, filters, sort, page, errors } = readDocumentListQuery(url.searchParams, scope.locale);
  const asOf = todayIn(scope.timeZone);
  const result = await listDocuments(await getDb(), { accountIds: scope.accountIds, tab, filters, sort, page, asOf });
  // What the reader typed, shown back in the form as typed ("1.000.000", not "1000000.00").
  const typed = Object.fromEntries(
    [...DOCUMENT_LIST_AMOUNT_FIELDS, "issuedFrom", "issuedTo", "dueFrom", "dueTo"].map((k) => [
      k,
      url.searchParams.get(k) ?? "",
    ]),
  );
  const zipError = url.searchParams.get("zipError");
  return {
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
  };
}

export type DocumentListData = Awaited<ReturnType<typeof loadDocumentList>>;
