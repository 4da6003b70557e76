// CSV or XLSX of every document of the list's filter and tab (the URL's filters, no page cursor).
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as documentList from "~/pages/document-list.server";
import { requireStaffScope } from "~/utils/account-scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return documentList.download(request, await requireStaffScope(request, params.accountId), {
    format: params.format,
    list: "documents",
  });
}
