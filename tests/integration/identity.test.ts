// Accounts and access rules: sign-in with lockout that ends by itself, per-IP limit, sessions,
// single-use expiring tokens for reset and invitation, grants and their audit trail.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, accountGrants, loginAttempts, sessions, users } from "#db/schema";
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { getStaffReachableAccount, listCustomerGrants } from "~/domain/identity/account-access.server";
import {
  acceptInvitation,
  acceptInvitationAsUser,
  changeGrantRole,
  inviteCustomerUser,
  revokeGrant,
} from "~/domain/identity/invitations.server";
import { requestPasswordReset, resetPassword } from "~/domain/identity/password-reset.server";
import { AcceptInvitationSchema } from "~/domain/identity/schemas";
import { deleteAllSessions, getSessionUser } from "~/domain/identity/sessions.server";
import {
  MAX_FAILURES_PER_SOURCE,
  MAX_FAILURES_PER_USER,
  MAX_FAILURES_PER_USER_SOURCE,
  WINDOW_MINUTES,
  signIn,
} from "~/domain/identity/sign-in.server";
import type { Db } from "~/utils/db.server";
import { auditActions } from "../fixtures/audit";
import { createTestAccount } from "../fixtures/organization";
import { TEST_PASSWORD, createTestCustomer, createTestStaff, uniqueEmail } from "../fixtures/users";
import { type Seller, databaseTest } from "../setup/route-test";
import { onPostgres, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Seller;

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  org = seller;
});

const actionsOf = (entityId: string) => auditActions(db, entityId);

describe("sign-in", () => {
  it("signs in with the right password (email case-insensitive), stores the password as argon2id and audits it", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const result = await signIn(db, { email: user.email.toUpperCase(), password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((await getSessionUser(db, result.token))?.id).toBe(user.id);
    expect(await actionsOf(user.id)).toContain("auth.signed_in");
  });

  it("refuses a wrong password and an unknown email alike, and audits the failure", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    expect(await signIn(db, { email: user.email, password: "wrong-password", ip: "10.0.0.2" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await signIn(db, { email: "nobody@example.test", password: "x", ip: "10.0.0.2" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await actionsOf(user.id)).toContain("auth.sign_in_failed");
  });

  it("locks one source out of a user after a few failures, even with the right password; the lock ends by itself", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const now = new Date("2026-11-22T10:00:00Z");
    for (let i = 1; i < MAX_FAILURES_PER_USER_SOURCE; i++) {
      expect(await signIn(db, { email: user.email, password: "nope", ip: "10.1.0.1", now })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const locking = await signIn(db, { email: user.email, password: "nope", ip: "10.1.0.1", now });
    expect(locking).toMatchObject({ ok: false, reason: "locked", retryAfterMinutes: WINDOW_MINUTES });
    const minuteLater = new Date(now.getTime() + 60_000);
    expect(
      await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "10.1.0.1", now: minuteLater }),
    ).toMatchObject({ ok: false, reason: "locked" });
    // The user is not locked out from anywhere else: a stranger cannot lock a user with five requests.
    expect(
      (await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "10.1.0.2", now: minuteLater })).ok,
    ).toBe(true);
    const after = await signIn(db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: "10.1.0.1",
      now: new Date(now.getTime() + (WINDOW_MINUTES + 2) * 60_000),
    });
    expect(after.ok).toBe(true);
    expect(await actionsOf(user.id)).toEqual(expect.arrayContaining(["auth.user_locked", "auth.sign_in_blocked"]));
  });

  it("locks the user as a whole only after many failures from many sources", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const now = new Date("2026-11-22T11:00:00Z");
    for (let i = 1; i < MAX_FAILURES_PER_USER; i++) {
      const r = await signIn(db, {
        email: user.email,
        password: "nope",
        ip: `10.9.${Math.floor(i / 4)}.${i % 4}`,
        now,
      });
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn(db, { email: user.email, password: "nope", ip: "10.9.99.1", now })).toMatchObject({
      reason: "locked",
    });
    expect(await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "10.9.99.2", now })).toMatchObject({
      reason: "locked",
    });
  }, 120_000); // a hundred argon2 verifications: ~30 s on a loaded 2-core machine

  it("answers the same for an unknown email as for a real user at every step, locks included", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const now = new Date("2026-11-22T13:00:00Z");
    const sequence = async (email: string) => {
      const out = [];
      for (let i = 0; i <= MAX_FAILURES_PER_USER_SOURCE + 1; i++)
        out.push(await signIn(db, { email, password: "nope", ip: "10.8.0.1", now }));
      return out;
    };
    expect(await sequence("nobody-at-all@example.test")).toEqual(await sequence(user.email));
  });

  it("limits failed attempts per source address across many emails", async () => {
    const now = new Date("2026-11-22T12:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_SOURCE; i++)
      await signIn(db, { email: `probe${i}@example.test`, password: "x", ip: "203.0.113.7", now });
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    expect(await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.7", now })).toMatchObject({
      ok: false,
      reason: "ip_limited",
    });
    // another address is not affected
    expect((await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.8", now })).ok).toBe(true);
  }, 120_000); // a hundred argon2 verifications: ~30 s on a loaded 2-core machine

  it.runIf(onPostgres)(
    "counts parallel wrong passwords one by one (no lost updates): 20 at once from one source, at most the budget is tried",
    async () => {
      const account = await createTestAccount(db, org);
      const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => signIn(db, { email: user.email, password: "wrong-guess", ip: "10.7.0.1" })),
      );
      const tried = results.filter((r) => !r.ok && r.reason === "invalid").length;
      expect(tried).toBeLessThan(MAX_FAILURES_PER_USER_SOURCE);
      expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThanOrEqual(
        20 - MAX_FAILURES_PER_USER_SOURCE,
      );
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.email, user.email.toLowerCase()), eq(loginAttempts.succeeded, 0)));
      expect(n).toBe(20);
      // and the right password is refused from that source while the lock holds
      expect(await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "10.7.0.1" })).toMatchObject({
        reason: "locked",
      });
    },
  );

  it("ends every session of the user on 'log out of all devices'", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const a = await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "10.2.0.1" });
    const b = await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "10.2.0.2" });
    expect(await deleteAllSessions(db, user.id)).toBe(2);
    for (const r of [a, b]) if (r.ok) expect(await getSessionUser(db, r.token)).toBeNull();
  });
});

