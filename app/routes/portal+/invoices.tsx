import type { LoaderFunctionArgs } from "@remix-run/node";
import { DocumentListPage } from "~/pages/document-list";
import { loadDocumentList } from "~/pages/document-list.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.invoices");

export async function loader({ request }: LoaderFunctionArgs) {
  return loadDocumentList(request, await requirePortalScope(request));
}

export default DocumentListPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
