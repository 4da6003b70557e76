import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCustomerRegistration } from "~/domain/payments/read-payment-registrations.server";
import { downloadProvisionalReceipt, requirePaymentCustomer } from "~/pages/payment-registration.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { notFound } from "~/utils/permissions.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("portal", async ({ request, params }: LoaderFunctionArgs) => {
  const { scope, accountIds } = await requirePaymentCustomer(request);
  const detail = await getCustomerRegistration(await getDb(), accountIds, requireIdParam(params.registrationId));
  if (!detail) notFound();
  return downloadProvisionalReceipt(scope, detail);
});
