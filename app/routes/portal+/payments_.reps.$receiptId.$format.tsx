// A REP (CFDI type P) of the customer's payments: the stamped XML, or its printed PDF.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadRep, requirePaymentCustomer } from "~/pages/payment-registration.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("portal", async ({ request, params }: LoaderFunctionArgs) => {
  const { scope, accountIds } = await requirePaymentCustomer(request);
  return downloadRep(scope, accountIds, params.receiptId, params.format);
});
