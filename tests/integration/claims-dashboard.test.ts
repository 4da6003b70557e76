// The claims SLA dashboard (app/domain/claims/claims-dashboard.server.ts) on a controlled data set with
// a driven clock: first-response and resolution times in business hours on Mexico's working calendar
// (09–18, Monday to Friday, Revolución Monday 16 Nov 2026 closed), the resolution leaving out the
// business time spent waiting on the customer, medians and p90 as PostgreSQL's percentile_cont; a
// claim the sweeper escalated past its deadline counts as breached, in the level, collector and month
// it belongs to. Every expected figure is counted by hand from the fixture's instants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomerAccount, createSeller, createZone } from "~/domain/accounts/create-organization.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { percentileCont, readClaimsDashboard } from "~/domain/claims/claims-dashboard.server";
import { answerClaim } from "~/domain/claims/customer-claim-actions.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { replyToClaim, requestClaimInfo, resolveClaim, takeClaim } from "~/domain/claims/staff-claim-actions.server";
import { runDueTasks } from "~/jobs/scheduled-tasks.server";
import { TASK_HANDLERS } from "~/jobs/task-handlers.server";
import type { Db } from "~/utils/db.server";
import { createClaimsSetting } from "../fixtures/claims";
import { issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let s: Awaited<ReturnType<typeof createClaimsSetting>>;
let collector2: Awaited<ReturnType<typeof createTestStaff>>;
let dDueAt: Date;
const mx = (local: string) => new Date(`${local}-06:00`);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  s = await createClaimsSetting(db);
  const collector = s.staffActor(s.collector);
  const raise = (at: string) =>
    raiseClaim(
      db,
      s.customerActor,
      {
        accountId: s.account.id,
        type: "price_difference",
        origin: "invoice",
        description: "Precio distinto",
        documents: [{ documentId: s.invoice.id, amount: "10.00" }],
      },
      { now: mx(at) },
    );

  // A: raised Monday 17:00, answered Tuesday 10:00 (1 + 1 = 2 business hours; 17 calendar hours),
  // resolved Wednesday 12:00 (1 + 9 + 3 = 13 business hours; 43 calendar hours).
  const a = await raise("2026-11-09T17:00");
  await takeClaim(db, collector, { claimId: a.id, version: 1 }, { now: mx("2026-11-09T17:30") });
  await replyToClaim(db, collector, { claimId: a.id, version: 2, body: "Revisando" }, { now: mx("2026-11-10T10:00") });
  await resolveClaim(
    db,
    collector,
    { claimId: a.id, version: 3, resolution: "rejected", reason: "Precio correcto" },
    { now: mx("2026-11-11T12:00") },
  );

  // B: raised Friday 17:00; information asked Tuesday 12:00 across Revolución Monday (1 + 3 = 4 h);
  // the customer answers Wednesday 15:00 (paused 6 + 6 = 12 h); resolved Thursday 11:00: 1 + 9 + 9 + 2
  // = 21 business hours since raised, 9 without the wait.
  const b = await raise("2026-11-13T17:00");
  await requestClaimInfo(
    db,
    collector,
    { claimId: b.id, version: 1, body: "¿Orden de compra?" },
    { now: mx("2026-11-17T12:00") },
  );
  await answerClaim(
    db,
    s.customerActor,
    { claimId: b.id, version: 2, body: "OC 991" },
    { now: mx("2026-11-18T15:00") },
  );
  await resolveClaim(
    db,
    collector,
    { claimId: b.id, version: 3, resolution: "rejected", reason: "Sin diferencia" },
    { now: mx("2026-11-19T11:00") },
  );

  // C: raised Monday 09:00, not answered yet.
  await raise("2026-11-09T09:00");

  // D, on another account of the supervisor's team (its own collector), in October: raised Wednesday
  // 14 Oct 10:00; L1's 16 business hours end Thursday 17:00 (8 + 8); nobody answers, and the sweeper
  // at 17:30 escalates it to L2 (a breach). The supervisor replies Friday 10:00 (8 + 9 + 1 = 18 h)
  // and resolves it Monday 19 Oct 12:00 (8 + 9 + 9 + 3 = 29 business hours).
  collector2 = await createTestStaff(db, "collector", { supervisorId: s.supervisor.id });
  const account2 = await createTestAccount(db, s.org, { collectorId: collector2.id });
  const customer2 = await createTestCustomer(db, [{ accountId: account2.id, role: "payer" }]);
  const invoice2 = await issueDocument(db, account2.id, "invoice", "500.00", "2026-10-01");
  const d = await raiseClaim(
    db,
    { userId: customer2.id, label: customer2.email },
    {
      accountId: account2.id,
      type: "price_difference",
      origin: "invoice",
      description: "Precio distinto",
      documents: [{ documentId: invoice2, amount: "20.00" }],
    },
    { now: mx("2026-10-14T10:00") },
  );
  dDueAt = d.dueAt!;
  await runDueTasks(db, { now: mx("2026-10-15T17:30"), workerId: "dashboard-test", handlers: TASK_HANDLERS });
  const supervisor = s.staffActor(s.supervisor);
  await replyToClaim(db, supervisor, { claimId: d.id, version: 2, body: "Lo reviso" }, { now: mx("2026-10-16T10:00") });
  await resolveClaim(
    db,
    supervisor,
    { claimId: d.id, version: 3, resolution: "rejected", reason: "Precio correcto" },
    { now: mx("2026-10-19T12:00") },
  );
});
afterAll(async () => database.close());

