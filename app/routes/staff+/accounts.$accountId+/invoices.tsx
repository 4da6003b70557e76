import type { LoaderFunctionArgs } from "@remix-run/node";
import { DocumentListPage } from "~/pages/document-list";
import { loadDocumentList } from "~/pages/document-list.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.invoices");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadDocumentList(request, await requireStaffScope(request, params.accountId));
}

export default DocumentListPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
