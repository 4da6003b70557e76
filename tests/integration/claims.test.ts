// The claim lifecycle (app/domain/claims) against a real database with a driven clock: raising from
// lines with the amount rules, assignment to the account's collector, the L1 deadline in business
// hours, the paused clock while waiting on the customer, auto-escalation by the sweeper to L2 (the
// supervisor) and L3 (the owning area) and the breach after it, the conditional updates (two staff at
// once, a double submit), who may act, resolution, withdrawal and reopening within 15 days, and the
// customer's scope. On PostgreSQL two sweepers race and each claim escalates once.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, claimDocuments, claims, publicHolidays, scheduledTasks } from "#db/schema";
import { answerClaim, reopenClaim, withdrawClaim } from "~/domain/claims/customer-claim-actions.server";
import { ClaimRuleError } from "~/domain/claims/errors";
import { escalateClaim } from "~/domain/claims/escalate-claim.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { raiseCustomerClaim } from "~/domain/claims/raise-customer-claim.server";
import {
  addInternalNote,
  reassignClaim,
  replyToClaim,
  requestClaimInfo,
  resolveClaim,
  takeClaim,
} from "~/domain/claims/staff-claim-actions.server";
import { runDueTasks } from "~/jobs/scheduled-tasks.server";
import { TASK_HANDLERS } from "~/jobs/task-handlers.server";
import { type Database, type Db, openDatabase, queryRows } from "~/utils/db.server";
import { createClaimsSetting } from "../fixtures/claims";
import { createTestStaff } from "../fixtures/users";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let s: Awaited<ReturnType<typeof createClaimsSetting>>;
/** Local Mexico City wall-clock time. */
const mx = (local: string) => new Date(`${local}-06:00`);
const MONDAY_9 = mx("2026-11-09T09:00");

const rule = (code: string) => expect.objectContaining({ name: "ClaimRuleError", code });
const claimRow = async (id: string) => (await db.select().from(claims).where(eq(claims.id, id)))[0];
const pendingTasks = (claimId: string) =>
  db
    .select()
    .from(scheduledTasks)
    .where(and(eq(scheduledTasks.subjectId, claimId), eq(scheduledTasks.status, "pending")));
const events = (claimId: string) =>
  db
    .select({ action: auditEvents.action, after: auditEvents.after, actorLabel: auditEvents.actorLabel })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "claim"), eq(auditEvents.entityId, claimId)))
    .orderBy(auditEvents.occurredAt, auditEvents.id);

function raiseOnLine(
  amount = "200.00",
  now = MONDAY_9,
  type: "price_difference" | "damaged_or_returned" = "price_difference",
) {
  return raiseClaim(
    db,
    s.customerActor,
    {
      accountId: s.account.id,
      type,
      origin: "lines",
      description: "El precio de la varilla no es el pactado",
      documents: [{ documentId: s.invoice.id, lineId: s.lines[0].id, amount }],
    },
    { now },
  );
}
const sweep = (now: Date, workerId = "test") => runDueTasks(db, { now, workerId, handlers: TASK_HANDLERS });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  s = await createClaimsSetting(db);
});
afterAll(async () => database.close());

describe("working calendars seeded by the migration", () => {
  it("hold Mexico's Revolución Monday and Colombia's 2026 Chiquinquirá day, not Mexico's bank days", async () => {
    const rows = await queryRows<{ country: string; date: string }>(
      db,
      sql`select c.country::text as country, h.date::text as date from ${publicHolidays} h join working_calendars c on c.id = h.calendar_id
          where h.date between '2026-01-01' and '2026-12-31'`,
    );
    const has = (country: string, date: string) => rows.some((r) => r.country === country && r.date === date);
    expect(has("MX", "2026-11-16")).toBe(true);
    expect(has("CO", "2026-07-13")).toBe(true);
    expect(has("CO", "2026-04-02")).toBe(true);
    expect(has("MX", "2026-04-02")).toBe(false);
    expect(has("MX", "2026-12-12")).toBe(false);
  });
});

