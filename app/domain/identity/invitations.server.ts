// Invitations of customer users to accounts, and the account admin's management of grants.
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { accountGrants, userTokens, users } from "#db/schema";
import type { AuditEventInputOf } from "~/domain/audit/audit-events";
import { type Actor, recordAuditEvent, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { hashPassword } from "./passwords.server";
import type { GrantRole } from "./permissions";
import { consumeUserToken, createUserToken, findUsableToken } from "./user-tokens.server";

export class IdentityRuleError extends Error {
  constructor(public readonly code: "not_member" | "self_change") {
    super(code);
    this.name = "IdentityRuleError";
  }
}

/** What an invitation carries; the grants are made from it when the invitee accepts. */
interface InvitationPayload {
  accountIds: string[];
  role: GrantRole;
  /** Never delivered, never accepted: it only keeps the inviter's list the same for every address. */
  inert?: boolean;
}

/**
 * Closes (marks used) the invitations of `userId` still open: a link must never give back what was
 * taken away, nor outlive the invitation that replaced it.
 * - `within`: those that offer nothing beyond these accounts (a new invitation replaces them; an
 *   accepted one closes the rest the invitee now holds);
 * - `touching`: those that offer any of these accounts (removing access closes every way back).
 */
async function closeInvitations(
  tx: Tx,
  userId: string,
  scope: { within: string[] } | { touching: string[] },
  now: Date = new Date(),
) {
  const accounts = JSON.stringify("within" in scope ? scope.within : scope.touching);
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.userId, userId),
        eq(userTokens.purpose, "invitation"),
        isNull(userTokens.usedAt),
        "within" in scope
          ? sql`${userTokens.payload}->'accountIds' <@ ${accounts}::jsonb`
          : sql`${userTokens.payload}->'accountIds' ?| array(select jsonb_array_elements_text(${accounts}::jsonb))`,
      ),
    );
}

export type InviteResult =
  | {
      outcome: "invited";
      user: typeof users.$inferSelect;
      token: string;
      expiresAt: Date;
      accountIds: string[];
      /** The invitee has no password yet: accepting sets one. Otherwise the invitee signs in to accept. */
      needsActivation: boolean;
    }
  | { outcome: "suppressed"; reason: "staff_email" | "already_member" };

/**
 * Invites an email address to accounts with a role. Nothing is granted here: the invitee gets a
 * single-use token and gains the accounts on accepting it (a new address sets its name and password,
 * an existing customer accepts while signed in). The caller answers the inviter the same whatever the
 * address is, so the result says what happened only for the code that sends the email:
 * - a new address: a customer user without a password is created, and invited;
 * - a customer who lacks some of the accounts: invited to those;
 * - a customer who already has them all: nothing is sent (suppressed);
 * - a staff address: nothing is sent nor granted (suppressed); an inert token keeps the account's
 *   list of pending invitations the same as for any other address.
 * Every outcome is audited.
 */
export async function inviteCustomerUser(
  db: DbOrTx,
  actor: Actor,
  input: { email: string; accountIds: string[]; role: GrantRole; now?: Date },
): Promise<InviteResult> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    let [user] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    const audit = <A extends "invitation.created" | "invitation.suppressed">(
      action: A,
      userId: string,
      accountIds: string[],
      extra: Omit<AuditEventInputOf<A>["after"], "accountId" | "userId" | "email" | "role">,
    ) =>
      recordAuditEvents(
        tx,
        actor,
        accountIds.map(
          (accountId) =>
            ({
              action,
              entityType: "account_grant",
              entityId: `${accountId}:${userId}`,
              accountId,
              after: { accountId, userId, email, role: input.role, ...extra },
            }) as AuditEventInputOf<A>,
        ),
      );
    // A resent invitation replaces the earlier link: only the newest one works.
    const token = async (payload: InvitationPayload) => {
      await closeInvitations(tx, user.id, { within: payload.accountIds }, input.now);
      return createUserToken(tx, {
        purpose: "invitation",
        userId: user.id,
        createdById: actor.userId,
        payload,
        now: input.now,
      });
    };

    if (user && user.kind === "staff") {
      await token({ accountIds: input.accountIds, role: input.role, inert: true });
      await audit("invitation.suppressed", user.id, input.accountIds, { reason: "staff_email" });
      return { outcome: "suppressed", reason: "staff_email" };
    }
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
    if (newAccountIds.length === 0) {
      await audit("invitation.suppressed", user.id, input.accountIds, { reason: "already_member" });
      return { outcome: "suppressed", reason: "already_member" };
    }
    const needsActivation = !user.passwordHash;
    const created = await token({ accountIds: newAccountIds, role: input.role });
    await audit("invitation.created", user.id, newAccountIds, { needsActivation });
    return {
      outcome: "invited",
      user,
      token: created.token,
      expiresAt: created.expiresAt,
      accountIds: newAccountIds,
      needsActivation,
    };
  });
}

