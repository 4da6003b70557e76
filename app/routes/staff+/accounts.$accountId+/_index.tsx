import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page as AccountHome } from "~/pages/account-home";
import * as accountHome from "~/pages/account-home.server";
import { Page as AccountUsers } from "~/pages/account-users";
import * as accountUsers from "~/pages/account-users.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";
import { passRetryAfter } from "~/utils/rate-limit.server";

// The render is a function of the loader data alone: its HTML may come from the render cache (app/utils/render-cache.server.ts).
export const handle = { renderCache: true };

/** An action over its budget answers 429 with Retry-After (see utils/rate-limit.server.ts). */
export const headers: HeadersFunction = passRetryAfter;

export const meta = pageTitle("titles.customer");

/** The staff customer page: the account's home, and its users below. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  const [home, users] = await Promise.all([accountHome.load(request, scope), accountUsers.load(request, scope)]);
  return { home, users, legalName: scope.account.legalName };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return accountUsers.act(request, await requireStaffScope(request, params.accountId));
}

export default function StaffAccount() {
  const { home, users, legalName } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <AccountHome data={home} title={legalName} />
      <AccountUsers data={users} embedded />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
