import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { StatementPage } from "~/pages/statement";
import { handleStatementAction, loadStatement } from "~/pages/statement.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { readForm } from "~/utils/form.server";
import { pageTitle } from "~/utils/page-title";
import { passRetryAfter } from "~/utils/rate-limit.server";

/** An action over its budget answers 429 with Retry-After (see utils/rate-limit.server.ts). */
export const headers: HeadersFunction = passRetryAfter;

export const meta = pageTitle("titles.statement");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadStatement(request, await requireStaffScope(request, params.accountId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  return handleStatementAction(request, scope, await readForm(request));
}

export default StatementPage;

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
