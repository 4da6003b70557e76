// Balances and aging, derived in SQL from documents and applications as of a date.
import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { type Currency, type MoneyString, subtractMoney } from "~/utils/money";

import { AGING_BUCKETS, type AgingBucket } from "./aging-buckets";

export { AGING_BUCKETS, type AgingBucket };

export interface AccountBalance {
  accountId: string;
  currency: Currency;
  /** open charges minus unapplied credits */
  balance: MoneyString;
  openCharges: MoneyString;
  unappliedCredits: MoneyString;
  overdue: MoneyString;
  aging: Record<AgingBucket, { amount: MoneyString; count: number }>;
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** SQL bucketing days past due (as of the date) into the aging buckets. */
export function agingBucketSql(dueDate: SQL, asOf: string): SQL {
  const days = sql`(${asOf}::date - ${dueDate})`;
  return sql`case when ${days} <= 0 then 'current' when ${days} <= 30 then 'd1_30' when ${days} <= 60 then 'd31_60'
    when ${days} <= 90 then 'd61_90' when ${days} <= 180 then 'd91_180' else 'd180_plus' end`;
}

/**
 * Open amount of each document as of a date: a charge's amount minus what was applied to it, a credit's
 * amount minus what it applied. Two branches so each correlated sum uses its own index.
 */
export function openAmountSql(asOf?: string): SQL {
  const dateFilter = asOf ? sql`and a.applied_on <= ${asOf}::date` : sql``;
  return sql`d.amount - case when d.effect = 'charge'
      then coalesce((select sum(a.amount) from applications a where a.target_id = d.id ${dateFilter}), 0)
      else coalesce((select sum(a.amount) from applications a where a.source_id = d.id ${dateFilter}), 0) end`;
}

/** Balances per account and currency; amounts of different currencies stay on separate rows. */
export async function getAccountBalances(db: DbOrTx, accountIds: string[], asOf: string): Promise<AccountBalance[]> {
  if (accountIds.length === 0) return [];
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`
    with open_items as (
      select d.account_id, d.currency, d.effect, d.due_date,
             ${openAmountSql(asOf)} as open
      from documents d
      where d.account_id in (${idList(accountIds)})
        and d.status = 'issued'
        and d.issue_date <= ${asOf}::date
    ), bucketed as (
      select account_id, currency, effect, open,
             ${agingBucketSql(sql`due_date`, asOf)} as bucket
      from open_items where open > 0
    )
    select account_id, currency,
      coalesce(sum(open) filter (where effect = 'charge'), 0)::numeric(18,2)::text as open_charges,
      coalesce(sum(open) filter (where effect = 'credit'), 0)::numeric(18,2)::text as unapplied_credits,
      coalesce(sum(open) filter (where effect = 'charge' and bucket <> 'current'), 0)::numeric(18,2)::text as overdue,
      ${sql.join(
        AGING_BUCKETS.map(
          (b) =>
            sql`coalesce(sum(open) filter (where effect = 'charge' and bucket = ${b}), 0)::numeric(18,2)::text as ${sql.identifier(`amount_${b}`)},
                count(*) filter (where effect = 'charge' and bucket = ${b})::int as ${sql.identifier(`count_${b}`)}`,
        ),
        sql`, `,
      )}
    from bucketed
    group by account_id, currency
    order by account_id, currency`,
  );
  return rows.map((r) => {
    const aging = Object.fromEntries(
      AGING_BUCKETS.map((b) => [b, { amount: String(r[`amount_${b}`]), count: Number(r[`count_${b}`]) }]),
    ) as AccountBalance["aging"];
    const openCharges = String(r.open_charges);
    const unapplied = String(r.unapplied_credits);
    return {
      accountId: String(r.account_id),
      currency: r.currency as Currency,
      openCharges,
      unappliedCredits: unapplied,
      balance: subtractMoney(openCharges, unapplied),
      overdue: String(r.overdue),
      aging,
    };
  });
}

/** Open amount of each given document as of a date (charges: unpaid; credits: unapplied). */
export async function getOpenAmounts(
  db: DbOrTx,
  documentIds: string[],
  asOf?: string,
): Promise<Map<string, MoneyString>> {
  if (documentIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; open: string }>(
    db,
    sql`
    select d.id, (${openAmountSql(asOf)})::numeric(18,2)::text as open
    from documents d where d.id in (${idList(documentIds)})`,
  );
  return new Map(rows.map((r) => [r.id, r.open]));
}
