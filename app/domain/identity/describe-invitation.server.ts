// What an invitation offers, for the acceptance page: null for a token that cannot be accepted
// (unknown, used, expired, inert, or whose invitee is not an enabled customer).
import { eq, inArray } from "drizzle-orm";
import { customerAccounts, users } from "#db/schema";
import type { GrantRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { displayablePersonName } from "./person-name";
import { findUsableToken } from "./user-tokens.server";

export async function describeInvitation(db: DbOrTx, token: string) {
  const row = await findUsableToken(db, "invitation", token);
  if (!row) return null;
  const payload = (row.payload ?? {}) as { accountIds?: string[]; role?: GrantRole; inert?: boolean };
  if (payload.inert || !payload.accountIds?.length) return null;
  const [invitee] = await db
    .select({
      id: users.id,
      email: users.email,
      kind: users.kind,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, row.userId));
  if (!invitee || invitee.kind !== "customer" || invitee.disabledAt) return null;
  const [inviter] = row.createdById
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.createdById))
    : [];
  const accounts = await db
    .select({ legalName: customerAccounts.legalName })
    .from(customerAccounts)
    .where(inArray(customerAccounts.id, payload.accountIds));
  return {
    userId: invitee.id,
    email: invitee.email,
    /** Only a valid person name is shown; otherwise the page leaves the inviter out. */
    inviterName: displayablePersonName(inviter?.name),
    accounts: accounts.map((a) => a.legalName).join(", "),
    role: payload.role ?? "viewer",
    /** A new invitee sets its name and password; an existing user signs in to accept. */
    needsActivation: !invitee.passwordHash,
  };
}
