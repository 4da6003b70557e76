// Loader of the invoice and note lists, shared by the customer portal and the staff customer view.
import { listDocuments } from "~/domain/documents/list-documents.server";
import {
  DOCUMENT_LIST_AMOUNT_FIELDS,
  type DocumentListTab,
  parseDocumentListSearchParams,
  splitDocumentListQuery,
} from "~/domain/documents/schemas";
import type { AccountScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";

export async function loadDocumentList(request: Request, scope: AccountScope) {
  const url = new URL(request.url);
  const tab: DocumentListTab = url.searchParams.get("tab") === "notes" ? "notes" : "invoices";
  const params = new URLSearchParams(url.searchParams);
  params.delete("tab");
  const parsed = parseDocumentListSearchParams(params, scope.locale);
  const { filters, sort, page } = splitDocumentListQuery(parsed.data);
  // What the reader typed, shown back in the form as typed ("1.000.000", not "1000000.00").
  const typed = Object.fromEntries(
    [...DOCUMENT_LIST_AMOUNT_FIELDS, "issuedFrom", "issuedTo", "dueFrom", "dueTo"].map((k) => [k, url.searchParams.get(k) ?? ""]),
  );
  const asOf = todayIn(scope.timeZone);
  const result = await listDocuments(await getDb(), { accountIds: scope.accountIds, tab, filters, sort, page, asOf });
  return {
    tab,
    filters,
    sort,
    result,
    typed,
    amountExample: new Intl.NumberFormat(scope.locale, { minimumFractionDigits: 2 }).format(1234567.5),
    fieldErrors: parsed.errors,
    invalidFilters: Object.keys(parsed.errors).length > 0,
    basePath: scope.basePath,
    locale: scope.locale,
    multiAccount: scope.accountIds.length > 1,
  };
}

export type DocumentListData = Awaited<ReturnType<typeof loadDocumentList>>;
