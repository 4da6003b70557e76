import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { downloadDocumentsZip } from "~/pages/document-detail.server";
import { requirePortalScope } from "~/utils/account-scope.server";

export async function loader() {
  return redirect("/portal/invoices");
}

export async function action({ request }: ActionFunctionArgs) {
  return downloadDocumentsZip(request, await requirePortalScope(request));
}
