import type { LoaderFunctionArgs } from "@remix-run/node";
import { getStaffRegistration } from "~/domain/payments/read-payment-registrations.server";
import { downloadProvisionalReceipt } from "~/pages/payment-registration.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { notFound } from "~/utils/permissions.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireStaffUser(request);
  const detail = await getStaffRegistration(await getDb(), user, requireIdParam(params.registrationId));
  if (!detail) notFound();
  return downloadProvisionalReceipt(await requireStaffScope(request, detail.registration.accountId), detail);
});
