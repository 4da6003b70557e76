import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadPaymentList } from "~/pages/document-list.server";
import { PaymentListPage } from "~/pages/payment-list";
import { requirePortalScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.payments");

export async function loader({ request }: LoaderFunctionArgs) {
  return loadPaymentList(request, await requirePortalScope(request));
}

export default PaymentListPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