describe("the SLA dashboard in business hours", () => {
  it("measures first response and resolution in business hours, without the wait on the customer", async () => {
    const dashboard = await readClaimsDashboard(db, {
      from: mx("2026-11-01T00:00"),
      now: mx("2026-11-20T12:00"),
      scope: { supervisorId: s.supervisor.id },
    });
    const expected = {
      claims: 3,
      firstResponseMedian: 3, // of 2 and 4
      firstResponseP90: 3.8, // 2 + 0.9 × (4 − 2)
      resolutionMedian: 11, // of 13 and 9
      resolutionP90: 12.6, // 9 + 0.9 × (13 − 9)
      breachedShare: 0,
    };
    expect(dashboard.byLevel).toEqual([{ key: "L1", ...expected }]);
    expect(dashboard.byType).toEqual([{ key: "price_difference", ...expected }]);
    expect(dashboard.byMonth).toEqual([{ key: "2026-11", ...expected }]);
    expect(dashboard.byCollector).toEqual([{ key: s.collector.id, collectorName: s.collector.name, ...expected }]);
    expect(dashboard.openByAge.find((b) => b.bucket === "d8_15")?.claims).toBe(1);
  });

  it("counts a claim escalated past its deadline as breached, in its level, collector and month", async () => {
    expect(dDueAt).toEqual(mx("2026-10-15T17:00"));
    const dashboard = await readClaimsDashboard(db, {
      from: mx("2026-10-01T00:00"),
      now: mx("2026-11-20T12:00"),
      scope: { supervisorId: s.supervisor.id },
    });
    const november = {
      claims: 3,
      firstResponseMedian: 3,
      firstResponseP90: 3.8,
      resolutionMedian: 11,
      resolutionP90: 12.6,
      breachedShare: 0,
    };
    const d = {
      claims: 1,
      firstResponseMedian: 18,
      firstResponseP90: 18,
      resolutionMedian: 29,
      resolutionP90: 29,
      breachedShare: 1,
    };
    expect(dashboard.byLevel).toEqual([
      { key: "L1", ...november },
      { key: "L2", ...d },
    ]);
    expect(dashboard.byMonth).toEqual([
      { key: "2026-10", ...d },
      { key: "2026-11", ...november },
    ]);
    // All four: first responses 2, 4, 18 (C has none); resolutions 9, 13, 29; one breach in four.
    expect(dashboard.byType).toEqual([
      {
        key: "price_difference",
        claims: 4,
        firstResponseMedian: 4,
        firstResponseP90: 15.2, // 4 + 0.8 × (18 − 4)
        resolutionMedian: 13,
        resolutionP90: 25.8, // 13 + 0.8 × (29 − 13)
        breachedShare: 0.25,
      },
    ]);
    expect(dashboard.byCollector).toHaveLength(2);
    expect(dashboard.byCollector).toEqual(
      expect.arrayContaining([
        { key: s.collector.id, collectorName: s.collector.name, ...november },
        { key: collector2.id, collectorName: collector2.name, ...d },
      ]),
    );
    expect(dashboard.openByAge.map((b) => b.claims)).toEqual([0, 0, 1, 0, 0]);
  });

  it("groups a claim by the month it was raised in its seller's time zone (Bogotá, not Mexico City)", async () => {
    const seller = await createSeller(db, SYSTEM_ACTOR, {
      code: "CODASH",
      legalName: "Aceros del Cauca S.A.S.",
      country: "CO",
      taxId: "900765432-1",
      taxRegime: "O-13",
      postalCode: "110111",
      currency: "COP",
      timeZone: "America/Bogota",
    });
    const zone = await createZone(db, SYSTEM_ACTOR, { sellerId: seller.id, code: "BOG-D", name: "Bogotá" });
    const supervisor = await createTestStaff(db, "supervisor");
    const collector = await createTestStaff(db, "collector", { supervisorId: supervisor.id });
    const account = await createCustomerAccount(db, SYSTEM_ACTOR, {
      sellerId: seller.id,
      zoneId: zone.id,
      number: "CO-DASH-1",
      legalName: "Ferretería Chapinero S.A.S.",
      taxId: "901234568-1",
      taxRegime: "O-15",
      postalCode: "110221",
      segment: "medium",
      currency: "COP",
      creditLimit: "90000000.00",
      paymentTermDays: 30,
      groupId: null,
      collectorId: collector.id,
    });
    const customer = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);
    // Sunday 1 November 00:30 in Bogotá is still Saturday 31 October 23:30 in Mexico City.
    await raiseClaim(
      db,
      { userId: customer.id, label: customer.email },
      { accountId: account.id, type: "other", origin: "general", description: "Consulta", documents: [] },
      { now: new Date("2026-11-01T00:30-05:00") },
    );
    const dashboard = await readClaimsDashboard(db, {
      from: new Date("2026-10-01T00:00-05:00"),
      now: new Date("2026-11-20T12:00-05:00"),
      scope: { supervisorId: supervisor.id },
    });
    expect(dashboard.byMonth.map((m) => [m.key, m.claims])).toEqual([["2026-11", 1]]);
  });

  it("computes percentiles as percentile_cont does", () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([null, 5], 0.9)).toBe(5);
    expect(percentileCont([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
  });
});
