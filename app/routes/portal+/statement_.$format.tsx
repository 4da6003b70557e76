import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadStatement } from "~/pages/statement.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("portal", async ({ request, params }: LoaderFunctionArgs) => {
  return downloadStatement(request, await requirePortalScope(request), params.format);
});
