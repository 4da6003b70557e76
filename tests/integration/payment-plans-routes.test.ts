// The payment plan pages (portal+/promises_.plan, portal+/promises_.plans.$planId, staff+/plans.$planId,
// and the plan lists of staff+/promises): the whole flow through the routes (a customer proposes, the
// collector accepts above the seller's amount, the supervisor approves, the instalments show as
// promises on the customer's home); tenant isolation on every plan route (another account's customer,
// another portfolio's collector and another team's supervisor get 404 and change nothing); malformed
// forms answer 400.
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { paymentPlans } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { setPlanApprovalPolicy } from "~/domain/plans/set-approval-policy.server";
import * as portalHome from "~/routes/portal+/_index";
import * as portalPlans from "~/routes/portal+/promises_.plan";
import * as portalPlan from "~/routes/portal+/promises_.plans.$planId";
import * as staffPlan from "~/routes/staff+/plans.$planId";
import * as staffPromises from "~/routes/staff+/promises";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { routeTest as test } from "../setup/route-test";
import { callRoute, expectTenantIsolation } from "../setup/routes";

type Seller = Parameters<typeof createTestAccount>[1];

async function setting(db: Db, seller: Seller) {
  const supervisor = await createTestStaff(db, "supervisor");
  const collector = await createTestStaff(db, "collector", { supervisorId: supervisor.id });
  const account = await createTestAccount(db, seller, { collectorId: collector.id });
  const payer = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);
  const a = await issueDocument(db, account.id, "invoice", "1000.00", "2026-01-05");
  const b = await issueDocument(db, account.id, "invoice", "500.00", "2026-01-06");
  await setPlanApprovalPolicy(db, SYSTEM_ACTOR, {
    sellerId: seller.seller.id,
    currency: "MXN",
    approvalAbove: "1000.00",
  });
  return { supervisor, collector, account, payer, a, b };
}

async function planOf(db: Db, accountId: string) {
  const rows = await db.select().from(paymentPlans).where(eq(paymentPlans.accountId, accountId));
  return rows;
}

