import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadDocumentXml } from "~/pages/document-detail.server";
import { requirePortalScope } from "~/utils/account-scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return downloadDocumentXml(await requirePortalScope(request), params.documentId);
}
