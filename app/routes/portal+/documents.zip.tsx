import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { downloadDocumentsZip } from "~/pages/document-detail.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export async function loader() {
  return redirect("/portal/invoices");
}

export const action = withErrorPage("portal", async ({ request }: ActionFunctionArgs) => {
  return downloadDocumentsZip(request, await requirePortalScope(request));
});
