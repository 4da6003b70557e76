// Typed audit events: every action the code records matches its schema (recorded through the real
// domain functions and routes, then every stored row parsed back), an unknown or malformed event is
// refused by the compiler and at runtime, older rows get their account from the 0006 backfill, and
// the trail's filters and keyset pages read the right rows through an index.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, loginAttempts, scheduledTasks, users } from "#db/schema";
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { createCustomerGroup } from "~/domain/accounts/create-organization.server";
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPE_OF,
  AuditEventError,
  type AuditEventOf,
  parseAuditEvent,
  safeParseAuditEvent,
} from "~/domain/audit/audit-events";
import { describeAuditChanges, formatAuditChanges } from "~/domain/audit/describe-audit-changes";
import { auditEventsPageQuery, listAuditEvents } from "~/domain/audit/list-audit-events.server";
import { SYSTEM_ACTOR, recordAuditEvent, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import {
  acceptInvitation,
  changeGrantRole,
  inviteCustomerUser,
  revokeGrant,
} from "~/domain/identity/invitations.server";
import { requestPasswordReset, resetPassword } from "~/domain/identity/password-reset.server";
import { MAX_FAILURES_PER_SOURCE, MAX_FAILURES_PER_USER_SOURCE, signIn } from "~/domain/identity/sign-in.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { updateSigningSettings } from "~/domain/signing/signing-settings.server";
import { retryDeadTask } from "~/domain/tasks/dead-tasks.server";
import * as logoutRoute from "~/routes/logout";
import * as portalStatement from "~/routes/portal+/statement";
import { startOfDayIn } from "~/utils/dates";
import { type Db, insertJsonRows, queryRows } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { exerciseChequeActions } from "../fixtures/cheques";
import { exerciseClaimActions } from "../fixtures/claims";
import { exerciseMinutesActions } from "../fixtures/minutes";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { exerciseRegistrationActions } from "../fixtures/payment-registrations";
import { exercisePaymentActions } from "../fixtures/payments";
import { exercisePlanActions } from "../fixtures/plans";
import { exerciseSigningActions } from "../fixtures/signing";
import { exerciseSigningOpsActions } from "../fixtures/signing-ops";
import { TEST_PASSWORD, createTestCustomer, createTestStaff, uniqueEmail } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute, signInCookie } from "../setup/routes";

let db: Db;
let outbox: string;

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  outbox = mkdtempSync(path.join(os.tmpdir(), "cartera-audit-outbox-"));
  process.env.OUTBOX_DIR = outbox;
});
afterAll(() => {
  delete process.env.OUTBOX_DIR;
  rmSync(outbox, { recursive: true, force: true });
});

const storedRows = () => db.select().from(auditEvents);

