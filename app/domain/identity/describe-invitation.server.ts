// What an invitation offers, for the acceptance page.
import { eq, inArray } from "drizzle-orm";
import { customerAccounts, users } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { findUsableToken } from "./user-tokens.server";

export async function describeInvitation(db: DbOrTx, token: string) {
  const row = await findUsableToken(db, "invitation", token);
  if (!row) return null;
  const payload = (row.payload ?? {}) as { accountIds?: string[]; role?: string };
  const [invitee] = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, row.userId));
  const [inviter] = row.createdById
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.createdById))
    : [];
  const accounts = payload.accountIds?.length
    ? await db
        .select({ legalName: customerAccounts.legalName })
        .from(customerAccounts)
        .where(inArray(customerAccounts.id, payload.accountIds))
    : [];
  return {
    email: invitee?.email ?? "",
    name: invitee?.name ?? "",
    inviterName: inviter?.name ?? "Cartera",
    accounts: accounts.map((a) => a.legalName).join(", "),
    role: payload.role ?? "viewer",
  };
}