/** Grants what the invitation offers (accounts the user already has keep their role), audited. */
async function grantInvitation(tx: Tx, actor: Actor, userId: string, payload: InvitationPayload) {
  const granted = await tx
    .insert(accountGrants)
    .values(payload.accountIds.map((accountId) => ({ userId, accountId, role: payload.role })))
    .onConflictDoNothing()
    .returning({ accountId: accountGrants.accountId });
  // Any other link to what the invitee now holds is spent too (a resent invitation's earlier link).
  const held = await tx
    .select({ accountId: accountGrants.accountId })
    .from(accountGrants)
    .where(eq(accountGrants.userId, userId));
  await closeInvitations(tx, userId, { within: held.map((h) => h.accountId) });
  // One acceptance event per account invited to, so each account's trail shows it.
  await recordAuditEvents(tx, actor, [
    ...payload.accountIds.map((accountId): AuditEventInputOf<"invitation.accepted"> => ({
      action: "invitation.accepted",
      entityType: "user",
      entityId: userId,
      accountId,
      after: payload,
    })),
    ...granted.map((g): AuditEventInputOf<"grant.created"> => ({
      action: "grant.created",
      entityType: "account_grant",
      entityId: `${g.accountId}:${userId}`,
      accountId: g.accountId,
      after: { accountId: g.accountId, userId, role: payload.role, via: "invitation" },
    })),
  ]);
  return granted.map((g) => g.accountId);
}

/** The invitation behind a usable token and its invitee, when a customer may accept it. */
async function acceptableInvitation(tx: Tx, token: string, now: Date | undefined) {
  const row = await findUsableToken(tx, "invitation", token, now);
  if (!row) return null;
  const payload = row.payload as InvitationPayload | null;
  if (!payload || payload.inert || !Array.isArray(payload.accountIds) || payload.accountIds.length === 0) return null;
  const [invitee] = await tx.select().from(users).where(eq(users.id, row.userId)).for("update");
  if (!invitee || invitee.kind !== "customer" || invitee.disabledAt) return null;
  return { row, payload, invitee };
}

/**
 * A new invitee (no password yet) sets its name and password and gains the invited accounts; the
 * token works once. An invitee who already has a password must sign in and accept instead.
 */
export async function acceptInvitation(
  db: DbOrTx,
  actor: Actor,
  input: { token: string; name: string; password: string; now?: Date },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const found = await acceptableInvitation(tx, input.token, input.now);
    if (!found || found.invitee.passwordHash) return null;
    if (!(await consumeUserToken(tx, "invitation", input.token, input.now))) return null;
    await tx.update(users).set({ name: input.name, passwordHash }).where(eq(users.id, found.invitee.id));
    const accountIds = await grantInvitation(
      tx,
      { ...actor, userId: found.invitee.id },
      found.invitee.id,
      found.payload,
    );
    return { userId: found.invitee.id, accountIds };
  });
}

/** The signed-in invitee accepts: the invited accounts are granted to it; the token works once. */
export async function acceptInvitationAsUser(
  db: DbOrTx,
  actor: Actor,
  input: { token: string; userId: string; now?: Date },
) {
  return db.transaction(async (tx) => {
    const found = await acceptableInvitation(tx, input.token, input.now);
    if (!found || found.invitee.id !== input.userId) return null;
    if (!(await consumeUserToken(tx, "invitation", input.token, input.now))) return null;
    const accountIds = await grantInvitation(tx, { ...actor, userId: input.userId }, input.userId, found.payload);
    return { userId: input.userId, accountIds };
  });
}

export interface AccountUserListRow {
  userId: string;
  name: string;
  email: string;
  role: GrantRole;
  active: boolean;
  /** An invitation not accepted yet: no grant exists, so there is no role to change or access to remove. */
  invited: boolean;
}

/**
 * The account's users, then its pending invitations (unused, unexpired, to addresses that have no
 * grant on it), each shown by the address the inviter typed only: never the name of whoever owns the
 * address, and the same for every kind of address.
 */
export async function listAccountUsers(
  db: DbOrTx,
  accountId: string,
  now: Date = new Date(),
): Promise<AccountUserListRow[]> {
  const members = await db
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
  const pending = await db
    .selectDistinctOn([userTokens.userId], {
      userId: userTokens.userId,
      email: users.email,
      role: sql<GrantRole>`${userTokens.payload}->>'role'`,
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(
      and(
        eq(userTokens.purpose, "invitation"),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
        sql`${userTokens.payload}->'accountIds' @> ${JSON.stringify([accountId])}::jsonb`,
        sql`not exists (select 1 from ${accountGrants} where ${accountGrants.userId} = ${userTokens.userId} and ${accountGrants.accountId} = ${accountId})`,
      ),
    )
    .orderBy(userTokens.userId, desc(userTokens.createdAt));
  return [
    ...members.map((m) => ({ ...m, invited: false })),
    ...pending
      .sort((a, b) => a.email.localeCompare(b.email))
      .map((p) => ({ ...p, name: "", active: false, invited: true })),
  ];
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
      accountId: input.accountId,
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
    await closeInvitations(tx, input.userId, { touching: [input.accountId] });
    await recordAuditEvent(tx, actor, {
      action: "grant.revoked",
      entityType: "account_grant",
      entityId: `${input.accountId}:${input.userId}`,
      accountId: input.accountId,
      before: { role: removed.role },
    });
  });
}
