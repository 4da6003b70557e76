// Customer accounts with their balances in their own currency, for overview pages.
import { asc, eq, inArray } from "drizzle-orm";
import { customerAccounts, sellers } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import type { Currency } from "~/utils/money";
import { getAccountBalances } from "~/domain/ledger/get-account-balances.server";

export async function listAccountsWithBalances(db: DbOrTx, options: { asOf: string; accountIds?: string[] }) {
  const query = db
    .select({
      id: customerAccounts.id,
      number: customerAccounts.number,
      legalName: customerAccounts.legalName,
      segment: customerAccounts.segment,
      currency: customerAccounts.currency,
      country: sellers.country,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .orderBy(asc(customerAccounts.number));
  const accounts = options.accountIds ? await query.where(inArray(customerAccounts.id, options.accountIds)) : await query;
  const balances = await getAccountBalances(db, accounts.map((a) => a.id), options.asOf);
  return accounts.map((a) => {
    const own = balances.find((b) => b.accountId === a.id && b.currency === a.currency);
    return { ...a, currency: a.currency as Currency, balance: own?.balance ?? "0.00", overdue: own?.overdue ?? "0.00" };
  });
}
