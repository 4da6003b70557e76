// Balances and aging as of a date, read from the documents' stored open amounts (open-items.server.ts,
// ADR 009): what is open today is a column, and what was open at an earlier date is today's figure
// plus the applications dated after it, which only the documents touched since carry.
import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, queryRows, sqlList } from "~/utils/db.server";
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

/** SQL bucketing days past due (as of the date) into the aging buckets. */
export function agingBucketSql(dueDate: SQL, asOf: string): SQL {
  const days = sql`(${asOf}::date - ${dueDate})`;
  return sql`case when ${days} <= 0 then 'current' when ${days} <= 30 then 'd1_30' when ${days} <= 60 then 'd31_60'
    when ${days} <= 90 then 'd61_90' when ${days} <= 180 then 'd91_180' else 'd180_plus' end`;
}

/**
 * The definition: open amount of document `d` as of a date, summed from its whole history — a charge's
 * amount minus what was applied to it, a credit's amount minus what it applied (reversal rows count
 * negative). Reads use openAmountAsOfSql instead; this is what the stored amounts are verified against.
 * Two branches so each correlated sum uses its own index.
 */
export function openAmountSql(asOf?: string): SQL {
  const dateFilter = asOf ? sql`and a.applied_on <= ${asOf}::date` : sql``;
  return sql`d.amount - case when d.effect = 'charge'
      then coalesce((select sum(a.amount) from applications a where a.target_id = d.id ${dateFilter}), 0)
      else coalesce((select sum(a.amount) from applications a where a.source_id = d.id ${dateFilter}), 0) end`;
}

/** What was applied to (charge) or by (credit) document `d` after a date; only looked up when it was touched since. */
function appliedAfterSql(asOf: string): SQL {
  return sql`case when d.last_applied_on > ${asOf}::date then
      case when d.effect = 'charge'
        then coalesce((select sum(a.amount) from applications a where a.target_id = d.id and a.applied_on > ${asOf}::date), 0)
        else coalesce((select sum(a.amount) from applications a where a.source_id = d.id and a.applied_on > ${asOf}::date), 0) end
      else 0 end`;
}

/**
 * Open amount of document `d` as of a date, from its stored amounts: amount − applied_amount, plus what
 * was applied after the date when the document was touched after it (last_applied_on > asOf), which
 * for today's pages is almost never and for a past date a few documents. Equal to openAmountSql(asOf)
 * for every document (tests/integration/open-items.test.ts); like it, it ignores the status (callers
 * leave cancelled documents out). Without a date: what is open after every application.
 */
export function openAmountAsOfSql(asOf?: string): SQL {
  if (!asOf) return sql`(d.amount - d.applied_amount)`;
  return sql`(d.amount - d.applied_amount + ${appliedAfterSql(asOf)})`;
}

/**
 * The issued documents of the accounts with something open at `asOf` (issued on or before `issuedUpTo`,
 * default `asOf`, and matching `where` over `d`), as a subquery with columns id, account_id, kind,
 * effect, currency, due_date, open. Two disjoint parts, each on its own partial index: documents open
 * today and not touched after the date (their stored open amount is the answer), and documents touched
 * after the date (today's open amount plus what was applied since, kept when positive).
 */
export function openItemsAsOfSql(input: { accountIds: string[]; asOf: string; issuedUpTo?: string; where?: SQL }): SQL {
  const { asOf } = input;
  const scope = sql`d.account_id in (${sqlList(input.accountIds)}) and d.status = 'issued'
      and d.issue_date <= ${input.issuedUpTo ?? asOf}::date ${input.where ? sql`and ${input.where}` : sql``}`;
  return sql`(
    select d.id, d.account_id, d.kind, d.effect, d.currency, d.due_date, d.open_amount as open
    from documents d
    where ${scope} and d.open_amount > 0 and (d.last_applied_on is null or d.last_applied_on <= ${asOf}::date)
    union all
    select touched.* from (
      select d.id, d.account_id, d.kind, d.effect, d.currency, d.due_date, d.open_amount + ${appliedAfterSql(asOf)} as open
      from documents d
      where ${scope} and d.last_applied_on > ${asOf}::date
    ) touched where touched.open > 0
  )`;
}

/** Balances per account and currency; amounts of different currencies stay on separate rows. */
export async function getAccountBalances(db: DbOrTx, accountIds: string[], asOf: string): Promise<AccountBalance[]> {
  if (accountIds.length === 0) return [];
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`
    with bucketed as (
      select account_id, currency, effect, open,
             ${agingBucketSql(sql`due_date`, asOf)} as bucket
      from ${openItemsAsOfSql({ accountIds, asOf })} open_items
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

/** Open amount of each given document as of a date (charges: unpaid; credits: unapplied); without a date, after every application. */
export async function getOpenAmounts(
  db: DbOrTx,
  documentIds: string[],
  asOf?: string,
): Promise<Map<string, MoneyString>> {
  if (documentIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; open: string }>(
    db,
    sql`
    select d.id, (${openAmountAsOfSql(asOf)})::numeric(18,2)::text as open
    from documents d where d.id in (${sqlList(documentIds)})`,
  );
  return new Map(rows.map((r) => [r.id, r.open]));
}
