import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadDocumentXml } from "~/pages/document-detail.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("portal", async ({ request, params }: LoaderFunctionArgs) => {
  return downloadDocumentXml(await requirePortalScope(request), params.documentId);
});