/** Runs every flow that records an audit event, through the domain functions and routes that own it. */
async function exerciseEveryAction() {
  const org = await createMexicanSeller(db); // seller.created, zone.created
  const group = await createCustomerGroup(db, SYSTEM_ACTOR, { name: "Grupo Auditoría" }); // customer_group.created
  const account = await createTestAccount(db, org, { groupId: group.id }); // customer_account.created
  const collector = await createTestStaff(db, "collector"); // user.created (staff)
  await assignCollector(db, SYSTEM_ACTOR, { accountIds: [account.id], collectorId: collector.id });
  const payer = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]); // user.created, grant.created

  const [invoice, payment] = await issueDocuments(db, SYSTEM_ACTOR, [
    {
      accountId: account.id,
      kind: "invoice",
      series: "A",
      folio: "AUD-1",
      issueDate: "2026-10-01",
      currency: "MXN",
      amount: "1000.00",
    },
    {
      accountId: account.id,
      kind: "payment",
      series: "P",
      folio: "AUD-P1",
      issueDate: "2026-10-05",
      currency: "MXN",
      amount: "400.00",
    },
  ]); // document.issued
  const [applicationId] = await applyCredits(db, SYSTEM_ACTOR, [
    { sourceId: payment.id, targetId: invoice.id, amount: "400.00", appliedOn: "2026-10-05" },
  ]); // application.created
  await reverseApplication(db, SYSTEM_ACTOR, { applicationId, reversedOn: "2026-10-06", reason: "Pago duplicado" });

  const adminActor = { userId: collector.id, label: collector.email };
  const invitee = uniqueEmail("invitado");
  const invited = await inviteCustomerUser(db, adminActor, {
    email: invitee,
    accountIds: [account.id],
    role: "viewer",
  });
  if (invited.outcome !== "invited") throw new Error("the invitation was suppressed");
  // A staff address is never invited: invitation.suppressed.
  await inviteCustomerUser(db, adminActor, { email: collector.email, accountIds: [account.id], role: "viewer" });
  await acceptInvitation(
    db,
    { userId: null, label: invitee, ip: "10.9.0.1" },
    {
      token: invited.token,
      name: "Invitado",
      password: TEST_PASSWORD,
    },
  );
  await changeGrantRole(db, adminActor, { accountId: account.id, userId: invited.user.id, role: "payer" });
  await revokeGrant(db, adminActor, { accountId: account.id, userId: invited.user.id });

  // Sign-in: success, wrong password, disabled user, a source locked out of a user, then blocked.
  await signIn(db, { email: payer.email, password: TEST_PASSWORD, ip: "10.9.0.2" }); // auth.signed_in
  for (let i = 0; i < MAX_FAILURES_PER_USER_SOURCE; i += 1)
    await signIn(db, { email: payer.email, password: "wrong-password", ip: "10.9.0.3" }); // sign_in_failed, then user_locked
  await signIn(db, { email: payer.email, password: TEST_PASSWORD, ip: "10.9.0.3" }); // auth.sign_in_blocked
  const disabled = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
  await signIn(db, { email: disabled.email, password: TEST_PASSWORD, ip: "10.9.0.4" });
  // A source over its budget: earlier failures from it stand in for a credential-stuffing run.
  const now = new Date();
  await db.insert(loginAttempts).values(
    Array.from({ length: MAX_FAILURES_PER_SOURCE }, (_, i) => ({
      ip: "10.9.0.5",
      email: `stuffing-${i}@example.test`,
      succeeded: 0,
      at: now,
    })),
  );
  await signIn(db, { email: "nobody@example.test", password: "x", ip: "10.9.0.5", now }); // sign_in_rate_limited

  // Password reset: unknown address, known address, completed reset.
  const resetActor = { userId: null, label: "anonymous", ip: "10.9.0.6" };
  await requestPasswordReset(db, resetActor, { email: "nobody@example.test" });
  const reset = await requestPasswordReset(db, resetActor, { email: payer.email });
  await resetPassword(db, resetActor, { token: reset!.token, password: "another-horse-battery" });

  // Routes: sign out here and everywhere, and the statement emailed.
  await callRoute(logoutRoute.action, {
    path: "/logout",
    cookie: await signInCookie(db, payer.id),
    form: { intent: "logout" },
  });
  await callRoute(logoutRoute.action, {
    path: "/logout",
    cookie: await signInCookie(db, payer.id),
    form: { intent: "logout-all" },
  });
  const statement = await callRoute(portalStatement.action, {
    path: "/portal/statement?from=2026-10-01&to=2026-10-31",
    cookie: await signInCookie(db, payer.id),
    form: { intent: "email" },
  });
  expect(statement.status).toBe(302);
  await exerciseClaimActions(db); // claim.*
  await exerciseRegistrationActions(db); // payment.*
  // scheduled_task.retried: an administrator puts a dead task back in the queue.
  const [dead] = await db
    .insert(scheduledTasks)
    .values({
      kind: "noop",
      payload: {},
      dueAt: now,
      status: "dead",
      attempts: 5,
      lastError: "Error: x",
      finishedAt: now,
    })
    .returning({ id: scheduledTasks.id });
  expect(await retryDeadTask(db, SYSTEM_ACTOR, { taskId: dead.id, now })).toBe(true);
  await exercisePaymentActions(db); // card_payment.*, promise.*
  await exerciseSigningActions(db); // envelope.*
  await exerciseSigningOpsActions(db); // envelope.reminded, expired, code_sent, batch_skipped
  await exercisePlanActions(db); // plan.*
  await exerciseMinutesActions(db); // envelope.correction_*, envelope.superseded
  await exerciseChequeActions(db); // cheque.*, cheque_pickup.*
  // seller.signing_settings_updated: an administrator changes a seller's signing deadlines.
  expect(
    await updateSigningSettings(
      db,
      SYSTEM_ACTOR,
      { sellerId: account.sellerId, reminderEveryDays: 4, expireAfterDays: 12 },
      { now },
    ),
  ).toEqual({ updated: true, found: true });
  return { account, collector, payer, invoice, applicationId, invited };
}

let flow: Awaited<ReturnType<typeof exerciseEveryAction>>;

beforeAll(async () => {
  flow = await exerciseEveryAction();
}, 120_000);

