import type { LoaderFunctionArgs } from "@remix-run/node";
import { Page } from "~/pages/document-list";
import * as documentList from "~/pages/document-list.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.invoices");

export async function loader({ request }: LoaderFunctionArgs) {
  return documentList.load(request, await requirePortalScope(request));
}

export default Page;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
