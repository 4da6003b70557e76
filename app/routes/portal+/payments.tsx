import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { loadPaymentList } from "~/pages/document-list.server";
import { PaymentListPage } from "~/pages/payment-list";
import { requirePortalScope } from "~/utils/account-scope.server";

export const meta: MetaFunction = () => [{ title: "Cartera · Pagos y saldos a favor" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return loadPaymentList(request, await requirePortalScope(request));
}

export default PaymentListPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