describe("payment plan routes", () => {
  test("a customer proposes, the collector accepts above the amount, the supervisor approves, home shows the instalments", async ({
    db,
    seller,
    signIn,
  }) => {
    const s = await setting(db, seller);
    const cookie = await signIn(s.payer);
    const page = await callRoute(portalPlans.loader, { path: "/portal/promises/plan", cookie });
    const form = (page.body as { form: { state: string; today: string; documents: { id: string }[] } }).form;
    expect(form.state).toBe("ready");
    expect(form.documents.map((d) => d.id).sort()).toEqual([s.a, s.b].sort());
    const today = todayIn("America/Mexico_City");
    const fields = {
      accountId: s.account.id,
      "documents[0].documentId": s.a,
      "documents[0].selected": "on",
      "documents[1].documentId": s.b,
      "documents[1].selected": "on",
      "instalments[0].dueDate": addDays(today, 10),
      "instalments[0].amount": "700.00",
      "instalments[1].dueDate": addDays(today, 40),
      "instalments[1].amount": "800.00",
    };
    const tooMuch = await callRoute(portalPlans.action, {
      path: "/portal/promises/plan",
      cookie,
      form: { ...fields, "instalments[1].amount": "800.01" },
    });
    expect(tooMuch.status).toBe(400);
    expect(JSON.stringify(tooMuch.body)).toContain("mayor que el saldo");
    const one = await callRoute(portalPlans.action, {
      path: "/portal/promises/plan",
      cookie,
      form: { ...fields, "instalments[1].amount": "", "instalments[1].dueDate": "" },
    });
    expect(one.status).toBe(400);
    const proposed = await callRoute(portalPlans.action, { path: "/portal/promises/plan", cookie, form: fields });
    expect(proposed.status).toBe(302);
    const [plan] = await planOf(db, s.account.id);
    expect(plan).toMatchObject({ status: "proposed", total: "1500.00" });
    expect(proposed.headers.get("location")).toBe(`/portal/promises/plans/${plan.id}`);

    const collectorCookie = await signIn(s.collector);
    const waiting = await callRoute(staffPromises.loader, { path: "/staff/promises", cookie: collectorCookie });
    expect(JSON.stringify((waiting.body as { plansWaitingCollector: unknown }).plansWaitingCollector)).toContain(
      plan.id,
    );
    expect((waiting.body as { plansWaitingApproval: unknown }).plansWaitingApproval).toBeNull();
    const detail = await callRoute(staffPlan.loader, {
      path: `/staff/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie: collectorCookie,
    });
    expect(detail.body).toMatchObject({ canDecide: true, acceptanceWaits: true, status: "proposed" });
    const accepted = await callRoute(staffPlan.action, {
      path: `/staff/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie: collectorCookie,
      form: { intent: "accept", revision: "1" },
    });
    expect(accepted.status).toBe(302);
    expect((await planOf(db, s.account.id))[0].status).toBe("awaiting_approval");
    // Accepting again: it has moved on.
    const again = await callRoute(staffPlan.action, {
      path: `/staff/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie: collectorCookie,
      form: { intent: "accept", revision: "1" },
    });
    expect(again.status).toBe(409);
    // The collector cannot approve.
    const collectorApproves = await callRoute(staffPlan.action, {
      path: `/staff/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie: collectorCookie,
      form: { intent: "approve" },
    });
    expect(collectorApproves.status).toBe(403);

    const supervisorCookie = await signIn(s.supervisor);
    const toApprove = await callRoute(staffPromises.loader, { path: "/staff/promises", cookie: supervisorCookie });
    expect(JSON.stringify((toApprove.body as { plansWaitingApproval: unknown }).plansWaitingApproval)).toContain(
      plan.id,
    );
    const approved = await callRoute(staffPlan.action, {
      path: `/staff/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie: supervisorCookie,
      form: { intent: "approve" },
    });
    expect(approved.status).toBe(302);
    expect((await planOf(db, s.account.id))[0].status).toBe("active");

    const home = await callRoute(portalHome.loader, { path: "/portal", cookie });
    expect((home.body as { promises: { promised: string }[] }).promises.map((p) => p.promised)).toEqual([
      "$700.00",
      "$800.00",
    ]);
    const mine = await callRoute(portalPlan.loader, {
      path: `/portal/promises/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie,
    });
    expect(mine.body).toMatchObject({ status: "active", instalments: [{ status: "pending" }, { status: "pending" }] });
  });

  test("a counter through the route; the customer accepts it; malformed forms answer 400", async ({
    db,
    seller,
    signIn,
  }) => {
    const s = await setting(db, seller);
    const cookie = await signIn(s.payer);
    const today = todayIn("America/Mexico_City");
    await callRoute(portalPlans.action, {
      path: "/portal/promises/plan",
      cookie,
      form: {
        accountId: s.account.id,
        "documents[0].documentId": s.b,
        "documents[0].selected": "on",
        "instalments[0].dueDate": addDays(today, 5),
        "instalments[0].amount": "200.00",
        "instalments[1].dueDate": addDays(today, 20),
        "instalments[1].amount": "200.00",
      },
    });
    const [plan] = await planOf(db, s.account.id);
    const collectorCookie = await signIn(s.collector);
    const call = (form: Record<string, string>) =>
      callRoute(staffPlan.action, {
        path: `/staff/plans/${plan.id}`,
        params: { planId: plan.id },
        cookie: collectorCookie,
        form,
      });
    expect((await call({ intent: "nonsense" })).status).toBe(400);
    expect((await call({ intent: "reject", revision: "1", reason: "" })).status).toBe(400);
    expect((await call({ intent: "counter", revision: "x" })).status).toBe(400);
    const countered = await call({
      intent: "counter",
      revision: "1",
      "instalments[0].dueDate": addDays(today, 5),
      "instalments[0].amount": "250.00",
      "instalments[1].dueDate": addDays(today, 20),
      "instalments[1].amount": "250.00",
    });
    expect(countered.status).toBe(302);
    const view = await callRoute(portalPlan.loader, {
      path: `/portal/promises/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie,
    });
    expect(view.body).toMatchObject({ status: "countered", revision: 2, total: "$500.00" });
    expect((view.body as { previous: unknown[] }).previous).toHaveLength(2);
    const bad = await callRoute(portalPlan.action, {
      path: `/portal/promises/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie,
      form: { intent: "accept_counter", revision: "nope" },
    });
    expect(bad.status).toBe(400);
    const ok = await callRoute(portalPlan.action, {
      path: `/portal/promises/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie,
      form: { intent: "accept_counter", revision: "2" },
    });
    expect(ok.status).toBe(302);
    // 500.00 is not above 1,000.00: in force at once.
    expect((await planOf(db, s.account.id))[0].status).toBe("active");
  });

  test("tenant isolation: another account's customer, another portfolio's collector and another team's supervisor get 404 on every plan route", async ({
    db,
    seller,
    signIn,
  }) => {
    const s = await setting(db, seller);
    const today = todayIn("America/Mexico_City");
    await callRoute(portalPlans.action, {
      path: "/portal/promises/plan",
      cookie: await signIn(s.payer),
      form: {
        accountId: s.account.id,
        "documents[0].documentId": s.a,
        "documents[0].selected": "on",
        "instalments[0].dueDate": addDays(today, 5),
        "instalments[0].amount": "300.00",
        "instalments[1].dueDate": addDays(today, 20),
        "instalments[1].amount": "300.00",
        note: "NOTA-SECRETA-PLAN",
      },
    });
    const [plan] = await planOf(db, s.account.id);
    const foreignMarkers = [plan.id, s.account.legalName, "NOTA-SECRETA-PLAN"];
    const other = await createTestAccount(db, seller);
    const outsider = await createTestCustomer(db, [{ accountId: other.id, role: "account_admin" }]);
    const outsiderCookie = await signIn(outsider);
    await expectTenantIsolation({
      name: "portal plans list",
      handler: portalPlans.loader,
      foreignMarkers,
      calls: [{ path: "/portal/promises/plan", cookie: outsiderCookie }],
    });
    await expectTenantIsolation({
      name: "portal plans propose for a foreign account",
      handler: portalPlans.action,
      foreignMarkers,
      calls: [
        {
          path: "/portal/promises/plan",
          cookie: outsiderCookie,
          form: {
            accountId: s.account.id,
            "documents[0].documentId": s.b,
            "documents[0].selected": "on",
            "instalments[0].dueDate": addDays(today, 5),
            "instalments[0].amount": "100.00",
            "instalments[1].dueDate": addDays(today, 20),
            "instalments[1].amount": "100.00",
          },
        },
      ],
    });
    await expectTenantIsolation({
      name: "portal plan",
      handler: portalPlan.loader,
      foreignMarkers,
      calls: [{ path: `/portal/promises/plans/${plan.id}`, params: { planId: plan.id }, cookie: outsiderCookie }],
    });
    await expectTenantIsolation({
      name: "portal plan actions",
      handler: portalPlan.action,
      foreignMarkers,
      calls: [
        {
          path: `/portal/promises/plans/${plan.id}`,
          params: { planId: plan.id },
          cookie: outsiderCookie,
          form: { intent: "withdraw" },
        },
        {
          path: `/portal/promises/plans/${plan.id}`,
          params: { planId: plan.id },
          cookie: outsiderCookie,
          form: { intent: "accept_counter", revision: "1" },
        },
      ],
    });
    const otherSupervisor = await createTestStaff(db, "supervisor");
    const otherCollector = await createTestStaff(db, "collector", { supervisorId: otherSupervisor.id });
    for (const staff of [otherCollector, otherSupervisor]) {
      const cookie = await signIn(staff);
      await expectTenantIsolation({
        name: `staff plan (${staff.staffRole})`,
        handler: staffPlan.loader,
        foreignMarkers,
        calls: [{ path: `/staff/plans/${plan.id}`, params: { planId: plan.id }, cookie }],
      });
      await expectTenantIsolation({
        name: `staff plan actions (${staff.staffRole})`,
        handler: staffPlan.action,
        foreignMarkers,
        calls: [
          {
            path: `/staff/plans/${plan.id}`,
            params: { planId: plan.id },
            cookie,
            form: { intent: "accept", revision: "1" },
          },
          { path: `/staff/plans/${plan.id}`, params: { planId: plan.id }, cookie, form: { intent: "approve" } },
        ],
      });
      await expectTenantIsolation({
        name: `staff promises plan lists (${staff.staffRole})`,
        handler: staffPromises.loader,
        foreignMarkers,
        calls: [{ path: "/staff/promises", cookie }],
      });
    }
    // A customer is not staff: the staff plan page sends it away.
    const customerOnStaff = await callRoute(staffPlan.loader, {
      path: `/staff/plans/${plan.id}`,
      params: { planId: plan.id },
      cookie: await signIn(s.payer),
    });
    expect(customerOnStaff.status).toBe(302);
    expect((await planOf(db, s.account.id))[0].status).toBe("proposed");
  });
});