describe("password reset", () => {
  it("resets with a single-use token and ends old sessions", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const old = await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "10.3.0.1" });
    const requested = await requestPasswordReset(db, SYSTEM_ACTOR, { email: user.email });
    expect(requested).not.toBeNull();
    const done = await resetPassword(db, SYSTEM_ACTOR, { token: requested!.token, password: "a-brand-new-password" });
    expect(done?.userId).toBe(user.id);
    if (old.ok) expect(await getSessionUser(db, old.token)).toBeNull();
    expect(
      await resetPassword(db, SYSTEM_ACTOR, { token: requested!.token, password: "another-password-1" }),
    ).toBeNull();
    expect((await signIn(db, { email: user.email, password: "a-brand-new-password", ip: "10.3.0.2" })).ok).toBe(true);
    expect(await actionsOf(user.id)).toEqual(
      expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset"]),
    );
  });

  it("revokes every older reset link when a newer one is used, and ends the failures counted against the user", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const actor = { ...SYSTEM_ACTOR, ip: "10.3.1.1" };
    for (let i = 0; i < MAX_FAILURES_PER_USER_SOURCE; i++)
      await signIn(db, { email: user.email, password: "forgotten", ip: "10.3.1.1" });
    expect(await signIn(db, { email: user.email, password: TEST_PASSWORD, ip: "10.3.1.1" })).toMatchObject({
      reason: "locked",
    });
    const older = await requestPasswordReset(db, actor, { email: user.email });
    const newer = await requestPasswordReset(db, actor, { email: user.email });
    expect(await resetPassword(db, actor, { token: newer!.token, password: "the-newest-password" })).not.toBeNull();
    expect(await resetPassword(db, actor, { token: older!.token, password: "an-attackers-password" })).toBeNull();
    expect((await signIn(db, { email: user.email, password: "the-newest-password", ip: "10.3.1.1" })).ok).toBe(true);
    expect((await signIn(db, { email: user.email, password: "an-attackers-password", ip: "10.3.1.2" })).ok).toBe(false);
  });

  it("refuses an expired token and stores only the token's hash", async () => {
    const account = await createTestAccount(db, org);
    const user = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const requested = await requestPasswordReset(db, SYSTEM_ACTOR, {
      email: user.email,
      now: new Date(Date.now() - 2 * 60 * 60 * 1000),
    });
    const stored = await db.execute(sql`select token_hash from user_tokens where user_id = ${user.id}`);
    expect(JSON.stringify(stored)).not.toContain(requested!.token);
    expect(
      await resetPassword(db, SYSTEM_ACTOR, { token: requested!.token, password: "a-brand-new-password" }),
    ).toBeNull();
  });

  it("gives nothing for an unknown email", async () => {
    expect(await requestPasswordReset(db, SYSTEM_ACTOR, { email: "ghost@example.test" })).toBeNull();
  });
});

