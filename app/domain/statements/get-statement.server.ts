// Builds a customer's statement of account for a period, per currency: opening balance, the
// period's movements with a running balance, closing balance, and aging at a date.
//
// What a movement is: every issued document of the account whose issue date falls in the period
// (charges: invoice, debit note, charge adjustment; credits: credit note, payment, credit
// adjustment). The balance is Σ charges − Σ credits by issue date. Applications only move money
// between two documents of the same account and currency, so neither they nor their reversals
// (a returned cheque) change the balance: they change open amounts and therefore the aging.
// Cancelled documents are left out entirely, as the ledger's balances leave them out: the schema
// records no cancellation date, so a cancellation cannot be placed in a period honestly.
// Open amounts and aging at a date start from the documents' stored open amounts and undo the
// applications dated after it (openItemsAsOfSql), instead of summing each document's history.
import Decimal from "decimal.js";
import { type SQL, and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { customerAccounts, documents, sellers } from "#db/schema";
import { disputedAmountSql, getDisputedTotals } from "~/domain/claims/disputed-amounts.server";
import {
  AGING_BUCKETS,
  type AgingBucket,
  agingBucketSql,
  openAmountAsOfSql,
  openItemsAsOfSql,
} from "~/domain/ledger/get-account-balances.server";
import { type LedgerVersions, cachedLedgerRead } from "~/domain/ledger/ledger-cache.server";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { type Currency, type MoneyString, toMoney } from "~/utils/money";
import { defaultStatementPeriod } from "./period";
import { type StatementQuery, StatementQuerySchema } from "./schemas";
import type {
  MovementKind,
  Statement,
  StatementAging,
  StatementHeader,
  StatementMovement,
  StatementSection,
} from "./types";

const a = alias(customerAccounts, "a");
const d = alias(documents, "d");
const s = alias(sellers, "s");

interface MovementRow {
  id: string;
  kind: MovementKind;
  effect: "charge" | "credit";
  series: string;
  folio: string;
  fiscalId: string | null;
  issueDate: string;
  dueDate: string;
  currency: Currency;
  amount: string;
  description: string | null;
  openAmount: string | null;
  disputed: string | null;
}

type AgingRow = Record<string, string | number>;

/**
 * The statement of `accountId` for [from, to] (both inclusive; defaults to the current month to date
 * in the seller's time zone), or null when the caller may not see the account. Aging and open
 * amounts are computed at `asOf` (default: `to`), counting only applications applied on or before it,
 * over the documents issued on or before both `to` and `asOf`.
 */
export async function getStatement(
  db: DbOrTx,
  query: StatementQuery,
  cache: { ledgerVersions?: LedgerVersions } = {},
): Promise<Statement | null> {
  const q = StatementQuerySchema.parse(query);
  if (!q.accountIds.includes(q.accountId)) return null;
  if (q.now) return readStatement(db, q);
  // With the account's ledger version, served from the page cache (ledger-cache.server.ts) while it has not
  // changed; the default period is this month's, so an entry of a past month's default is computed again.
  return cachedLedgerRead({
    name: "statement",
    accountIds: [q.accountId],
    versions: cache.ledgerVersions,
    args: [q.from ?? null, q.to ?? null, q.asOf ?? null],
    compute: () => readStatement(db, q),
    weigh: (s) => (s ? s.sections.reduce((n, section) => n + section.movements.length, 1) : 1),
    isFresh: (s) => {
      if (!s || q.from) return true;
      const period = defaultStatementPeriod(s.seller.timeZone, new Date());
      return period.from === s.period.from && period.to === s.period.to;
    },
  });
}

async function readStatement(db: DbOrTx, q: ReturnType<typeof StatementQuerySchema.parse>): Promise<Statement | null> {
  const [head] = await db
    .select({
      sellerId: s.id,
      sellerLegalName: s.legalName,
      sellerTaxId: s.taxId,
      country: s.country,
      timeZone: s.timeZone,
      accountNumber: a.number,
      legalName: a.legalName,
      taxId: a.taxId,
      currency: a.currency,
      paymentTermDays: a.paymentTermDays,
      creditLimit: a.creditLimit,
    })
    .from(a)
    .innerJoin(s, eq(s.id, a.sellerId))
    .where(and(eq(a.id, q.accountId), inArray(a.id, q.accountIds)));
  if (!head) return null;

  const period =
    q.from && q.to ? { from: q.from, to: q.to } : defaultStatementPeriod(head.timeZone, q.now ?? new Date());
  const agingDate = q.asOf ?? period.to;
  // A document issued after the aging date did not exist then, so it has no open amount at that date.
  const agingCutoff = agingDate < period.to ? agingDate : period.to;

  // Four set-based queries, each bounded by the account and an index range; no per-row queries.
  const [openingRows, movementRows, agingRows, disputedRows] = await Promise.all([
    queryRows<{ currency: Currency; opening: string }>(
      db,
      sql`
      select ${d.currency} as currency,
        sum(case when ${d.effect} = 'charge' then ${d.amount} else -${d.amount} end)::numeric(18,2)::text as opening
      from ${documents} ${d}
      where ${d.accountId} = ${q.accountId} and ${d.status} = 'issued' and ${d.issueDate} < ${period.from}::date
      group by ${d.currency}`,
    ),
    queryRows<MovementRow>(
      db,
      sql`
      select ${d.id} as id, ${d.kind} as kind, ${d.effect} as effect, ${d.series} as series, ${d.folio} as folio,
             ${d.fiscalId} as "fiscalId", ${d.issueDate}::text as "issueDate", ${d.dueDate}::text as "dueDate",
             ${d.currency} as currency, ${d.amount}::text as amount,
             coalesce(${d.notes}, ${d.reference}, ${d.purchaseOrder}) as description,
             case when ${d.effect} = 'charge' and ${d.issueDate} <= ${agingDate}::date
                  then (${openAmountAsOfSql(agingDate)})::numeric(18,2)::text end as "openAmount",
             ${disputedAmountSql(sql`${d.id}`)}::numeric(18,2)::text as disputed
      from ${documents} ${d}
      where ${d.accountId} = ${q.accountId} and ${d.status} = 'issued'
        and ${d.issueDate} between ${period.from}::date and ${period.to}::date
      order by ${d.currency}, ${d.issueDate}, ${d.effect}, ${d.series}, length(${d.folio}), ${d.folio}, ${d.id}`,
    ),
    queryAging(db, q.accountId, agingDate, agingCutoff),
    getDisputedTotals(db, [q.accountId]),
  ]);

  const header: StatementHeader = {
    seller: {
      id: head.sellerId,
      legalName: head.sellerLegalName,
      taxId: head.sellerTaxId,
      country: head.country,
      timeZone: head.timeZone,
    },
    customer: {
      accountId: q.accountId,
      accountNumber: head.accountNumber,
      legalName: head.legalName,
      taxId: head.taxId,
      currency: head.currency,
      paymentTermDays: Number(head.paymentTermDays),
      creditLimit: head.creditLimit,
    },
  };

  const currencies = new Set<Currency>([head.currency]);
  for (const r of openingRows) if (new Decimal(r.opening).isZero() === false) currencies.add(r.currency);
  for (const r of movementRows) currencies.add(r.currency);
  for (const r of agingRows) currencies.add(r.currency as Currency);
  for (const r of disputedRows) currencies.add(r.currency);
  const ordered = [...currencies].sort((a, b) =>
    a === head.currency ? -1 : b === head.currency ? 1 : a.localeCompare(b),
  );

  const sections = ordered.map((currency): StatementSection => {
    const opening = openingRows.find((r) => r.currency === currency)?.opening ?? "0.00";
    let running = new Decimal(opening);
    let charges = new Decimal(0);
    let credits = new Decimal(0);
    const movements = movementRows
      .filter((r) => r.currency === currency)
      .map((r): StatementMovement => {
        if (r.effect === "charge") {
          running = running.plus(r.amount);
          charges = charges.plus(r.amount);
        } else {
          running = running.minus(r.amount);
          credits = credits.plus(r.amount);
        }
        const open = r.openAmount;
        return {
          documentId: r.id,
          kind: r.kind,
          effect: r.effect,
          serieFolio: `${r.series}-${r.folio}`,
          series: r.series,
          folio: r.folio,
          fiscalId: r.fiscalId,
          issueDate: r.issueDate,
          dueDate: r.dueDate,
          description: r.description,
          charge: r.effect === "charge" ? toMoney(r.amount) : null,
          credit: r.effect === "credit" ? toMoney(r.amount) : null,
          balance: toMoney(running),
          openAmount: open,
          overdue: open !== null && new Decimal(open).greaterThan(0) && r.dueDate < agingDate,
          disputed: r.disputed,
        };
      });
    return {
      currency,
      openingBalance: toMoney(opening),
      totalCharges: toMoney(charges),
      totalCredits: toMoney(credits),
      closingBalance: toMoney(running),
      movements,
      aging: toAging(
        agingRows.find((r) => r.currency === currency),
        agingDate,
      ),
      disputedTotal: toMoney(disputedRows.find((r) => r.currency === currency)?.amount ?? "0"),
    };
  });

  return { ...header, period, sections };
}

/**
 * Aging per currency at `agingDate`, over documents issued up to `cutoff`: the same figures as
 * getAccountBalances, from the same open items (today's stored open amounts, with the applications
 * after the aging date undone for the documents touched since).
 */
function queryAging(db: DbOrTx, accountId: string, agingDate: string, cutoff: string): Promise<AgingRow[]> {
  const bucketColumns: SQL[] = AGING_BUCKETS.map(
    (
      b,
    ) => sql`coalesce(sum(open) filter (where effect = 'charge' and bucket = ${b}), 0)::numeric(18,2)::text as ${sql.identifier(`amount_${b}`)},
               count(*) filter (where effect = 'charge' and bucket = ${b})::int as ${sql.identifier(`count_${b}`)}`,
  );
  return queryRows<AgingRow>(
    db,
    sql`
    with bucketed as (
      select o.currency, o.effect, o.open, ${agingBucketSql(sql`o.due_date`, agingDate)} as bucket
      from ${openItemsAsOfSql({ accountIds: [accountId], asOf: agingDate, issuedUpTo: cutoff })} o
    )
    select currency,
      coalesce(sum(open) filter (where effect = 'charge'), 0)::numeric(18,2)::text as open_charges,
      coalesce(sum(open) filter (where effect = 'credit'), 0)::numeric(18,2)::text as unapplied_credits,
      coalesce(sum(open) filter (where effect = 'charge' and bucket <> 'current'), 0)::numeric(18,2)::text as overdue,
      ${sql.join(bucketColumns, sql`, `)}
    from bucketed group by currency`,
  );
}

function toAging(row: AgingRow | undefined, asOf: string): StatementAging {
  const money = (key: string): MoneyString => toMoney(row ? String(row[key]) : "0");
  const buckets = Object.fromEntries(
    AGING_BUCKETS.map((b) => [b, { amount: money(`amount_${b}`), count: row ? Number(row[`count_${b}`]) : 0 }]),
  ) as Record<AgingBucket, { amount: MoneyString; count: number }>;
  const openCharges = money("open_charges");
  const unappliedCredits = money("unapplied_credits");
  return {
    asOf,
    buckets,
    openCharges,
    unappliedCredits,
    balance: toMoney(new Decimal(openCharges).minus(unappliedCredits)),
    overdue: money("overdue"),
  };
}
