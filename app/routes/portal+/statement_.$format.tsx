import type { LoaderFunctionArgs } from "@remix-run/node";
import * as statement from "~/pages/statement.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("portal", async ({ request, params }: LoaderFunctionArgs) => {
  return statement.download(request, await requirePortalScope(request), params.format);
});