describe("every recorded event matches its action's schema", () => {
  it("records every action of AUDIT_ACTIONS, and every stored row parses", async () => {
    const rows = await storedRows();
    const recorded = new Set(rows.map((r) => r.action));
    expect(
      [...AUDIT_ACTIONS].filter((a) => !recorded.has(a)),
      "actions no flow recorded",
    ).toEqual([]);
    for (const row of rows) {
      const event = parseAuditEvent(row);
      expect(event.action).toBe(row.action);
      expect(event.entityType, row.action).toBe(AUDIT_ENTITY_TYPE_OF[event.action]);
    }
  });

  it("files each account event under its account", async () => {
    const rows = await storedRows();
    const byAction = (action: string) => rows.filter((r) => r.action === action);
    const accountActions = [
      "customer_account.created",
      "customer_account.collector_assigned",
      "grant.created",
      "invitation.created",
      "invitation.suppressed",
      "invitation.accepted",
      "grant.role_changed",
      "grant.revoked",
      "document.issued",
      "application.created",
      "application.reversed",
      "statement.emailed",
    ];
    for (const action of accountActions) {
      const mine = byAction(action).filter((r) => r.accountId === flow.account.id);
      expect(mine.length, action).toBeGreaterThan(0);
    }
    for (const row of rows.filter((r) => r.action.startsWith("auth.") || r.action === "seller.created"))
      expect(row.accountId, row.action).toBeNull();
  });

  it("stores what the event says, typed: the reversal's before and after, the reset link's expiry as ISO text", async () => {
    const rows = await storedRows();
    const reversal = parseAuditEvent(
      rows.find((r) => r.action === "application.reversed")!,
    ) as AuditEventOf<"application.reversed">;
    expect(reversal.entityId).toBe(flow.applicationId);
    expect(reversal.before).toEqual({ amount: "400.00", appliedOn: "2026-10-05" });
    expect(reversal.after.reason).toBe("Pago duplicado");
    const requested = parseAuditEvent(rows.find((r) => r.action === "auth.password_reset_requested")!);
    expect(requested.action === "auth.password_reset_requested" && requested.after.expiresAt).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    );
    const changed = rows.find((r) => r.action === "grant.role_changed")!;
    expect(formatAuditChanges(describeAuditChanges(changed.before, changed.after))).toBe("role: viewer → payer");
  });
});

