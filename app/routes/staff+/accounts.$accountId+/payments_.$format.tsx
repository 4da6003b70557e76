// CSV or XLSX of every credit of the payments page's filter (the URL's filters, no page cursor).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadDocumentList } from "~/pages/document-list.server";
import { requireStaffScope } from "~/utils/account-scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return downloadDocumentList(request, await requireStaffScope(request, params.accountId), {
    format: params.format,
    list: "credits",
  });
}
