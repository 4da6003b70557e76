import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "~/pages/account-users";
import { act, load } from "~/pages/account-users.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";
import { passRetryAfter } from "~/utils/rate-limit.server";

/** An action over its budget answers 429 with Retry-After (see utils/rate-limit.server.ts). */
export const headers: HeadersFunction = passRetryAfter;

export const meta = pageTitle("titles.users");

export async function loader({ request }: LoaderFunctionArgs) {
  return load(request, await requirePortalScope(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return act(request, await requirePortalScope(request));
}

export default function PortalUsers() {
  return <Page data={useLoaderData<typeof loader>()} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
