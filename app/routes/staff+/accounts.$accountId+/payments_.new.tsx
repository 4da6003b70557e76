// A collector's manual receipt: a payment registered on the customer's behalf, marked staff-entered.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { RegisterPaymentPage } from "~/pages/register-payment";
import { loadStaffRegisterPayment, registerPaymentAction } from "~/pages/register-payment.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.registerPayment");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadStaffRegisterPayment(request, params.accountId);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return registerPaymentAction(request, { kind: "staff", accountId: params.accountId });
}

export default RegisterPaymentPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
