// What each credit (payment, credit note, credit adjustment) paid: its applications to charges, each
// with the reversal that undid it, if any. The payments page and its export show them beside each
// credit's unapplied amount. Scoped to the caller's accounts like every customer query.
import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows, sqlList } from "~/utils/db.server";
import type { MoneyString } from "~/utils/money";

export interface CreditApplication {
  id: string;
  sourceId: string;
  targetId: string;
  targetKind: "invoice" | "debit_note" | "adjustment";
  targetSerieFolio: string;
  amount: MoneyString;
  appliedOn: string;
  /** Set when a later entry reversed this application (it then pays nothing). */
  reversal: { appliedOn: string; reason: string | null } | null;
}

/** The applications made by the given credits, oldest first per credit; credits outside the accounts give none. */
export async function listCreditApplications(
  db: DbOrTx,
  input: { accountIds: string[]; creditIds: string[] },
): Promise<Map<string, CreditApplication[]>> {
  const result = new Map<string, CreditApplication[]>();
  if (input.accountIds.length === 0 || input.creditIds.length === 0) return result;
  const rows = await queryRows<{
    id: string;
    source_id: string;
    target_id: string;
    target_kind: CreditApplication["targetKind"];
    target_serie_folio: string;
    amount: string;
    applied_on: string;
    reversed_on: string | null;
    reversal_reason: string | null;
  }>(
    db,
    sql`
    select a.id, a.source_id, a.target_id, t.kind as target_kind, t.series || '-' || t.folio as target_serie_folio,
      a.amount::text as amount, a.applied_on::text as applied_on,
      r.applied_on::text as reversed_on, r.reason as reversal_reason
    from applications a
    join documents s on s.id = a.source_id
    join documents t on t.id = a.target_id
    left join applications r on r.reverses_id = a.id
    where a.source_id in (${sqlList(input.creditIds)}) and a.reverses_id is null
      and s.account_id in (${sqlList(input.accountIds)})
    order by a.source_id, a.applied_on, t.series, length(t.folio), t.folio, a.id`,
  );
  for (const r of rows) {
    const entry: CreditApplication = {
      id: r.id,
      sourceId: r.source_id,
      targetId: r.target_id,
      targetKind: r.target_kind,
      targetSerieFolio: r.target_serie_folio,
      amount: r.amount,
      appliedOn: r.applied_on,
      reversal: r.reversed_on ? { appliedOn: r.reversed_on, reason: r.reversal_reason } : null,
    };
    result.set(r.source_id, [...(result.get(r.source_id) ?? []), entry]);
  }
  return result;
}
