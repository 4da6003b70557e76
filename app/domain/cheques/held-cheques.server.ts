// Cheques that are not money yet (in custody or at the bank) while their ledger payment stands: the
// payment already lowered the balance, so the credit line adds them back as used. Read by the account
// overview (through the page cache: cheques bump the ledger version, migration 0022).
import { and, inArray, isNotNull, sql } from "drizzle-orm";
import { cheques } from "#db/schema";
import { HELD_CHEQUE_STATUSES } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";

export async function getHeldChequeTotals(db: DbOrTx, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db
    .select({
      accountId: cheques.accountId,
      currency: cheques.currency,
      amount: sql<string>`sum(${cheques.amount})::text`,
      count: sql<number>`count(*)::int`,
    })
    .from(cheques)
    .where(
      and(
        inArray(cheques.accountId, [...accountIds]),
        inArray(cheques.status, [...HELD_CHEQUE_STATUSES]),
        isNotNull(cheques.paymentDocumentId),
      ),
    )
    .groupBy(cheques.accountId, cheques.currency);
}
