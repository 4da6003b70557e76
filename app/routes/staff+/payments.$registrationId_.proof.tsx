import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRegistrationProof, getStaffRegistration } from "~/domain/payments/read-payment-registrations.server";
import { proofResponse } from "~/pages/payment-registration.server";
import { requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { notFound } from "~/utils/permissions.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireStaffUser(request);
  const db = await getDb();
  const detail = await getStaffRegistration(db, user, requireIdParam(params.registrationId));
  if (!detail) notFound();
  const proof = await getRegistrationProof(db, {
    registrationId: detail.registration.id,
    accountIds: [detail.registration.accountId],
  });
  if (!proof) notFound();
  return proofResponse(proof);
});
