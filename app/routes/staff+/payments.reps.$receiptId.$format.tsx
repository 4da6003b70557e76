// A REP (CFDI type P) as staff download it: only of accounts they reach.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findReceiptAccount } from "~/domain/payments/read-payment-registrations.server";
import { downloadRep } from "~/pages/payment-registration.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { notFound } from "~/utils/permissions.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) => {
  // Signed-in staff first: nobody else learns whether a REP exists.
  await requireStaffUser(request);
  const id = requireIdParam(params.receiptId);
  const accountId = await findReceiptAccount(await getDb(), id);
  if (!accountId) notFound();
  const scope = await requireStaffScope(request, accountId);
  return downloadRep(scope, scope.accountIds, id, params.format);
});
