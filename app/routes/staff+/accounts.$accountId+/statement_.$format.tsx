import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadStatement } from "~/pages/statement.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) => {
  return downloadStatement(request, await requireStaffScope(request, params.accountId), params.format);
});