describe("invitations and grants", () => {
  it("invites a new user, who sets a password once and only then sees exactly the invited account", async () => {
    const account = await createTestAccount(db, org);
    const other = await createTestAccount(db, org);
    const admin = await createTestCustomer(db, [{ accountId: account.id, role: "account_admin" }]);
    const email = uniqueEmail("colega");
    const invited = await inviteCustomerUser(
      db,
      { userId: admin.id, label: admin.email },
      { email, accountIds: [account.id], role: "viewer" },
    );
    if (invited.outcome !== "invited") throw new Error(`not invited: ${invited.reason}`);
    expect(invited.needsActivation).toBe(true);
    expect(await listCustomerGrants(db, invited.user.id)).toEqual([]);
    expect((await signIn(db, { email, password: "anything-at-all", ip: "10.4.0.1" })).ok).toBe(false);
    const accepted = await acceptInvitation(db, SYSTEM_ACTOR, {
      token: invited.token,
      name: "Colega Nuevo",
      password: "colega-password-1",
    });
    expect(accepted?.userId).toBe(invited.user.id);
    expect(
      await acceptInvitation(db, SYSTEM_ACTOR, { token: invited.token, name: "x", password: "colega-password-2" }),
    ).toBeNull();
    const grants = await listCustomerGrants(db, invited.user.id);
    expect(grants.map((g) => [g.accountId, g.role])).toEqual([[account.id, "viewer"]]);
    expect(grants.map((g) => g.accountId)).not.toContain(other.id);
    expect(await actionsOf(`${account.id}:${invited.user.id}`)).toEqual(
      expect.arrayContaining(["invitation.created", "grant.created"]),
    );
    expect(await actionsOf(invited.user.id)).toContain("invitation.accepted");
  });

  it("an existing customer gains the account only by accepting as itself; its password cannot be set through the invitation", async () => {
    const account = await createTestAccount(db, org);
    const elsewhere = await createTestAccount(db, org);
    const admin = await createTestCustomer(db, [{ accountId: account.id, role: "account_admin" }]);
    const existing = await createTestCustomer(db, [{ accountId: elsewhere.id, role: "payer" }]);
    const someoneElse = await createTestCustomer(db, [{ accountId: elsewhere.id, role: "viewer" }]);
    const invited = await inviteCustomerUser(
      db,
      { userId: admin.id, label: admin.email },
      { email: existing.email.toUpperCase(), accountIds: [account.id], role: "payer" },
    );
    if (invited.outcome !== "invited") throw new Error(`not invited: ${invited.reason}`);
    expect(invited.user.id).toBe(existing.id);
    expect(invited.needsActivation).toBe(false);
    const accountsOf = async (userId: string) => (await listCustomerGrants(db, userId)).map((g) => g.accountId);
    expect(await accountsOf(existing.id)).toEqual([elsewhere.id]);
    // Not granted by the invitation, nor by someone else accepting it, nor by "activating" it with a new password.
    expect(
      await acceptInvitation(db, SYSTEM_ACTOR, { token: invited.token, name: "Intruso", password: "new-password-123" }),
    ).toBeNull();
    expect(await acceptInvitationAsUser(db, SYSTEM_ACTOR, { token: invited.token, userId: someoneElse.id })).toBeNull();
    expect(await accountsOf(existing.id)).toEqual([elsewhere.id]);
    expect(await accountsOf(someoneElse.id)).toEqual([elsewhere.id]);
    expect((await signIn(db, { email: existing.email, password: TEST_PASSWORD, ip: "10.4.0.2" })).ok).toBe(true);

    const accepted = await acceptInvitationAsUser(db, SYSTEM_ACTOR, { token: invited.token, userId: existing.id });
    expect(accepted).toEqual({ userId: existing.id, accountIds: [account.id] });
    expect((await accountsOf(existing.id)).sort()).toEqual([account.id, elsewhere.id].sort());
    expect(await acceptInvitationAsUser(db, SYSTEM_ACTOR, { token: invited.token, userId: existing.id })).toBeNull();
    expect(await actionsOf(`${account.id}:${existing.id}`)).toEqual(
      expect.arrayContaining(["invitation.created", "grant.created"]),
    );
  });

  it("a staff address or someone already on the account gets nothing, silently, and it is audited", async () => {
    const account = await createTestAccount(db, org);
    const staff = await createTestStaff(db, "collector");
    const member = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    expect(
      await inviteCustomerUser(db, SYSTEM_ACTOR, { email: staff.email, accountIds: [account.id], role: "viewer" }),
    ).toEqual({ outcome: "suppressed", reason: "staff_email" });
    expect(
      await inviteCustomerUser(db, SYSTEM_ACTOR, { email: member.email, accountIds: [account.id], role: "payer" }),
    ).toEqual({ outcome: "suppressed", reason: "already_member" });
    expect(await db.select().from(accountGrants).where(eq(accountGrants.userId, staff.id))).toEqual([]);
    const [memberGrant] = await db.select().from(accountGrants).where(eq(accountGrants.userId, member.id));
    expect(memberGrant.role).toBe("viewer");
    expect(await actionsOf(`${account.id}:${staff.id}`)).toEqual(["invitation.suppressed"]);
    expect(await actionsOf(`${account.id}:${member.id}`)).toContain("invitation.suppressed");
  });

  it("accepts person names only: letters, spaces and common punctuation, never a link or an address", () => {
    const parse = (name: string) =>
      AcceptInvitationSchema.safeParse({ name, password: "colega-password-1", confirm: "colega-password-1" });
    for (const name of ["Ma. Elena O'Connor-Pérez", "J.R. Ruiz", "Zoë Ñúñez", "  Ana   López  ", "Nguyễn Văn An"])
      expect(parse(name).success, name).toBe(true);
    expect(parse("  Ana   López  ").data?.name).toBe("Ana López");
    for (const name of [
      "Visita www.premios.example",
      "http://evil.example",
      "Juan hxxps://x",
      "soporte@cartera.example",
      "Gana en premios.example",
      "Juan 2",
      "<b>Juan</b>",
      "Llama al +52 55 1234",
      "A",
      "",
    ])
      expect(parse(name).success, name).toBe(false);
  });
  it("changes a role and revokes access with before/after in the audit trail; an admin cannot demote itself", async () => {
    const account = await createTestAccount(db, org);
    const admin = await createTestCustomer(db, [{ accountId: account.id, role: "account_admin" }]);
    const member = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const actor = { userId: admin.id, label: admin.email };
    await changeGrantRole(db, actor, { accountId: account.id, userId: member.id, role: "payer" });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "grant.role_changed"), eq(auditEvents.entityId, `${account.id}:${member.id}`)));
    expect(event).toMatchObject({ actorId: admin.id, before: { role: "viewer" }, after: { role: "payer" } });
    await expect(
      changeGrantRole(db, actor, { accountId: account.id, userId: admin.id, role: "viewer" }),
    ).rejects.toMatchObject({ code: "self_change" });
    await revokeGrant(db, actor, { accountId: account.id, userId: member.id });
    expect(await db.select().from(accountGrants).where(eq(accountGrants.userId, member.id))).toEqual([]);
    expect(await actionsOf(`${account.id}:${member.id}`)).toContain("grant.revoked");
  });
});