describe("raising a claim", () => {
  it("goes to the account's collector at L1, due in 16 business hours, with its SLA check scheduled and audited", async () => {
    const claim = await raiseOnLine();
    expect(claim).toMatchObject({ status: "open", level: "L1", assigneeId: s.collector.id, owningArea: "sales" });
    expect(claim.dueAt).toEqual(mx("2026-11-10T16:00"));
    const tasks = await pendingTasks(claim.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: "claim.sla_due",
      dueAt: claim.dueAt,
      payload: { claimId: claim.id, level: "L1" },
    });
    const [raised] = await events(claim.id);
    expect(raised.action).toBe("claim.raised");
    expect(raised.after).toMatchObject({
      documents: [{ documentId: s.invoice.id, lineId: s.lines[0].id, disputedAmount: "200.00", currency: "MXN" }],
    });
  });

  it("refuses an amount above the line's total or the document's open amount, a foreign document, a wrong kind", async () => {
    // Line 1 totals 1,160.00; the invoice 1,392.00.
    await expect(raiseOnLine("1160.01")).rejects.toEqual(rule("line.amount_above_total"));
    await expect(
      raiseClaim(
        db,
        s.customerActor,
        {
          accountId: s.account.id,
          type: "price_difference",
          origin: "invoice",
          description: "x",
          documents: [{ documentId: s.invoice.id, amount: "1392.01" }],
        },
        { now: MONDAY_9 },
      ),
    ).rejects.toEqual(rule("document.amount_above_open"));
    const invoiceClaim = (documentId: string, origin: "invoice" | "payment" = "invoice") =>
      raiseClaim(
        db,
        s.customerActor,
        {
          accountId: s.account.id,
          type: "duplicate_charge",
          origin,
          description: "x",
          documents: [{ documentId, amount: "1.00" }],
        },
        { now: MONDAY_9 },
      );
    await expect(invoiceClaim(s.foreignInvoiceId)).rejects.toEqual(rule("document.not_found"));
    await expect(invoiceClaim(s.invoice.id, "payment")).rejects.toEqual(rule("document.wrong_kind"));
    // From lines without naming a line: the schema refuses it.
    await expect(
      raiseClaim(
        db,
        s.customerActor,
        {
          accountId: s.account.id,
          type: "other",
          origin: "lines",
          description: "x",
          documents: [{ documentId: s.invoice.id, amount: "1.00" }],
        },
        { now: MONDAY_9 },
      ),
    ).rejects.toThrow(/lines_required/);
  });
});

describe("raising a claim from the portal on lines of an invoice", () => {
  it("disputes each chosen line with its amount (origin lines), and names the line a rule refuses", async () => {
    const claim = await raiseCustomerClaim(
      db,
      s.customerActor,
      {
        type: "quantity_or_remission",
        description: "Faltaron piezas",
        documentId: s.invoice.id,
        lines: [
          { lineId: s.lines[0].id, amount: "116.00" },
          { lineId: s.lines[1].id, amount: "46.40" },
        ],
        files: [],
      },
      { now: MONDAY_9 },
    );
    expect(claim).toMatchObject({ origin: "lines", disputedAmount: "162.40", disputedCurrency: "MXN" });
    const rows = await db.select().from(claimDocuments).where(eq(claimDocuments.claimId, claim.id));
    expect(rows.map((r) => [r.lineId, r.disputedAmount, r.currency]).sort()).toEqual(
      [
        [s.lines[0].id, "116.00", "MXN"],
        [s.lines[1].id, "46.40", "MXN"],
      ].sort(),
    );
    const refused = await raiseCustomerClaim(
      db,
      s.customerActor,
      {
        type: "other",
        description: "x",
        documentId: s.invoice.id,
        lines: [
          { lineId: s.lines[0].id, amount: "1.00" },
          { lineId: s.lines[1].id, amount: "232.01" },
        ],
        files: [],
      },
      { now: MONDAY_9 },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClaimRuleError);
    expect(refused).toMatchObject({ code: "line.amount_above_total", subject: { lineId: s.lines[1].id } });
  });
});

