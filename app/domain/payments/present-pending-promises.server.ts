// The pending promises of some accounts, formatted for a reader (home and the staff's customer page),
// through the page cache: a promise recorded, settled or withdrawn bumps the account's ledger version
// (migration 0018), and what was paid towards it moves with applications, which bump it too.
import { type LedgerVersions, cachedLedgerRead } from "~/domain/ledger/ledger-cache.server";
import type { DbOrTx } from "~/utils/db.server";
import { formatDate } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import { listPendingPromises } from "./read-promises.server";

export async function presentPendingPromises(
  db: DbOrTx,
  accountIds: string[],
  locale: string,
  ledgerVersions?: LedgerVersions,
) {
  const rows = await cachedLedgerRead({
    name: "pendingPromises",
    accountIds,
    versions: ledgerVersions,
    args: null,
    compute: () => listPendingPromises(db, accountIds),
    weigh: (value) => Math.max(1, value.length),
  });
  return rows.map((p) => ({
    id: p.id,
    promised: formatMoney(p.amount, p.currency, locale),
    date: formatDate(p.promisedDate, locale),
    paidSoFar: formatMoney(p.paidSoFar, p.currency, locale),
    account: `${p.accountNumber} · ${p.accountName}`,
  }));
}
