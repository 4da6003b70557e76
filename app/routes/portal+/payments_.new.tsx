// Registering a payment (transfer, deposit, cheque) with its proof and allocation; see app/pages/register-payment.*.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { RegisterPaymentPage } from "~/pages/register-payment";
import { loadCustomerRegisterPayment, registerPaymentAction } from "~/pages/register-payment.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.registerPayment");

export async function loader({ request }: LoaderFunctionArgs) {
  return loadCustomerRegisterPayment(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return registerPaymentAction(request, { kind: "portal" });
}

export default RegisterPaymentPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
