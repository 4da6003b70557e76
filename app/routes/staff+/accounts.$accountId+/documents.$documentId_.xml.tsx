import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadDocumentXml } from "~/pages/document-detail.server";
import { requireStaffScope } from "~/utils/account-scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return downloadDocumentXml(await requireStaffScope(request, params.accountId), params.documentId);
}