describe("the SLA clock and escalation", () => {
  it("pauses while waiting on the customer and resumes with what was left", async () => {
    const claim = await raiseOnLine();
    const collector = s.staffActor(s.collector);
    // Monday 13:00: 4 of 16 h used.
    const asked = await requestClaimInfo(
      db,
      collector,
      { claimId: claim.id, version: 1, body: "¿Tiene la orden de compra?" },
      { now: mx("2026-11-09T13:00") },
    );
    expect(asked.claim).toMatchObject({ status: "waiting_on_customer", dueAt: null, slaRemainingMinutes: 12 * 60 });
    expect(await pendingTasks(claim.id)).toHaveLength(0);
    // Nothing escalates while paused, whatever the time.
    await sweep(mx("2026-11-20T12:00"));
    expect((await claimRow(claim.id)).level).toBe("L1");
    // The customer answers on Friday 10:00: 8 h Friday, Monday 16 is Revolución, 4 h on Tuesday.
    const answered = await answerClaim(
      db,
      s.customerActor,
      { claimId: claim.id, version: 2, body: "Adjunto la OC" },
      { now: mx("2026-11-13T10:00") },
    );
    expect(answered.claim).toMatchObject({ status: "open", dueAt: mx("2026-11-17T13:00"), slaRemainingMinutes: null });
    const [task] = await pendingTasks(claim.id);
    expect(task.dueAt).toEqual(mx("2026-11-17T13:00"));
  });

  it("the sweeper escalates to the supervisor at L2, then the owning area at L3, then records the breach", async () => {
    const claim = await raiseOnLine("100.00", MONDAY_9, "damaged_or_returned");
    // A minute early nothing escalates (the sweep still sends the claim's receipt emails).
    await sweep(mx("2026-11-10T15:59"));
    expect(await claimRow(claim.id)).toMatchObject({ level: "L1" });
    await sweep(mx("2026-11-10T16:00"));
    let row = await claimRow(claim.id);
    expect(row).toMatchObject({ level: "L2", assigneeId: s.supervisor.id, status: "open" });
    // L2 entered Tuesday 16:00: 2 h Tuesday, 9 h Wednesday, 5 h Thursday.
    expect(row.dueAt).toEqual(mx("2026-11-12T14:00"));
    await sweep(mx("2026-11-12T14:00"));
    row = await claimRow(claim.id);
    expect(row).toMatchObject({ level: "L3", assigneeId: s.areaOwners.operations.id });
    // 24 h from Thursday 14:00: 4 h Thu, 9 h Fri, Mon 16 holiday, 9 h Tue, 2 h Wed.
    expect(row.dueAt).toEqual(mx("2026-11-18T11:00"));
    await sweep(mx("2026-11-18T11:00"));
    await sweep(mx("2026-11-30T11:00"));
    const actions = (await events(claim.id)).map((e) => e.action);
    expect(actions).toEqual(["claim.raised", "claim.escalated", "claim.escalated", "claim.sla_breached"]);
    const escalations = (await events(claim.id)).filter((e) => e.action === "claim.escalated");
    expect(escalations.map((e) => e.actorLabel)).toEqual(["system", "system"]);
    expect(escalations[0].after).toMatchObject({ level: "L2", automatic: true });
  });

  it("escalates by hand with a reason; a stale task does nothing", async () => {
    const claim = await raiseOnLine();
    const collector = s.staffActor(s.collector);
    const up = await escalateClaim(
      db,
      collector,
      { claimId: claim.id, version: 1, reason: "Requiere autorización" },
      { now: mx("2026-11-09T10:00") },
    );
    expect(up.level).toBe("L2");
    // The L1 task was cancelled; only L2's is pending, and an L1 run (were it left) would not act.
    const tasks = await pendingTasks(claim.id);
    expect(tasks.map((t) => (t.payload as { level: string }).level)).toEqual(["L2"]);
    await expect(
      escalateClaim(db, collector, { claimId: claim.id, version: 1, reason: "again" }, { now: mx("2026-11-09T10:01") }),
    ).rejects.toEqual(rule("claim.stale"));
  });
});

