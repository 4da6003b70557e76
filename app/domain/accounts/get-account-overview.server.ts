// What a customer (or a collector looking at one) sees first: balances, aging and credit line of
// one account or of a group of accounts, totalled per currency (never across currencies).
import Decimal from "decimal.js";
import { asc, eq, inArray } from "drizzle-orm";
import { customerAccounts, sellers } from "#db/schema";
import { getHeldChequeTotals } from "~/domain/cheques/held-cheques.server";
import { type DisputedTotal, getDisputedTotals } from "~/domain/claims/disputed-amounts.server";
import { AGING_BUCKETS, type AccountBalance, getAccountBalances } from "~/domain/ledger/get-account-balances.server";
import { type LedgerVersions, cachedLedgerRead } from "~/domain/ledger/ledger-cache.server";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { type Currency, type MoneyString, subtractMoney, toMoney } from "~/utils/money";

export interface CurrencyTotals {
  currency: Currency;
  balance: MoneyString;
  openCharges: MoneyString;
  unappliedCredits: MoneyString;
  overdue: MoneyString;
  notDue: MoneyString;
  aging: AccountBalance["aging"];
  /** What open claims dispute in this currency ("En aclaración"); "0.00" when nothing. */
  disputed: MoneyString;
}

function totalsOf(balances: AccountBalance[], disputed: readonly DisputedTotal[] = []): CurrencyTotals[] {
  const byCurrency = new Map<Currency, AccountBalance[]>();
  for (const b of balances) byCurrency.set(b.currency, [...(byCurrency.get(b.currency) ?? []), b]);
  return [...byCurrency.entries()].map(([currency, rows]) => {
    const sum = (pick: (b: AccountBalance) => string) =>
      toMoney(rows.reduce((s, b) => s.plus(pick(b)), new Decimal(0)));
    const aging = Object.fromEntries(
      AGING_BUCKETS.map((bucket) => [
        bucket,
        { amount: sum((b) => b.aging[bucket].amount), count: rows.reduce((n, b) => n + b.aging[bucket].count, 0) },
      ]),
    ) as AccountBalance["aging"];
    const openCharges = sum((b) => b.openCharges);
    const overdue = sum((b) => b.overdue);
    return {
      currency,
      balance: sum((b) => b.balance),
      openCharges,
      unappliedCredits: sum((b) => b.unappliedCredits),
      overdue,
      notDue: subtractMoney(openCharges, overdue),
      aging,
      disputed: toMoney(
        disputed.filter((d) => d.currency === currency).reduce((s, d) => s.plus(d.amount), new Decimal(0)),
      ),
    };
  });
}

/**
 * `asOf` defaults to today in the seller's time zone (of the first account). With the accounts' ledger
 * versions it is served from the page cache (ledger-cache.server.ts) while they have not changed.
 */
export async function getAccountOverview(
  db: DbOrTx,
  input: { accountIds: string[]; asOf?: string; now?: Date },
  cache: { ledgerVersions?: LedgerVersions } = {},
) {
  if (input.now) return readAccountOverview(db, input);
  return cachedLedgerRead({
    name: "account-overview",
    accountIds: input.accountIds,
    versions: cache.ledgerVersions,
    args: input.asOf ?? null,
    compute: () => readAccountOverview(db, input),
    // The default date is today's: an entry from yesterday is computed again.
    isFresh: (o) => Boolean(input.asOf) || o.asOf === todayIn(o.accounts[0]?.timeZone ?? "America/Mexico_City"),
  });
}

async function readAccountOverview(db: DbOrTx, input: { accountIds: string[]; asOf?: string; now?: Date }) {
  if (input.accountIds.length === 0) return { asOf: input.asOf ?? null, accounts: [], totals: [] };
  const accounts = await db
    .select({
      id: customerAccounts.id,
      number: customerAccounts.number,
      legalName: customerAccounts.legalName,
      taxId: customerAccounts.taxId,
      currency: customerAccounts.currency,
      creditLimit: customerAccounts.creditLimit,
      paymentTermDays: customerAccounts.paymentTermDays,
      status: customerAccounts.status,
      country: sellers.country,
      sellerName: sellers.legalName,
      timeZone: sellers.timeZone,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(inArray(customerAccounts.id, input.accountIds))
    .orderBy(asc(customerAccounts.number));
  const asOf = input.asOf ?? todayIn(accounts[0]?.timeZone ?? "America/Mexico_City", input.now);
  const [balances, disputed, held] = await Promise.all([
    getAccountBalances(db, input.accountIds, asOf),
    getDisputedTotals(db, input.accountIds),
    getHeldChequeTotals(db, input.accountIds),
  ]);
  return {
    asOf,
    accounts: accounts.map((a) => {
      const own = balances.filter((b) => b.accountId === a.id);
      const inAccountCurrency = own.find((b) => b.currency === a.currency);
      // Cheques held (in custody or at the bank) are not money yet: they use credit until they clear.
      const heldCheques = held.find((h) => h.accountId === a.id && h.currency === a.currency)?.amount ?? "0";
      const used = Decimal.max(new Decimal(inAccountCurrency?.balance ?? 0).plus(heldCheques), 0);
      return {
        ...a,
        totals: totalsOf(
          own,
          disputed.filter((d) => d.accountId === a.id),
        ),
        credit: {
          limit: a.creditLimit,
          used: toMoney(used),
          heldCheques: toMoney(heldCheques),
          available: toMoney(Decimal.max(new Decimal(a.creditLimit).minus(used), 0)),
          /** What is used beyond the limit (0 within it): shown as "Excedido por …" instead of "Disponible 0". */
          exceededBy: toMoney(Decimal.max(used.minus(a.creditLimit), 0)),
        },
      };
    }),
    totals: totalsOf(balances, disputed),
  };
}

export type AccountOverview = Awaited<ReturnType<typeof getAccountOverview>>;