describe("staff reach", () => {
  it("a collector reaches its portfolio, a supervisor its collectors' portfolios, an auditor everything", async () => {
    const supervisor = await createTestStaff(db, "supervisor");
    const collector = await createTestStaff(db, "collector", { supervisorId: supervisor.id });
    const otherCollector = await createTestStaff(db, "collector");
    const auditor = await createTestStaff(db, "auditor");
    const mine = await createTestAccount(db, org);
    const theirs = await createTestAccount(db, org);
    await assignCollector(db, SYSTEM_ACTOR, { accountIds: [mine.id], collectorId: collector.id });
    await assignCollector(db, SYSTEM_ACTOR, { accountIds: [theirs.id], collectorId: otherCollector.id });
    const reach = (u: { id: string; staffRole: string | null }, accountId: string) =>
      getStaffReachableAccount(db, { id: u.id, staffRole: u.staffRole as never }, accountId).then(Boolean);
    expect(await reach(collector, mine.id)).toBe(true);
    expect(await reach(collector, theirs.id)).toBe(false);
    expect(await reach(supervisor, mine.id)).toBe(true);
    expect(await reach(supervisor, theirs.id)).toBe(false);
    expect(await reach(auditor, theirs.id)).toBe(true);
    const [u] = await db.select().from(users).where(eq(users.id, collector.id));
    expect(u.kind).toBe("staff");
    expect(await db.select().from(sessions).where(eq(sessions.userId, collector.id))).toEqual([]);
  });
});
