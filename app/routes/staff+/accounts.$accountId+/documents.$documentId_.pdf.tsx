import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadDocumentPdf } from "~/pages/document-detail.server";
import { requireStaffScope } from "~/utils/account-scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return downloadDocumentPdf(await requireStaffScope(request, params.accountId), params.documentId);
}
