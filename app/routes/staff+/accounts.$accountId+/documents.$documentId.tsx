import type { LoaderFunctionArgs } from "@remix-run/node";
import { DocumentDetailPage } from "~/pages/document-detail";
import { loadDocumentDetail } from "~/pages/document-detail.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.document");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadDocumentDetail(await requireStaffScope(request, params.accountId), params.documentId);
}

export default DocumentDetailPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
