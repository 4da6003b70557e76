import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { loadPaymentList } from "~/pages/document-list.server";
import { PaymentListPage } from "~/pages/payment-list";
import { requireStaffScope } from "~/utils/account-scope.server";

export const meta: MetaFunction = () => [{ title: "Cartera · Pagos y saldos a favor" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPaymentList(request, await requireStaffScope(request, params.accountId));
}

export default PaymentListPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
