import type { LoaderFunctionArgs } from "@remix-run/node";
import { Page } from "~/pages/document-detail";
import * as documentDetail from "~/pages/document-detail.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

// The render is a function of the loader data alone: its HTML may come from the render cache (app/utils/render-cache.server.ts).
export const handle = { renderCache: true };

export const meta = pageTitle("titles.document");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return documentDetail.load(await requirePortalScope(request), params.documentId);
}

export default Page;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
