// Payment promises: recorded for open documents by a date (today up to 90 days, one currency, amounts
// within what is open, a document under one pending promise at a time), settled at the end of that day
// by the scheduled task with a driven clock: kept (paid in full by the date), partly kept, broken —
// measured from what the ledger applied to those documents after the promise; a task run twice settles
// once; a promise not kept emails the account's collector (read back over SMTP); withdrawing cancels
// its task. Routes: another account's customer cannot withdraw it (404); a collector sees only its
// portfolio's promises.
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { paymentPromises, scheduledTasks } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { cancelPromise } from "~/domain/payments/cancel-promise.server";
import { listStaffPromises } from "~/domain/payments/read-promises.server";
import { recordPromise } from "~/domain/payments/record-promise.server";
import { runDueTasks } from "~/jobs/scheduled-tasks.server";
import { TASK_HANDLERS } from "~/jobs/task-handlers.server";
import * as portalHome from "~/routes/portal+/_index";
import * as portalPromises from "~/routes/portal+/promises";
import * as staffPromises from "~/routes/staff+/promises";
import type { Db } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { routeTest as test } from "../setup/route-test";
import { callRoute } from "../setup/routes";

// Mexico City: 2026-11-10 00:00 local is 06:00 UTC.
const NOW = new Date("2026-11-09T18:00:00Z");
const actor = SYSTEM_ACTOR;

async function setting(db: Db, seller: Parameters<typeof createTestAccount>[1]) {
  const collector = await createTestStaff(db, "collector");
  const account = await createTestAccount(db, seller, { collectorId: collector.id });
  const payer = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);
  const a = await issueDocument(db, account.id, "invoice", "100.00", "2026-10-01");
  const b = await issueDocument(db, account.id, "invoice", "50.00", "2026-10-02");
  return { collector, account, payer, a, b };
}

async function promise(
  db: Db,
  s: Awaited<ReturnType<typeof setting>>,
  items: { documentId: string; amount: string }[],
  date = "2026-11-10",
) {
  return recordPromise(db, actor, { accountId: s.account.id, userId: s.payer.id, promisedDate: date, items, now: NOW });
}

async function settleAt(db: Db, iso: string) {
  return runDueTasks(db, { now: new Date(iso), workerId: "promises-test", handlers: TASK_HANDLERS });
}

async function statusOf(db: Db, id: string) {
  const [row] = await db.select().from(paymentPromises).where(eq(paymentPromises.id, id));
  return row;
}

