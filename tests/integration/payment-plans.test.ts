// Payment plans: a customer proposes instalments for overdue documents (2–6, dated in order from today
// to 180 days, their sum within what is open, one currency, documents under no other promise or plan);
// the collector accepts (in force at once below the seller's amount), counters (the customer accepts or
// declines) or rejects; above the amount a supervisor reaching the account approves or rejects. Every
// step is a conditional update (a stale or second submit changes nothing), audited. In force, each
// instalment is a payment promise settled by the promise task, what was paid filling the instalments
// in order; withdrawing cancels the pending ones. Emails go to the collector, the supervisor and the
// customer through the sweeper. Two supervisors approving at once: one wins, the promises exist once
// (meaningful on PostgreSQL, where the calls run on separate connections).
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, paymentPlans, paymentPromiseDocuments, paymentPromises, scheduledTasks } from "#db/schema";
import { createSeller, createZone } from "~/domain/accounts/create-organization.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { listStaffPromises } from "~/domain/payments/read-promises.server";
import { recordPromise } from "~/domain/payments/record-promise.server";
import { acceptCounter, declineCounter, withdrawPlan } from "~/domain/plans/customer-plan-actions.server";
import { proposePlan } from "~/domain/plans/propose-plan.server";
import { listPlannableDocuments } from "~/domain/plans/read-plans.server";
import { setPlanApprovalPolicy } from "~/domain/plans/set-approval-policy.server";
import {
  acceptPlan,
  approvePlan,
  counterPlan,
  disapprovePlan,
  rejectPlan,
} from "~/domain/plans/staff-plan-actions.server";
import { runDueTasks } from "~/jobs/scheduled-tasks.server";
import { TASK_HANDLERS } from "~/jobs/task-handlers.server";
import type { Db } from "~/utils/db.server";
import { auditActions } from "../fixtures/audit";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { routeTest as test } from "../setup/route-test";

// Mexico City: 2026-11-09 12:00 local. Invoices issued 2026-09-01 on 30 days fell due 2026-10-01.
const NOW = new Date("2026-11-09T18:00:00Z");
const actor = SYSTEM_ACTOR;

type Seller = Parameters<typeof createTestAccount>[1];

async function setting(db: Db, seller: Seller, approvalAbove: string | null = "1000.00") {
  const supervisor = await createTestStaff(db, "supervisor");
  const collector = await createTestStaff(db, "collector", { supervisorId: supervisor.id });
  const account = await createTestAccount(db, seller, { collectorId: collector.id });
  const payer = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);
  const a = await issueDocument(db, account.id, "invoice", "1000.00", "2026-09-01");
  const b = await issueDocument(db, account.id, "invoice", "500.00", "2026-09-02");
  if (approvalAbove !== null)
    await setPlanApprovalPolicy(db, actor, { sellerId: seller.seller.id, currency: "MXN", approvalAbove });
  return {
    supervisor: { ...supervisor, staffRole: "supervisor" as const },
    collector: { ...collector, staffRole: "collector" as const },
    account,
    payer,
    a,
    b,
  };
}
type Setting = Awaited<ReturnType<typeof setting>>;

function propose(db: Db, s: Setting, instalments: { dueDate: string; amount: string }[], documentIds = [s.a, s.b]) {
  return proposePlan(db, actor, {
    accountId: s.account.id,
    userId: s.payer.id,
    documentIds,
    instalments,
    now: NOW,
  });
}

async function planRow(db: Db, id: string) {
  const [row] = await db.select().from(paymentPlans).where(eq(paymentPlans.id, id));
  return row;
}

async function instalmentPromises(db: Db, planId: string) {
  return db
    .select()
    .from(paymentPromises)
    .where(eq(paymentPromises.planId, planId))
    .orderBy(paymentPromises.planPosition);
}

const sweep = (db: Db, iso: string) =>
  runDueTasks(db, { now: new Date(iso), workerId: "plans-test", handlers: TASK_HANDLERS });

