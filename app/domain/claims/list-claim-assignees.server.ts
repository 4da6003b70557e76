// Who a claim may be reassigned to: active staff who reach its account (the account's collector, that
// collector's supervisor, area owners and administrators, who reach every account), never auditors
// (they only read). The staff page offers these; reassignClaim refuses anyone else.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { claims, customerAccounts, users } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";

function assignable(claimId: string) {
  const account = sql`(select ${customerAccounts.collectorId} from ${customerAccounts} join ${claims} on ${claims.accountId} = ${customerAccounts.id} where ${claims.id} = ${claimId})`;
  const supervisor = sql`(select c.supervisor_id from ${users} c where c.id = ${account})`;
  return and(
    eq(users.kind, "staff"),
    isNull(users.disabledAt),
    or(
      inArray(users.staffRole, ["admin", "area_owner"]),
      and(eq(users.staffRole, "collector"), sql`${users.id} = ${account}`),
      and(eq(users.staffRole, "supervisor"), sql`${users.id} = ${supervisor}`),
    ),
  );
}

export async function listClaimAssignees(db: DbOrTx, claimId: string) {
  return db
    .select({ id: users.id, name: users.name, staffRole: users.staffRole, staffArea: users.staffArea })
    .from(users)
    .where(assignable(claimId))
    .orderBy(asc(users.name), asc(users.id));
}

export async function mayBeAssigned(db: DbOrTx, claimId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), assignable(claimId)));
  return Boolean(row);
}
