// The staff customer search: the accounts a staff member reaches, matching a text, each with its
// balance and overdue amount in its own currency.
import { searchStaffAccounts } from "~/domain/identity/account-access.server";
import type { StaffRole } from "~/domain/identity/permissions";
import { getAccountBalances } from "~/domain/ledger/get-account-balances.server";
import type { DbOrTx } from "~/utils/db.server";

export async function searchAccountsWithBalances(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  input: { q?: string; asOf: string; limit?: number },
) {
  const accounts = await searchStaffAccounts(db, staff, { q: input.q, limit: input.limit ?? 100 });
  const balances = await getAccountBalances(
    db,
    accounts.map((a) => a.id),
    input.asOf,
  );
  return accounts.map((a) => {
    const own = balances.find((b) => b.accountId === a.id && b.currency === a.currency);
    return { ...a, balance: own?.balance ?? "0.00", overdue: own?.overdue ?? "0.00" };
  });
}