describe("an event outside the union is refused", () => {
  async function count() {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_events`);
    return Number(row.n);
  }

  it("at compile time and at runtime, before anything is written", async () => {
    const before = await count();
    await expect(
      // @ts-expect-error: "claim.opened" is not an action of the union (yet).
      recordAuditEvent(db, SYSTEM_ACTOR, { action: "claim.opened", entityType: "claim", entityId: "c1" }),
    ).rejects.toBeInstanceOf(AuditEventError);
    await expect(
      recordAuditEvent(db, SYSTEM_ACTOR, {
        action: "grant.role_changed",
        entityType: "account_grant",
        entityId: "a:u",
        accountId: "a",
        before: { role: "viewer" },
        // @ts-expect-error: "owner" is not a grant role.
        after: { role: "owner" },
      }),
    ).rejects.toThrow(/grant\.role_changed/);
    await expect(
      // @ts-expect-error: a grant event names its account.
      recordAuditEvent(db, SYSTEM_ACTOR, {
        action: "grant.revoked",
        entityType: "account_grant",
        entityId: "a:u",
        before: { role: "payer" },
      }),
    ).rejects.toBeInstanceOf(AuditEventError);
    await expect(
      // @ts-expect-error: the entity type belongs to the action.
      recordAuditEvent(db, SYSTEM_ACTOR, { action: "auth.signed_in", entityType: "document", entityId: "u1" }),
    ).rejects.toBeInstanceOf(AuditEventError);
    // Data the schema does not name is refused too, even when it slips past the compiler in a variable.
    const extra = { role: "payer" as const, note: "not in the schema" };
    await expect(
      recordAuditEvents(db, SYSTEM_ACTOR, [
        { action: "auth.signed_in", entityType: "user", entityId: "u1" },
        {
          action: "grant.created",
          entityType: "account_grant",
          entityId: "a:u",
          accountId: "a",
          after: { accountId: "a", ...extra },
        },
      ]),
    ).rejects.toThrow(/note/);
    // The whole batch was refused: not even the valid first event was written.
    expect(await count()).toBe(before);
  });

  it("a stored row without a schema fails parseAuditEvent and is null for safeParseAuditEvent", () => {
    const row = {
      action: "claim.opened",
      entityType: "claim",
      entityId: "c1",
      accountId: null,
      before: null,
      after: null,
    };
    expect(() => parseAuditEvent(row)).toThrow(AuditEventError);
    expect(safeParseAuditEvent(row)).toBeNull();
    expect(
      safeParseAuditEvent({ ...row, action: "auth.signed_out", entityType: "user", after: { sessionsEnded: -1 } }),
    ).toBeNull();
  });

  it("every action has a label in Spanish and English", () => {
    for (const language of ["es", "en"] as const) {
      const t = getFixedT(language);
      for (const action of AUDIT_ACTIONS)
        expect(t(`audit.actions.${action}`, { defaultValue: "" }), `${language} ${action}`).not.toBe("");
      for (const type of new Set(Object.values(AUDIT_ENTITY_TYPE_OF)))
        expect(t(`audit.entities.${type}`, { defaultValue: "" }), `${language} ${type}`).not.toBe("");
    }
  });
});

describe("migration 0006", () => {
  it("backfills account_id of rows recorded before it from what they store", async () => {
    const migration = readFileSync(path.resolve("db/migrations/0006_audit-events-account.sql"), "utf8");
    const backfill = migration
      .split("--> statement-breakpoint")
      .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
      .filter((s) => s.startsWith("UPDATE"));
    expect(backfill.length).toBe(2);
    // Only actions that existed when 0006 ran (claims, registered and card payments, promises, document cancellation, signing, cheques and plans came later, with their
    // account always recorded).
    const expected = await queryRows<{ id: string; account_id: string | null }>(
      db,
      sql`select id, account_id from audit_events where action not like 'claim.%' and action not like 'card_payment.%' and action not like 'promise.%' and action <> 'document.cancelled' and action not like 'envelope.%' and action not like 'payment.%' and action not like 'cheque%' and action not like 'plan.%' order by id`,
    );
    expect(expected.filter((r) => r.account_id).length).toBeGreaterThan(10);
    // Rows as they were before 0006: no account. (The trigger is lifted the way the migration lifts it.)
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tx.execute(sql`update audit_events set account_id = null`);
      for (const statement of backfill) await tx.execute(sql.raw(statement));
      await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    });
    const after = await queryRows<{ id: string; account_id: string | null }>(
      db,
      sql`select id, account_id from audit_events where action not like 'claim.%' and action not like 'card_payment.%' and action not like 'promise.%' and action <> 'document.cancelled' and action not like 'envelope.%' and action not like 'payment.%' and action not like 'cheque%' and action not like 'plan.%' order by id`,
    );
    expect(after).toEqual(expected);
    // And the trail stays append-only.
    const refused = await db.execute(sql`update audit_events set account_id = null`).catch((e: Error) => e);
    expect(String((refused as Error & { cause?: Error }).cause?.message ?? refused)).toMatch(/append-only/);
  });
});

describe("listAuditEvents", () => {
  const label = "bulk-import";
  let accountId: string;
  let ids: string[];

  beforeAll(async () => {
    const org = await createMexicanSeller(db);
    accountId = (await createTestAccount(db, org)).id;
    // 120 events an hour apart, newest first in `ids`, straddling Mexico City midnights.
    const start = new Date("2026-03-01T00:30:00Z").getTime();
    const rows = Array.from({ length: 120 }, (_, i) => ({
      id: `bulk${String(i).padStart(4, "0")}`,
      occurredAt: new Date(start + i * 3_600_000),
      actorLabel: label,
      action: "statement.emailed",
      entityType: "customer_account",
      entityId: accountId,
      accountId,
      after: { to: "x@example.test", period: { from: "2026-02-01", to: "2026-02-28" } },
    }));
    await insertJsonRows(db, auditEvents, rows);
    ids = rows.map((r) => r.id).reverse();
  });

  it("pages newest first with keyset cursors, forwards and back, without gaps or repeats", async () => {
    const filters = { actor: label };
    const seen: string[] = [];
    let page = await listAuditEvents(db, { filters, size: 50 });
    const first = page.rows.map((r) => r.id);
    expect(page.prevCursor).toBeNull();
    seen.push(...first);
    while (page.nextCursor) {
      page = await listAuditEvents(db, { filters, size: 50, page: { after: page.nextCursor } });
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(ids);
    const second = await listAuditEvents(db, {
      filters,
      size: 50,
      page: { after: (await listAuditEvents(db, { filters, size: 50 })).nextCursor! },
    });
    const back = await listAuditEvents(db, { filters, size: 50, page: { before: second.prevCursor! } });
    expect(back.rows.map((r) => r.id)).toEqual(first);
    expect(back.prevCursor).toBeNull();
    // A tampered cursor starts over instead of failing.
    const tampered = await listAuditEvents(db, { filters, size: 50, page: { after: "bm90LWEtY3Vyc29y" } });
    expect(tampered.rows.map((r) => r.id)).toEqual(first);
  });

  it("keeps the order exact between events of the same instant (one transaction), by id", async () => {
    const same = await listAuditEvents(db, { filters: { account: flow.account.id, action: "document.issued" } });
    expect(same.rows.length).toBe(2);
    expect(same.rows[0].occurredAt.getTime()).toBe(same.rows[1].occurredAt.getTime());
    expect(same.rows[0].id > same.rows[1].id).toBe(true);
  });

  it("filters by Mexico City calendar days, both ends included", async () => {
    // 2026-03-01 00:30Z is Feb 28, 18:30 in Mexico City (UTC-6): March 1 there starts at 06:00Z.
    expect(startOfDayIn("2026-03-01", "America/Mexico_City").toISOString()).toBe("2026-03-01T06:00:00.000Z");
    const day = await listAuditEvents(db, {
      filters: { actor: label, from: "2026-03-01", to: "2026-03-01" },
      size: 100,
    });
    expect(day.rows.length).toBe(24);
    for (const row of day.rows) {
      const local = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(row.occurredAt);
      expect(local).toBe("2026-03-01");
    }
    const feb = await listAuditEvents(db, { filters: { actor: label, to: "2026-02-28" }, size: 100 });
    expect(feb.rows.length).toBe(6);
  });

  it("filters by actor email, account number or ID, entity and action; an unknown account matches nothing", async () => {
    const byEmail = await listAuditEvents(db, { filters: { actor: flow.collector.email.toUpperCase().toLowerCase() } });
    expect(byEmail.actor?.userId).toBe(flow.collector.id);
    expect(new Set(byEmail.rows.map((r) => r.action))).toEqual(
      new Set(["user.created", "invitation.created", "invitation.suppressed", "grant.role_changed", "grant.revoked"]),
    );
    const accountNumber = (
      await queryRows<{ number: string }>(db, sql`select number from customer_accounts where id = ${flow.account.id}`)
    )[0].number;
    const byNumber = await listAuditEvents(db, { filters: { account: accountNumber.toLowerCase() }, size: 200 });
    const byId = await listAuditEvents(db, { filters: { account: flow.account.id }, size: 200 });
    expect(byNumber.rows.map((r) => r.id)).toEqual(byId.rows.map((r) => r.id));
    expect(byId.rows.every((r) => r.accountId === flow.account.id)).toBe(true);
    expect(byId.account?.number).toBe(accountNumber);
    const entity = await listAuditEvents(db, { filters: { entityType: "document", entityId: flow.invoice.id } });
    expect(entity.rows.map((r) => r.action)).toEqual(["document.issued"]);
    const action = await listAuditEvents(db, { filters: { action: "application.reversed" } });
    // The flow's reversal, and the card refund's (fixtures/payments.ts).
    expect(action.rows.map((r) => r.entityId)).toContain(flow.applicationId);
    expect(action.rows.every((r) => r.action === "application.reversed")).toBe(true);
    const unknown = await listAuditEvents(db, { filters: { account: "ZZ-9999" } });
    expect(unknown.rows).toEqual([]);
    expect(unknown.account?.found).toBe(false);
    // An anonymous actor is found by its label (sign-in attempts for an address without a user).
    const anon = await listAuditEvents(db, { filters: { actor: "nobody@example.test" } });
    expect(anon.actor?.userId).toBeNull();
    expect(anon.rows.map((r) => r.action)).toContain("auth.sign_in_rate_limited");
  });

  it("reads each filter's page from an index in order, never sorting the table", async () => {
    const email = flow.collector.email;
    const cases = [
      {},
      { account: flow.account.id },
      { action: "grant.revoked" as const },
      { entityType: "document" as const, entityId: flow.invoice.id },
      { actor: email },
      { actor: label, from: "2026-03-01" },
    ];
    for (const filters of cases) {
      const plan = await db.transaction(async (tx) => {
        // Without a sort or a sequential scan to fall back on, a plan exists only if an index gives the order.
        await tx.execute(sql`set local enable_sort = off`);
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const query = await auditEventsPageQuery(tx, { filters });
        return queryRows<{ "QUERY PLAN": string }>(tx, sql`explain ${query}`);
      });
      const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text, JSON.stringify(filters)).toMatch(/Index (Only )?Scan Backward using audit_events_\w+_idx/);
      expect(text, JSON.stringify(filters)).not.toMatch(/(^|->)\s*(Incremental )?Sort\s+\(/m);
    }
  });
});
