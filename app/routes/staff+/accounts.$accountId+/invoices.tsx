import type { LoaderFunctionArgs } from "@remix-run/node";
import { Page } from "~/pages/document-list";
import * as documentList from "~/pages/document-list.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

// The render is a function of the loader data alone: its HTML may come from the render cache (app/utils/render-cache.server.ts).
export const handle = { renderCache: true };

export const meta = pageTitle("titles.invoices");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return documentList.load(request, await requireStaffScope(request, params.accountId));
}

export default Page;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
