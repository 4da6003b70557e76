import type { LoaderFunctionArgs } from "@remix-run/node";
import { Page } from "~/pages/payment-list";
import * as paymentList from "~/pages/payment-list.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

// The render is a function of the loader data alone: its HTML may come from the render cache (app/utils/render-cache.server.ts).
export const handle = { renderCache: true };

export const meta = pageTitle("titles.payments");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return paymentList.load(request, await requireStaffScope(request, params.accountId));
}

export default Page;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
