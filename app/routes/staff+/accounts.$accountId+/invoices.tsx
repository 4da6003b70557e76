import type { LoaderFunctionArgs } from "@remix-run/node";
import { Page } from "~/pages/document-list";
import * as documentList from "~/pages/document-list.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.invoices");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return documentList.load(request, await requireStaffScope(request, params.accountId));
}

export default Page;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
