// Loader of the invoice and note lists, shared by the customer portal and the staff customer view.
import { listDocuments } from "~/domain/documents/list-documents.server";
import {
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
  // Empty form fields arrive as "": they mean "no filter".
  for (const [key, value] of [...params.entries()]) if (value === "") params.delete(key);
  const parsed = parseDocumentListSearchParams(params);
  const query = parsed.success ? parsed.data : parseDocumentListSearchParams(new URLSearchParams()).data!;
  const { filters, sort, page } = splitDocumentListQuery(query);
  const asOf = todayIn(scope.timeZone);
  const result = await listDocuments(
    await getDb(),
    { accountIds: scope.accountIds, tab, filters, sort, page, asOf },
    { ledgerVersions: scope.ledgerVersions },
  );
  return {
    tab,
    filters,
    sort,
    result,
    invalidFilters: !parsed.success,
    basePath: scope.basePath,
    locale: scope.locale,
    multiAccount: scope.accountIds.length > 1,
  };
}

export type DocumentListData = Awaited<ReturnType<typeof loadDocumentList>>;
