// The payments page (Pagos y saldos a favor): every credit of the filter (a page of them) with what
// each paid, and the CSV/XLSX of the whole filter; shared by the customer portal and the staff view.
import { listCreditApplications } from "~/domain/documents/list-credit-applications.server";
import type { AccountScope } from "~/utils/account-scope.server";
import { cardPaymentsEnabled } from "~/utils/stripe.server";
import * as documentList from "./document-list.server";

/** The payments page: every credit of the filter (a page of them) and, for each one, what it paid. */
export async function load(request: Request, scope: AccountScope) {
  const { db, data } = await documentList.loadList(request, scope, "credits");
  const applications = await listCreditApplications(db, {
    accountIds: scope.accountIds,
    creditIds: data.result.rows.map((r) => r.id),
  });
  return {
    ...data,
    rows: data.result.rows.map((row) => ({ ...row, applications: applications.get(row.id) ?? [] })),
    payByCard: scope.side === "portal" && cardPaymentsEnabled(),
  };
}

export type PaymentListData = Awaited<ReturnType<typeof load>>;

/** CSV or XLSX of every credit of the filter (the URL's filters, no page cursor). */
export function download(request: Request, scope: AccountScope, format: string | undefined) {
  return documentList.download(request, scope, { format, list: "credits" });
}
