import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadDocumentPdf } from "~/pages/document-detail.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) => {
  return downloadDocumentPdf(await requireStaffScope(request, params.accountId), params.documentId);
});
