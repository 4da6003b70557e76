import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Page } from "~/pages/statement";
import * as statement from "~/pages/statement.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";
import { passRetryAfter } from "~/utils/rate-limit.server";

// The render is a function of the loader data alone: its HTML may come from the render cache (app/utils/render-cache.server.ts).
export const handle = { renderCache: true };

/** An action over its budget answers 429 with Retry-After (see utils/rate-limit.server.ts). */
export const headers: HeadersFunction = passRetryAfter;

export const meta = pageTitle("titles.statement");

export async function loader({ request }: LoaderFunctionArgs) {
  return statement.load(request, await requirePortalScope(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return statement.act(request, await requirePortalScope(request));
}

export default Page;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
