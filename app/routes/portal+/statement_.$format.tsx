import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadStatement } from "~/pages/statement.server";
import { requirePortalScope } from "~/utils/account-scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return downloadStatement(request, await requirePortalScope(request), params.format);
}
