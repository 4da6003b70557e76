import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadPaymentList } from "~/pages/document-list.server";
import { PaymentListPage } from "~/pages/payment-list";
import { requireStaffScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.payments");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPaymentList(request, await requireStaffScope(request, params.accountId));
}

export default PaymentListPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
