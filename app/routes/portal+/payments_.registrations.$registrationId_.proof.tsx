import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRegistrationProof } from "~/domain/payments/read-payment-registrations.server";
import { proofResponse, requirePaymentCustomer } from "~/pages/payment-registration.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { notFound } from "~/utils/permissions.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("portal", async ({ request, params }: LoaderFunctionArgs) => {
  const { accountIds } = await requirePaymentCustomer(request);
  const proof = await getRegistrationProof(await getDb(), {
    registrationId: requireIdParam(params.registrationId),
    accountIds,
  });
  if (!proof) notFound();
  return proofResponse(proof);
});
