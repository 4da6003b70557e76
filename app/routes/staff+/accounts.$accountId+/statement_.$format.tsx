import type { LoaderFunctionArgs } from "@remix-run/node";
import * as statement from "~/pages/statement.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) => {
  return statement.download(request, await requireStaffScope(request, params.accountId), params.format);
});
