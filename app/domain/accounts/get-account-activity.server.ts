// The home page's "what comes next" and "what came in": open amounts falling due in the next 7 and
// 30 days (per currency), and the last payments received with the documents each one paid. Both
// read the documents' stored open amounts (ADR 009).
import { sql } from "drizzle-orm";
import { openAmountAsOfSql, openItemsAsOfSql } from "~/domain/ledger/get-account-balances.server";
import { type LedgerVersions, cachedLedgerRead } from "~/domain/ledger/ledger-cache.server";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import type { Currency, MoneyString } from "~/utils/money";

export interface DueSoon {
  currency: Currency;
  next7: { amount: MoneyString; count: number };
  next30: { amount: MoneyString; count: number };
}

export interface RecentPayment {
  id: string;
  accountNumber: string;
  serieFolio: string;
  issueDate: string;
  currency: Currency;
  amount: MoneyString;
  reference: string | null;
  unapplied: MoneyString;
  applications: { targetId: string; serieFolio: string; kind: string; amount: MoneyString; appliedOn: string }[];
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** With the accounts' ledger versions it is served from the page cache while they have not changed. */
export async function getAccountActivity(
  db: DbOrTx,
  input: { accountIds: string[]; asOf: string; payments?: number },
  cache: { ledgerVersions?: LedgerVersions } = {},
) {
  return cachedLedgerRead({
    name: "account-activity",
    accountIds: input.accountIds,
    versions: cache.ledgerVersions,
    args: [input.asOf, input.payments ?? null],
    compute: () => readAccountActivity(db, input),
  });
}

async function readAccountActivity(db: DbOrTx, input: { accountIds: string[]; asOf: string; payments?: number }) {
  if (input.accountIds.length === 0) return { dueSoon: [] as DueSoon[], recentPayments: [] as RecentPayment[] };
  const dueRows = await queryRows<{ currency: Currency; a7: string; c7: number; a30: string; c30: number }>(
    db,
    sql`
    with upcoming as ${openItemsAsOfSql({
      accountIds: input.accountIds,
      asOf: input.asOf,
      where: sql`d.effect = 'charge' and d.due_date >= ${input.asOf}::date and d.due_date <= ${input.asOf}::date + 30`,
    })}
    select currency,
      coalesce(sum(open) filter (where due_date <= ${input.asOf}::date + 7), 0)::numeric(18,2)::text as a7,
      count(*) filter (where due_date <= ${input.asOf}::date + 7)::int as c7,
      coalesce(sum(open), 0)::numeric(18,2)::text as a30,
      count(*)::int as c30
    from upcoming
    group by currency order by currency`,
  );

  const payments = await queryRows<Omit<RecentPayment, "applications">>(
    db,
    sql`
    select d.id, a.number as "accountNumber", d.series || '-' || d.folio as "serieFolio", d.issue_date::text as "issueDate",
      d.currency, d.amount::text as amount, d.reference, ${openAmountAsOfSql()}::numeric(18,2)::text as unapplied
    from documents d join customer_accounts a on a.id = d.account_id
    where d.account_id in (${idList(input.accountIds)}) and d.kind = 'payment' and d.status = 'issued'
      and d.issue_date <= ${input.asOf}::date
    order by d.issue_date desc, d.id desc
    limit ${input.payments ?? 5}`,
  );
  const applications = payments.length
    ? await queryRows<{
        sourceId: string;
        targetId: string;
        serieFolio: string;
        kind: string;
        amount: string;
        appliedOn: string;
      }>(
        db,
        sql`
        select ap.source_id as "sourceId", ap.target_id as "targetId", t.series || '-' || t.folio as "serieFolio", t.kind,
          sum(ap.amount)::numeric(18,2)::text as amount, min(ap.applied_on)::text as "appliedOn"
        from applications ap join documents t on t.id = ap.target_id
        where ap.source_id in (${idList(payments.map((p) => p.id))})
        group by ap.source_id, ap.target_id, t.series, t.folio, t.kind
        having sum(ap.amount) <> 0
        order by min(ap.applied_on), t.series, t.folio`,
      )
    : [];
  return {
    dueSoon: dueRows.map((r) => ({
      currency: r.currency,
      next7: { amount: r.a7, count: r.c7 },
      next30: { amount: r.a30, count: r.c30 },
    })),
    recentPayments: payments.map((p) => ({ ...p, applications: applications.filter((a) => a.sourceId === p.id) })),
  };
}

export type AccountActivity = Awaited<ReturnType<typeof getAccountActivity>>;