describe("conditional transitions and who may act", () => {
  it("two staff acting on the same version: one wins, the other is told it is stale and nothing of it is written", async () => {
    const claim = await raiseOnLine();
    const collector = s.staffActor(s.collector);
    const supervisor = s.staffActor(s.supervisor);
    const now = mx("2026-11-09T11:00");
    const results = await Promise.allSettled([
      replyToClaim(db, collector, { claimId: claim.id, version: 1, body: "Lo reviso" }, { now }),
      requestClaimInfo(db, supervisor, { claimId: claim.id, version: 1, body: "¿Foto?" }, { now }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toEqual(rule("claim.stale"));
    expect((await claimRow(claim.id)).version).toBe(2);
    const msgs = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from claim_messages where claim_id = ${claim.id}`,
    );
    expect(msgs[0].n).toBe(1);
    // A double submit of the winner's form changes nothing either.
    await expect(
      replyToClaim(db, collector, { claimId: claim.id, version: 1, body: "Lo reviso" }, { now }),
    ).rejects.toEqual(rule("claim.stale"));
  });

  it("auditors, other collectors and an area owner before L3 may not act; take and reassign are audited", async () => {
    const claim = await raiseOnLine();
    const auditor = s.staffActor(await createTestStaff(db, "auditor"));
    const stranger = s.staffActor(await createTestStaff(db, "collector"));
    const sales = s.staffActor(s.areaOwners.sales);
    const now = mx("2026-11-09T11:00");
    for (const who of [auditor, stranger, sales])
      await expect(takeClaim(db, who, { claimId: claim.id, version: 1 }, { now })).rejects.toEqual(
        rule("claim.not_allowed"),
      );
    await expect(addInternalNote(db, auditor, { claimId: claim.id, body: "x" }, { now })).rejects.toEqual(
      rule("claim.not_allowed"),
    );
    const supervisor = s.staffActor(s.supervisor);
    await takeClaim(db, supervisor, { claimId: claim.id, version: 1 }, { now });
    await expect(
      reassignClaim(db, supervisor, { claimId: claim.id, version: 2, assigneeId: auditor.userId }, { now }),
    ).rejects.toEqual(rule("claim.assignee_invalid"));
    // A collector of another portfolio does not reach the account: not an assignee either.
    await expect(
      reassignClaim(db, supervisor, { claimId: claim.id, version: 2, assigneeId: stranger.userId }, { now }),
    ).rejects.toEqual(rule("claim.assignee_invalid"));
    await reassignClaim(db, supervisor, { claimId: claim.id, version: 2, assigneeId: sales.userId }, { now });
    // Now assigned to the sales owner, who may act before L3.
    await addInternalNote(db, sales, { claimId: claim.id, body: "Revisar con ventas" }, { now });
    const assigned = (await events(claim.id)).filter((e) => e.action === "claim.assigned").map((e) => e.after);
    expect(assigned).toEqual([
      { assigneeId: s.supervisor.id, via: "take" },
      { assigneeId: sales.userId, via: "reassign" },
    ]);
  });
});

describe("resolution, withdrawal and reopening", () => {
  it("resolves in part with an amount and reason; reopens within 15 days, not after", async () => {
    const claim = await raiseOnLine("300.00");
    const collector = s.staffActor(s.collector);
    const now = mx("2026-11-09T12:00");
    await expect(
      resolveClaim(db, collector, { claimId: claim.id, version: 1, resolution: "rejected" }, { now }),
    ).rejects.toEqual(rule("claim.reason_required"));
    await expect(
      resolveClaim(
        db,
        collector,
        { claimId: claim.id, version: 1, resolution: "accepted_partial", reason: "x", acceptedAmount: "300.00" },
        { now },
      ),
    ).rejects.toEqual(rule("claim.accepted_amount_invalid"));
    const resolved = await resolveClaim(
      db,
      collector,
      {
        claimId: claim.id,
        version: 1,
        resolution: "accepted_partial",
        reason: "Se reconoce la mitad",
        acceptedAmount: "150.00",
      },
      { now },
    );
    expect(resolved).toMatchObject({ status: "resolved", acceptedAmount: "150.00", dueAt: null });
    expect(await pendingTasks(claim.id)).toHaveLength(0);
    await expect(
      reopenClaim(
        db,
        s.customerActor,
        { claimId: claim.id, version: 2, reason: "No estoy de acuerdo" },
        { now: new Date(now.getTime() + 16 * 86_400_000) },
      ),
    ).rejects.toEqual(rule("claim.reopen_window_closed"));
    const reopened = await reopenClaim(
      db,
      s.customerActor,
      { claimId: claim.id, version: 2, reason: "No estoy de acuerdo" },
      { now: mx("2026-11-20T10:00") },
    );
    expect(reopened).toMatchObject({ status: "open", level: "L1", resolution: null, reopenCount: 1 });
    expect(await pendingTasks(claim.id)).toHaveLength(1);
    await withdrawClaim(db, s.customerActor, { claimId: claim.id, version: 3 }, { now: mx("2026-11-20T11:00") });
    expect((await claimRow(claim.id)).status).toBe("withdrawn");
    expect(await pendingTasks(claim.id)).toHaveLength(0);
  });

  it("accepted in full takes the disputed total; a customer of another account sees no claim", async () => {
    const claim = await raiseOnLine("120.50");
    const resolved = await resolveClaim(
      db,
      s.staffActor(s.collector),
      { claimId: claim.id, version: 1, resolution: "accepted_full" },
      { now: MONDAY_9 },
    );
    expect(resolved.acceptedAmount).toBe("120.50");
    const outsider = { userId: s.customer.id, label: "x", accountIds: [s.other.id] };
    await expect(
      reopenClaim(db, outsider, { claimId: claim.id, version: 2, reason: "x" }, { now: MONDAY_9 }),
    ).rejects.toEqual(rule("claim.not_found"));
    await expect(
      withdrawClaim(db, { ...outsider, accountIds: [] }, { claimId: claim.id, version: 2 }, { now: MONDAY_9 }),
    ).rejects.toBeInstanceOf(ClaimRuleError);
  });
});

describe.runIf(onPostgres)("two sweepers on PostgreSQL", () => {
  let second: Database;
  beforeAll(async () => {
    second = await openDatabase({ url: database.url!, poolSize: 3 });
  });
  afterAll(async () => second?.close());

  it("race over the same overdue claims: each escalates exactly once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push((await raiseOnLine("1.00", mx("2026-12-01T09:00"))).id);
    const due = mx("2026-12-02T16:00");
    const sweepAll = async (d: Db, workerId: string) => {
      for (;;) {
        const r = await runDueTasks(d, { now: due, workerId, handlers: TASK_HANDLERS, limit: 3 });
        if (r.claimed === 0) return;
      }
    };
    await Promise.all([sweepAll(db, "A"), sweepAll(second.db, "B")]);
    const counts = await queryRows<{ entity_id: string; n: number }>(
      db,
      sql`select entity_id, count(*)::int as n from audit_events where action = 'claim.escalated'
          and entity_id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )}) group by entity_id`,
    );
    expect(counts).toHaveLength(30);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    const levels = await db
      .select({ level: claims.level })
      .from(claims)
      .where(
        sql`${claims.id} in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    expect(levels.every((l) => l.level === "L2")).toBe(true);
  });
});