describe("payment plans", () => {
  test("a proposal is refused for a document not yet due, one instalment, dates out of order or range, and a sum above what is open", async ({
    db,
    seller,
  }) => {
    const s = await setting(db, seller);
    const notDue = await issueDocument(db, s.account.id, "invoice", "100.00", "2026-11-01");
    const two = [
      { dueDate: "2026-11-20", amount: "500.00" },
      { dueDate: "2026-12-20", amount: "500.00" },
    ];
    await expect(propose(db, s, two, [s.a, notDue])).rejects.toMatchObject({ code: "plan.document_not_overdue" });
    await expect(propose(db, s, [two[0]])).rejects.toMatchObject({ code: "plan.instalment_count" });
    await expect(propose(db, s, [two[1], two[0]])).rejects.toMatchObject({ code: "plan.dates_not_ascending" });
    await expect(propose(db, s, [two[0], { dueDate: "2027-05-09", amount: "1.00" }])).rejects.toMatchObject({
      code: "plan.date_out_of_range",
    });
    await expect(propose(db, s, [two[0], { dueDate: "2026-12-20", amount: "1000.01" }])).rejects.toMatchObject({
      code: "plan.above_open",
    });
    // Exactly what is open (1,500.00) is fine; then the documents are the plan's.
    const plan = await propose(db, s, [two[0], { dueDate: "2026-12-20", amount: "1000.00" }]);
    expect(plan).toMatchObject({ total: "1500.00", currency: "MXN" });
    await expect(propose(db, s, two)).rejects.toMatchObject({ code: "plan.already_planned" });
    await expect(
      recordPromise(db, actor, {
        accountId: s.account.id,
        userId: s.payer.id,
        promisedDate: "2026-11-10",
        items: [{ documentId: s.a, amount: "1.00" }],
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "promise.already_promised" });
  });

  test("the proposal form offers only overdue documents that no pending promise nor open plan holds", async ({
    db,
    seller,
  }) => {
    const s = await setting(db, seller);
    const c = await issueDocument(db, s.account.id, "invoice", "300.00", "2026-09-03");
    const d = await issueDocument(db, s.account.id, "invoice", "200.00", "2026-09-04");
    await issueDocument(db, s.account.id, "invoice", "100.00", "2026-11-01"); // not yet due
    const offered = async () => (await listPlannableDocuments(db, s.account.id, "2026-11-09")).map((x) => x.id);
    expect(await offered()).toEqual([s.a, s.b, c, d]);
    await propose(db, s, [
      { dueDate: "2026-11-20", amount: "500.00" },
      { dueDate: "2026-12-20", amount: "500.00" },
    ]);
    await recordPromise(db, actor, {
      accountId: s.account.id,
      userId: s.payer.id,
      promisedDate: "2026-11-12",
      items: [{ documentId: c, amount: "300.00" }],
      now: NOW,
    });
    expect(await offered()).toEqual([d]);
  });

  test("accepted below the seller's amount it is in force at once: each instalment a promise over the documents in order, with its settlement task", async ({
    db,
    seller,
  }) => {
    const s = await setting(db, seller, "2000.00");
    const plan = await propose(db, s, [
      { dueDate: "2026-11-20", amount: "800.00" },
      { dueDate: "2026-12-20", amount: "700.00" },
    ]);
    await acceptPlan(db, actor, s.collector, { planId: plan.id, revision: 1, now: NOW });
    expect(await planRow(db, plan.id)).toMatchObject({ status: "active", decidedById: s.collector.id });
    const promises = await instalmentPromises(db, plan.id);
    expect(promises.map((p) => [p.amount, p.promisedDate, p.status, p.planPosition])).toEqual([
      ["800.00", "2026-11-20", "pending", 0],
      ["700.00", "2026-12-20", "pending", 1],
    ]);
    const parts = await db
      .select()
      .from(paymentPromiseDocuments)
      .where(eq(paymentPromiseDocuments.promiseId, promises[1].id))
      .orderBy(paymentPromiseDocuments.position);
    expect(parts.map((p) => [p.documentId, p.amount])).toEqual([
      [s.a, "200.00"],
      [s.b, "500.00"],
    ]);
    const tasks = await db
      .select()
      .from(scheduledTasks)
      .where(and(eq(scheduledTasks.kind, "promise.due"), eq(scheduledTasks.subjectId, promises[0].id)));
    expect(tasks.map((t) => t.dueAt.toISOString())).toEqual(["2026-11-21T06:00:00.000Z"]);
    // A second accept changes nothing.
    await expect(acceptPlan(db, actor, s.collector, { planId: plan.id, revision: 1, now: NOW })).rejects.toMatchObject({
      code: "plan.not_waiting",
    });
    expect(await instalmentPromises(db, plan.id)).toHaveLength(2);
  });

  test("above the amount the collector's acceptance waits for the supervisor, who approves it; a collector cannot approve, another team's supervisor cannot see it", async ({
    db,
    seller,
    mailbox,
  }) => {
    const s = await setting(db, seller, "1000.00");
    const plan = await propose(db, s, [
      { dueDate: "2026-11-20", amount: "600.00" },
      { dueDate: "2026-12-20", amount: "600.00" },
    ]);
    await sweep(db, NOW.toISOString());
    await mailbox.waitFor(s.collector.email, /Nuevo plan de pagos por decidir/);
    await acceptPlan(db, actor, s.collector, { planId: plan.id, revision: 1, now: NOW });
    expect(await planRow(db, plan.id)).toMatchObject({ status: "awaiting_approval" });
    expect(await instalmentPromises(db, plan.id)).toEqual([]);
    await sweep(db, NOW.toISOString());
    const mail = await mailbox.waitFor(s.supervisor.email, /Plan de pagos por aprobar/);
    expect(mail.text).toContain("$1,200.00");
    expect(mail.text).toContain(`/staff/plans/${plan.id}`);
    await expect(approvePlan(db, actor, s.collector, { planId: plan.id, now: NOW })).rejects.toMatchObject({
      code: "plan.not_allowed",
    });
    const stranger = { ...(await createTestStaff(db, "supervisor")), staffRole: "supervisor" as const };
    await expect(approvePlan(db, actor, stranger, { planId: plan.id, now: NOW })).rejects.toMatchObject({
      code: "plan.not_found",
    });
    await approvePlan(db, actor, s.supervisor, { planId: plan.id, now: NOW });
    expect(await planRow(db, plan.id)).toMatchObject({ status: "active", approvedById: s.supervisor.id });
    expect(await instalmentPromises(db, plan.id)).toHaveLength(2);
    await sweep(db, NOW.toISOString());
    await mailbox.waitFor(s.payer.email, /Tu plan de pagos está en vigor/);
    expect(await auditActions(db, plan.id)).toEqual(["plan.proposed", "plan.accepted", "plan.approved"]);
  });

  test("two supervisors approving at once: one wins, the other is told it changed, the instalments exist once", async ({
    db,
    seller,
  }) => {
    const s = await setting(db, seller, "0.00");
    const admin = { ...(await createTestStaff(db, "admin")), staffRole: "admin" as const };
    const plan = await propose(db, s, [
      { dueDate: "2026-11-20", amount: "100.00" },
      { dueDate: "2026-12-20", amount: "100.00" },
    ]);
    await acceptPlan(db, actor, s.collector, { planId: plan.id, revision: 1, now: NOW });
    const results = await Promise.allSettled([
      approvePlan(db, actor, s.supervisor, { planId: plan.id, now: NOW }),
      approvePlan(db, actor, admin, { planId: plan.id, now: NOW }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "plan.not_waiting" });
    expect(await instalmentPromises(db, plan.id)).toHaveLength(2);
    const approvals = await db.select().from(auditEvents).where(eq(auditEvents.action, "plan.approved"));
    expect(approvals.filter((e) => e.entityId === plan.id)).toHaveLength(1);
  });

  test("a counter is a new revision: a stale decision on the old one changes nothing; the customer accepts it (then the supervisor), or declines it", async ({
    db,
    seller,
    mailbox,
  }) => {
    const s = await setting(db, seller, "1000.00");
    const plan = await propose(db, s, [
      { dueDate: "2026-11-20", amount: "750.00" },
      { dueDate: "2026-12-20", amount: "750.00" },
    ]);
    await expect(
      counterPlan(db, actor, s.collector, {
        planId: plan.id,
        revision: 1,
        instalments: [
          { dueDate: "2026-11-15", amount: "1000.00" },
          { dueDate: "2026-11-30", amount: "600.00" },
        ],
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "plan.above_open" });
    await counterPlan(db, actor, s.collector, {
      planId: plan.id,
      revision: 1,
      instalments: [
        { dueDate: "2026-11-15", amount: "1000.00" },
        { dueDate: "2026-11-30", amount: "500.00" },
      ],
      now: NOW,
    });
    expect(await planRow(db, plan.id)).toMatchObject({ status: "countered", revision: 2, total: "1500.00" });
    await sweep(db, NOW.toISOString());
    await mailbox.waitFor(s.payer.email, /Tu analista propone cambios/);
    await expect(
      rejectPlan(db, actor, s.collector, { planId: plan.id, revision: 1, reason: "tarde", now: NOW }),
    ).rejects.toMatchObject({ code: "plan.not_waiting" });
    await expect(
      acceptCounter(db, actor, { planId: plan.id, revision: 1, accountIds: [s.account.id], now: NOW }),
    ).rejects.toMatchObject({ code: "plan.not_waiting" });
    await expect(
      acceptCounter(db, actor, { planId: plan.id, revision: 2, accountIds: ["someone-else"], now: NOW }),
    ).rejects.toMatchObject({ code: "plan.not_found" });
    await acceptCounter(db, actor, { planId: plan.id, revision: 2, accountIds: [s.account.id], now: NOW });
    expect(await planRow(db, plan.id)).toMatchObject({ status: "awaiting_approval" });
    await disapprovePlan(db, actor, s.supervisor, { planId: plan.id, reason: "Sin garantía", now: NOW });
    expect(await planRow(db, plan.id)).toMatchObject({ status: "rejected", rejectionReason: "Sin garantía" });

    // Rejected, the documents are free for another plan; this one's counter is declined.
    const second = await propose(db, s, [
      { dueDate: "2026-11-20", amount: "100.00" },
      { dueDate: "2026-12-20", amount: "100.00" },
    ]);
    await counterPlan(db, actor, s.collector, {
      planId: second.id,
      revision: 1,
      instalments: [
        { dueDate: "2026-11-20", amount: "150.00" },
        { dueDate: "2026-12-20", amount: "150.00" },
      ],
      now: NOW,
    });
    await declineCounter(db, actor, { planId: second.id, revision: 2, accountIds: [s.account.id], now: NOW });
    expect(await planRow(db, second.id)).toMatchObject({ status: "declined" });
  });

  test("in force, payments fill the instalments in order: kept, then partly kept at their dates; withdrawing cancels what is pending", async ({
    db,
    seller,
  }) => {
    const s = await setting(db, seller, "5000.00");
    const plan = await propose(db, s, [
      { dueDate: "2026-11-10", amount: "600.00" },
      { dueDate: "2026-11-20", amount: "600.00" },
      { dueDate: "2026-12-20", amount: "300.00" },
    ]);
    await acceptPlan(db, actor, s.collector, { planId: plan.id, revision: 1, now: NOW });
    // 900 paid by the 10th: all of b (500) and 400 of a.
    const pay = await issueDocument(db, s.account.id, "payment", "900.00", "2026-11-10");
    await applyAmount(db, pay, s.b, "500.00", "2026-11-10");
    await applyAmount(db, pay, s.a, "400.00", "2026-11-10");
    await sweep(db, "2026-11-11T06:00:00Z");
    await sweep(db, "2026-11-21T06:00:00Z");
    const [first, second, third] = await instalmentPromises(db, plan.id);
    // The first instalment is kept although b was not among its documents: the plan pays in order.
    expect(first).toMatchObject({ status: "kept", paidAmount: "600.00" });
    expect(second).toMatchObject({ status: "partly_kept", paidAmount: "300.00" });
    expect(third.status).toBe("pending");
    await withdrawPlan(db, actor, { planId: plan.id, accountIds: [s.account.id], now: NOW });
    expect(await planRow(db, plan.id)).toMatchObject({ status: "cancelled" });
    const after = await instalmentPromises(db, plan.id);
    expect(after.map((p) => p.status)).toEqual(["kept", "partly_kept", "cancelled"]);
    // Its settlement and its reminder.
    const tasks = await db.select().from(scheduledTasks).where(eq(scheduledTasks.subjectId, third.id));
    expect(tasks.map((t) => `${t.kind}:${t.status}`).sort()).toEqual([
      "promise.due:cancelled",
      "promise.reminder:cancelled",
    ]);
  });

  test("the collectors' 'today' is each account's seller's day, not Mexico City's for all", async ({ db }) => {
    const co = await createSeller(db, actor, {
      code: `CO${Date.now() % 100000}`,
      legalName: "Aceros Andinos SAS",
      country: "CO",
      taxId: "900123456",
      taxRegime: "O-13",
      postalCode: "110111",
      currency: "COP",
      timeZone: "America/Bogota",
    });
    const zone = await createZone(db, actor, { sellerId: co.id, code: `BOG${Date.now() % 1000}`, name: "Bogotá" });
    const collector = await createTestStaff(db, "collector");
    const account = await createTestAccount(db, { seller: co, zone }, { collectorId: collector.id });
    const payer = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);
    const doc = await issueDocument(db, account.id, "invoice", "100000.00", "2026-11-01", { currency: "COP" });
    // 05:30 UTC on the 10th: already the 10th in Bogotá (00:30), still the 9th in Mexico City (23:30).
    const now = new Date("2026-11-10T05:30:00Z");
    const p = await recordPromise(db, actor, {
      accountId: account.id,
      userId: payer.id,
      promisedDate: "2026-11-10",
      items: [{ documentId: doc, amount: "100.00" }],
      now,
    });
    const staff = { id: collector.id, staffRole: "collector" as const };
    const today = await listStaffPromises(db, staff, { view: "today", now, page: 1 });
    expect(today.rows.map((r) => r.id)).toEqual([p.id]);
    const dayBefore = await listStaffPromises(db, staff, {
      view: "today",
      now: new Date("2026-11-10T04:30:00Z"),
      page: 1,
    });
    expect(dayBefore.rows).toEqual([]);
  });
});