describe("payment promises", () => {
  test("refuses a past date, one beyond 90 days, an amount above what is open, and a document already promised", async ({
    db,
    seller,
  }) => {
    const s = await setting(db, seller);
    await expect(promise(db, s, [{ documentId: s.a, amount: "10.00" }], "2026-11-08")).rejects.toMatchObject({
      code: "promise.date_out_of_range",
    });
    await expect(promise(db, s, [{ documentId: s.a, amount: "10.00" }], "2027-02-08")).rejects.toMatchObject({
      code: "promise.date_out_of_range",
    });
    await expect(promise(db, s, [{ documentId: s.a, amount: "100.01" }])).rejects.toMatchObject({
      code: "amount.above_open",
    });
    await promise(db, s, [{ documentId: s.a, amount: "40.00" }]);
    await expect(promise(db, s, [{ documentId: s.a, amount: "10.00" }])).rejects.toMatchObject({
      code: "promise.already_promised",
    });
  });

  test("kept, partly kept and broken are measured from what was applied after the promise and by its date; a second run settles nothing", async ({
    db,
    seller,
    mailbox,
  }) => {
    const s = await setting(db, seller);
    const kept = await promise(db, s, [{ documentId: s.a, amount: "100.00" }]);
    const partly = await promise(db, s, [{ documentId: s.b, amount: "50.00" }]);
    const c = await issueDocument(db, s.account.id, "invoice", "70.00", "2026-10-03");
    const broken = await promise(db, s, [{ documentId: c, amount: "70.00" }]);
    const pay = await issueDocument(db, s.account.id, "payment", "130.00", "2026-11-10");
    await applyAmount(db, pay, s.a, "100.00", "2026-11-10");
    await applyAmount(db, pay, s.b, "30.00", "2026-11-10");
    // Not yet due: the day has not ended in Mexico City.
    expect((await settleAt(db, "2026-11-11T05:59:00Z")).done).toBe(0);
    const run = await settleAt(db, "2026-11-11T06:00:00Z");
    expect(run.done).toBeGreaterThanOrEqual(3);
    expect(await statusOf(db, kept.id)).toMatchObject({ status: "kept", paidAmount: "100.00" });
    expect(await statusOf(db, partly.id)).toMatchObject({ status: "partly_kept", paidAmount: "30.00" });
    expect(await statusOf(db, broken.id)).toMatchObject({ status: "broken", paidAmount: "0.00" });
    // The collector hears of the two not kept (their own tasks, run by the same or the next sweep).
    await settleAt(db, "2026-11-11T06:01:00Z");
    const mail = await mailbox.waitFor(s.collector.email, /Promesa de pago incumplida/);
    expect(mail.text).toContain("$70.00");
    expect(mail.text).toMatch(/http:\/\/localhost:\d+\/staff\/promises\?status=broken|\/staff\/promises/);
    await mailbox.waitFor(s.collector.email, /cumplida en parte/);
    // Run again: nothing is pending, nothing changes.
    const again = await settleAt(db, "2026-11-12T06:00:00Z");
    expect(again.claimed).toBe(0);
    expect(await statusOf(db, kept.id)).toMatchObject({ status: "kept" });
  });

  test("a payment applied before the promise does not count towards it", async ({ db, seller }) => {
    const s = await setting(db, seller);
    const pay = await issueDocument(db, s.account.id, "payment", "60.00", "2026-11-01");
    await applyAmount(db, pay, s.a, "60.00", "2026-11-01");
    // Made now (after the application was written), due today.
    const now = new Date();
    const p = await recordPromise(db, actor, {
      accountId: s.account.id,
      userId: s.payer.id,
      promisedDate: todayIn("America/Mexico_City", now),
      items: [{ documentId: s.a, amount: "40.00" }],
      now,
    });
    await settleAt(db, new Date(now.getTime() + 2 * 86_400_000).toISOString());
    expect(await statusOf(db, p.id)).toMatchObject({ status: "broken" });
  });

  test("withdrawing a pending promise cancels its task; another account's customer gets 404 and changes nothing", async ({
    db,
    seller,
    signIn,
  }) => {
    const s = await setting(db, seller);
    const p = await promise(db, s, [{ documentId: s.a, amount: "10.00" }]);
    const other = await createTestAccount(db, seller);
    const outsider = await createTestCustomer(db, [{ accountId: other.id, role: "account_admin" }]);
    const outsiderCall = await callRoute(portalPromises.action, {
      path: "/portal/promises",
      cookie: await signIn(outsider),
      form: { intent: "cancel", promiseId: p.id },
    });
    expect(outsiderCall.status).toBe(404);
    const list = await callRoute(portalPromises.loader, { path: "/portal/promises", cookie: await signIn(outsider) });
    expect(JSON.stringify(list.body)).not.toContain(p.id);
    expect((await statusOf(db, p.id)).status).toBe("pending");
    const own = await callRoute(portalPromises.action, {
      path: "/portal/promises",
      cookie: await signIn(s.payer),
      form: { intent: "cancel", promiseId: p.id },
    });
    expect(own.status).toBe(302);
    expect((await statusOf(db, p.id)).status).toBe("cancelled");
    const tasks = await db.select().from(scheduledTasks).where(eq(scheduledTasks.subjectId, p.id));
    expect(tasks.map((t) => t.status)).toEqual(["cancelled"]);
    await expect(cancelPromise(db, actor, { promiseId: p.id, accountIds: [s.account.id] })).rejects.toMatchObject({
      code: "promise.not_pending",
    });
  });

  test("the promise form records a promise for the named account and refuses a date out of range with its message", async ({
    db,
    seller,
    signIn,
  }) => {
    const s = await setting(db, seller);
    const cookie = await signIn(s.payer);
    const page = await callRoute(portalPromises.loader, { path: `/portal/promises?documents=${s.b}`, cookie });
    const form = (page.body as { form: { state: string; today: string } }).form;
    expect(form.state).toBe("ready");
    const bad = await callRoute(portalPromises.action, {
      path: "/portal/promises",
      cookie,
      form: {
        accountId: s.account.id,
        promisedDate: "2020-01-01",
        "items[0].documentId": s.b,
        "items[0].selected": "on",
        "items[0].amount": "50.00",
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("90 días");
    const good = await callRoute(portalPromises.action, {
      path: "/portal/promises",
      cookie,
      form: {
        accountId: s.account.id,
        promisedDate: form.today,
        "items[0].documentId": s.b,
        "items[0].selected": "on",
        "items[0].amount": "25.00",
      },
    });
    expect(good.status).toBe(302);
    const rows = await db.select().from(paymentPromises).where(eq(paymentPromises.accountId, s.account.id));
    expect(rows).toEqual([expect.objectContaining({ amount: "25.00", status: "pending" })]);
    // Home shows it, with what has been paid towards it.
    const home = await callRoute(portalHome.loader, { path: "/portal", cookie });
    expect((home.body as { promises: unknown[] }).promises).toEqual([
      expect.objectContaining({ promised: "$25.00", paidSoFar: "$0.00" }),
    ]);
  });

  test("a collector sees the promises of its own portfolio only; the views split by date and outcome", async ({
    db,
    seller,
    signIn,
  }) => {
    const mine = await setting(db, seller);
    const theirs = await setting(db, seller);
    const p = await promise(db, mine, [{ documentId: mine.a, amount: "10.00" }]);
    const q = await promise(db, theirs, [{ documentId: theirs.a, amount: "10.00" }]);
    const collector = { id: mine.collector.id, staffRole: "collector" as const };
    const today = await listStaffPromises(db, collector, {
      view: "today",
      now: new Date("2026-11-10T18:00:00Z"),
      page: 1,
    });
    expect(today.rows.map((r) => r.id)).toEqual([p.id]);
    const week = await listStaffPromises(db, collector, {
      view: "week",
      now: new Date("2026-11-05T18:00:00Z"),
      page: 1,
    });
    expect(week.rows.map((r) => r.id)).toEqual([p.id]);
    expect(
      (await listStaffPromises(db, collector, { view: "broken", now: new Date("2026-11-10T18:00:00Z"), page: 1 })).rows,
    ).toEqual([]);
    const page = await callRoute(staffPromises.loader, {
      path: "/staff/promises?view=pending",
      cookie: await signIn(mine.collector),
    });
    const ids = (page.body as { rows: { id: string }[] }).rows.map((r) => r.id);
    expect(ids).toContain(p.id);
    expect(ids).not.toContain(q.id);
    const malformed = await callRoute(staffPromises.loader, {
      path: "/staff/promises?view=%00&page=-3",
      cookie: await signIn(mine.collector),
    });
    expect(malformed.status).toBe(200);
  });
});
