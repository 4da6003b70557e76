// CSV or XLSX of every credit of the payments page's filter (the URL's filters, no page cursor).
import type { LoaderFunctionArgs } from "@remix-run/node";
import * as paymentList from "~/pages/payment-list.server";
import { requireStaffScope } from "~/utils/account-scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return paymentList.download(request, await requireStaffScope(request, params.accountId), params.format);
}
