import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DocumentListPage } from "~/pages/document-list";
import { loadDocumentList } from "~/pages/document-list.server";
import { requireStaffScope } from "~/utils/account-scope.server";

export const meta: MetaFunction = () => [{ title: "Cartera · Facturas" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadDocumentList(request, await requireStaffScope(request, params.accountId));
}

export default DocumentListPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
