import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { downloadDocumentsZip } from "~/pages/document-detail.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { requireIdParam } from "~/utils/input";
import { withErrorPage } from "~/utils/resource-errors.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/staff/accounts/${requireIdParam(params.accountId)}/invoices`);
}

export const action = withErrorPage("staff", async ({ request, params }: ActionFunctionArgs) => {
  return downloadDocumentsZip(request, await requireStaffScope(request, params.accountId));
});
