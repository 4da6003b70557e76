// Invitations of customer users to accounts, and the account admin's management of grants.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { accountGrants, customerAccounts, users } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { type Actor, recordAuditEvent, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { hashPassword } from "./passwords.server";
import type { GrantRole } from "./permissions";
import { consumeUserToken, createUserToken } from "./user-tokens.server";

export class IdentityRuleError extends Error {
  constructor(public readonly code: "staff_email" | "already_member" | "not_member" | "self_change") {
    super(code);
    this.name = "IdentityRuleError";
  }
}

/**
 * Grants a customer user (created if new) a role on accounts. A new or never-activated user gets an
 * invitation token to set a password; a user who already signs in just gains the accounts.
 */
export async function inviteCustomerUser(
  db: DbOrTx,
  actor: Actor,
  input: { email: string; accountIds: string[]; role: GrantRole; now?: Date },
) {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    let [user] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (user && user.kind === "staff") throw new IdentityRuleError("staff_email");
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email, name: email.split("@")[0], kind: "customer" })
        .returning();
      await recordAuditEvent(tx, actor, {
        action: "user.created",
        entityType: "user",
        entityId: user.id,
        after: { email, kind: "customer" },
      });
    }
    const existing = await tx
      .select({ accountId: accountGrants.accountId })
      .from(accountGrants)
      .where(and(eq(accountGrants.userId, user.id), inArray(accountGrants.accountId, input.accountIds)));
    const newAccountIds = input.accountIds.filter((id) => !existing.some((e) => e.accountId === id));
    if (newAccountIds.length === 0) throw new IdentityRuleError("already_member");
    await tx
      .insert(accountGrants)
      .values(newAccountIds.map((accountId) => ({ userId: user.id, accountId, role: input.role })));
    const needsActivation = !user.passwordHash;
    const token = needsActivation
      ? await createUserToken(tx, {
          purpose: "invitation",
          userId: user.id,
          createdById: actor.userId,
          payload: { accountIds: newAccountIds, role: input.role },
          now: input.now,
        })
      : null;
    await recordAuditEvents(
      tx,
      actor,
      newAccountIds.map((accountId) => ({
        action: "invitation.created",
        entityType: "account_grant",
        entityId: `${accountId}:${user.id}`,
        after: { accountId, userId: user.id, email, role: input.role, needsActivation },
      })),
    );
    return { user, token: token?.token ?? null, expiresAt: token?.expiresAt ?? null, accountIds: newAccountIds };
  });
}

/** Sets the invited user's name and password; the token works once. */
export async function acceptInvitation(
  db: DbOrTx,
  actor: Actor,
  input: { token: string; name: string; password: string; now?: Date },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const used = await consumeUserToken(tx, "invitation", input.token, input.now);
    if (!used) return null;
    await tx.update(users).set({ name: input.name, passwordHash }).where(eq(users.id, used.userId));
    await recordAuditEvent(
      tx,
      { ...actor, userId: used.userId },
      { action: "invitation.accepted", entityType: "user", entityId: used.userId, after: used.payload },
    );
    return { userId: used.userId };
  });
}

export async function listAccountUsers(db: DbOrTx, accountId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: accountGrants.role,
      active: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(accountGrants)
    .innerJoin(users, eq(users.id, accountGrants.userId))
    .where(eq(accountGrants.accountId, accountId))
    .orderBy(asc(users.email));
}

export async function changeGrantRole(
  db: DbOrTx,
  actor: Actor,
  input: { accountId: string; userId: string; role: GrantRole },
) {
  if (actor.userId === input.userId) throw new IdentityRuleError("self_change");
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(accountGrants)
      .where(and(eq(accountGrants.accountId, input.accountId), eq(accountGrants.userId, input.userId)))
      .for("update");
    if (!before) throw new IdentityRuleError("not_member");
    await tx
      .update(accountGrants)
      .set({ role: input.role })
      .where(and(eq(accountGrants.accountId, input.accountId), eq(accountGrants.userId, input.userId)));
    await recordAuditEvent(tx, actor, {
      action: "grant.role_changed",
      entityType: "account_grant",
      entityId: `${input.accountId}:${input.userId}`,
      before: { role: before.role },
      after: { role: input.role },
    });
  });
}

export async function revokeGrant(db: DbOrTx, actor: Actor, input: { accountId: string; userId: string }) {
  if (actor.userId === input.userId) throw new IdentityRuleError("self_change");
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(accountGrants)
      .where(and(eq(accountGrants.accountId, input.accountId), eq(accountGrants.userId, input.userId)))
      .returning();
    if (!removed) throw new IdentityRuleError("not_member");
    await recordAuditEvent(tx, actor, {
      action: "grant.revoked",
      entityType: "account_grant",
      entityId: `${input.accountId}:${input.userId}`,
      before: { role: removed.role },
    });
  });
}

export async function getAccountHeader(db: DbOrTx, accountId: string) {
  const [row] = await db
    .select({ id: customerAccounts.id, number: customerAccounts.number, legalName: customerAccounts.legalName })
    .from(customerAccounts)
    .where(eq(customerAccounts.id, accountId));
  return row ?? null;
}
