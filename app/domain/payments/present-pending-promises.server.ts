// The pending promises of some accounts, formatted for a reader (home and the staff's customer page).
import type { DbOrTx } from "~/utils/db.server";
import { formatDate } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import { listPendingPromises } from "./read-promises.server";

export async function presentPendingPromises(db: DbOrTx, accountIds: string[], locale: string) {
  const rows = await listPendingPromises(db, accountIds);
  return rows.map((p) => ({
    id: p.id,
    promised: formatMoney(p.amount, p.currency, locale),
    date: formatDate(p.promisedDate, locale),
    paidSoFar: formatMoney(p.paidSoFar, p.currency, locale),
    account: `${p.accountNumber} · ${p.accountName}`,
  }));
}
