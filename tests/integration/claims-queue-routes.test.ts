// The staff claims queue, its header counters, the SLA dashboard and the dead scheduled tasks, on the
// demo seed (ledger, users and demo claims): every demo customer has open and resolved claims with
// messages and the claims cover every status and level; a collector's queue holds only its accounts'
// claims, keyset pages cover the queue once in deadline order, bad filter values are field errors; an
// auditor reads but cannot act; a customer reaches none of the staff pages.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claims, customerAccounts, scheduledTasks, users } from "#db/schema";
import { seedDemoClaims } from "#db/seed/claims";
import { seedDemoData } from "#db/seed/index";
import { seedDemoUsers } from "#db/seed/users";
import { staffQueuePageQuery } from "~/domain/claims/read-staff-queue.server";
import * as portalLayout from "~/routes/portal+/_layout";
import * as staffLayout from "~/routes/staff+/_layout";
import * as staffClaim from "~/routes/staff+/claims.$claimId";
import * as queue from "~/routes/staff+/claims._index";
import * as dashboard from "~/routes/staff+/claims.dashboard";
import * as tasks from "~/routes/staff+/tasks";
import { type Db, queryRows } from "~/utils/db.server";
import { routeTest } from "../setup/route-test";
import { callRoute, signInCookie } from "../setup/routes";

let db: Db;
const ANCHOR = new Date("2026-11-20T18:00:00Z");
const cookie = {} as Record<string, string>;
const ids = {} as Record<string, string>;

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  await seedDemoData(db, { invoices: 400, today: "2026-11-20", afterAccounts: seedDemoUsers });
  await seedDemoClaims(db, { anchor: ANCHOR });
  const all = await db.select({ id: users.id, email: users.email }).from(users);
  for (const u of all) ids[u.email] = u.id;
  for (const email of [
    "cobranza1@cartera.demo",
    "cobranza3@cartera.demo",
    "supervisor@cartera.demo",
    "ventas@cartera.demo",
    "auditoria@cartera.demo",
    "admin@cartera.demo",
    "compras@ferreteria-lopez.mx",
    "pagos@distribuidora-andina.co",
  ])
    cookie[email] = await signInCookie(db, ids[email]);
}, 300_000);

type QueueData = Awaited<ReturnType<typeof queue.loader>>;
const queuePage = async (who: string, query = "") => {
  const r = await callRoute(queue.loader, { path: `/staff/claims${query}`, cookie: cookie[who] });
  expect(r.status, `${who} ${query}`).toBe(200);
  return r.body as QueueData;
};

describe("demo claims", () => {
  it("cover every status and level, with open and resolved claims and messages for each demo customer", async () => {
    const byStatus = await queryRows<{ status: string; level: string; n: number }>(
      db,
      sql`select status, level, count(*)::int as n from claims group by 1, 2`,
    );
    const statuses = new Set(byStatus.map((r) => r.status));
    const levels = new Set(byStatus.map((r) => r.level));
    expect([...statuses].sort()).toEqual(["open", "resolved", "waiting_on_customer", "withdrawn"]);
    expect([...levels].sort()).toEqual(["L1", "L2", "L3"]);
    const total = byStatus.reduce((s, r) => s + r.n, 0);
    const perAccount = await queryRows<{ number: string; open: number; resolved: number; messages: number }>(
      db,
      sql`select a.number,
            count(*) filter (where c.status in ('open', 'waiting_on_customer'))::int as open,
            count(*) filter (where c.status = 'resolved')::int as resolved,
            (select count(*)::int from claim_messages m join claims c2 on c2.id = m.claim_id where c2.account_id = a.id) as messages
          from claims c join customer_accounts a on a.id = c.account_id group by a.id, a.number order by a.number`,
    );
    expect(perAccount.map((r) => r.number)).toEqual(["CO-0001", "MX-0001", "MX-0002", "MX-0003", "MX-0004"]);
    for (const r of perAccount) {
      expect(r.open, r.number).toBeGreaterThan(0);
      expect(r.resolved, r.number).toBeGreaterThan(0);
      expect(r.messages, r.number).toBeGreaterThan(0);
    }
    expect(total).toBe(55); // 11 stories on each of the five demo accounts
  });
});

describe("the queue", () => {
  it("a collector sees only the claims of its accounts (or assigned to it), nearest deadline first", async () => {
    const data = await queuePage("cobranza1@cartera.demo");
    expect(data.view).toBe("portfolio");
    expect(data.rows.length).toBeGreaterThan(0);
    const own = await db
      .select({ number: customerAccounts.number })
      .from(customerAccounts)
      .where(eq(customerAccounts.collectorId, ids["cobranza1@cartera.demo"]));
    const ownNumbers = new Set(own.map((a) => a.number));
    for (const r of data.rows) expect(ownNumbers.has(r.account.split(" · ").pop()!), r.account).toBe(true);
    // The Colombian collector's claims are not in it, and the view of everyone's claims is refused.
    const co = await queuePage("cobranza3@cartera.demo");
    const coIds = new Set(co.rows.map((r) => r.id));
    expect(data.rows.some((r) => coIds.has(r.id))).toBe(false);
    const all = await queuePage("cobranza1@cartera.demo", "?view=all");
    expect(all.fieldErrors).toHaveProperty("view");
    expect(all.view).toBe("portfolio");
    expect(all.rows.map((r) => r.id)).toEqual(data.rows.map((r) => r.id));
  });

  it("keyset pages cover every active claim once, in deadline order, forwards and back", async () => {
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from claims where status in ('open', 'waiting_on_customer')`,
    );
    const seen: string[] = [];
    const pages: QueueData[] = [];
    let query = "?view=all";
    for (let i = 0; i < 10; i++) {
      const page = await queuePage("admin@cartera.demo", query);
      pages.push(page);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      query = `?view=all&after=${page.nextCursor}`;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(n);
    const order = await queryRows<{ id: string }>(
      db,
      sql`select id from claims where status in ('open', 'waiting_on_customer') order by queue_key, id`,
    );
    expect(seen).toEqual(order.map((r) => r.id));
    if (pages.length > 1) {
      const back = await queuePage("admin@cartera.demo", `?view=all&before=${pages[1].prevCursor}`);
      expect(back.rows.map((r) => r.id)).toEqual(pages[0].rows.map((r) => r.id));
    }
    // A tampered cursor starts over.
    const tampered = await queuePage("admin@cartera.demo", "?view=all&after=bm9wZQ");
    expect(tampered.rows.map((r) => r.id)).toEqual(pages[0].rows.map((r) => r.id));
  });

  it("filters by status, type, level, SLA state, segment, amount and age; a bad value is a field error", async () => {
    const levels = await queuePage("admin@cartera.demo", "?view=all&level=L3");
    expect(levels.rows.length).toBeGreaterThan(0);
    expect(levels.rows.every((r) => r.level === "L3")).toBe(true);
    const resolved = await queuePage("admin@cartera.demo", "?view=all&status=resolved");
    expect(resolved.rows.every((r) => r.status === "resolved")).toBe(true);
    const waiting = await queuePage("admin@cartera.demo", "?view=all&status=waiting_on_customer&type=other");
    expect(waiting.rows.every((r) => r.status === "waiting_on_customer" && r.type === "other")).toBe(true);
    const [breachedCount] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from claims where status = 'open' and due_at <= now()`,
    );
    const breached = await queuePage("admin@cartera.demo", "?view=all&sla=breached");
    expect(breached.rows.length).toBe(Math.min(25, breachedCount.n));
    expect(breached.rows.every((r) => r.slaState === "breached")).toBe(true);
    const large = await queuePage("admin@cartera.demo", "?view=all&segment=large&amountMin=1&ageMin=1&ageMax=3650");
    expect(large.fieldErrors).toEqual({});
    const bad = await queuePage(
      "admin@cartera.demo",
      "?view=nope&status=x&type=%00&level=L9&sla=late&segment=huge&zone=%22&amountMin=abc&amountMax=1&ageMin=-1&ageMax=5.5&after=%%%",
    );
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(
      ["after", "ageMax", "ageMin", "amountMin", "level", "segment", "sla", "status", "type", "view", "zone"].sort(),
    );
    const inverted = await queuePage("admin@cartera.demo", "?view=all&amountMin=100&amountMax=1&ageMin=9&ageMax=2");
    expect(inverted.fieldErrors).toMatchObject({
      amountMax: "validation.rangeInverted",
      ageMax: "validation.rangeInverted",
    });
  });

  it("reads each view from its indexes (no sort of the whole table)", async () => {
    const staff = {
      userId: ids["cobranza1@cartera.demo"],
      label: "c",
      staffRole: "collector" as const,
      staffArea: null,
    };
    const { query } = staffQueuePageQuery(staff, { view: "portfolio", filters: {}, now: ANCHOR });
    const plan = await queryRows<Record<string, string>>(db, sql`explain ${query}`);
    const text = plan.map((r) => Object.values(r)[0]).join("\n");
    expect(text).toMatch(/claims_queue_(account|assignee)_active_idx/);
  });
});

describe("who may do what", () => {
  it("an auditor reads the queue, the dashboard and a claim, but cannot act nor retry tasks", async () => {
    const data = await queuePage("auditoria@cartera.demo");
    expect(data.view).toBe("all");
    expect(data.rows.length).toBeGreaterThan(0);
    const claim = await db.select().from(claims).where(eq(claims.status, "open")).limit(1);
    const params = { claimId: claim[0].id };
    const path = `/staff/claims/${claim[0].id}`;
    const forms: Record<string, string>[] = [
      { intent: "take", version: String(claim[0].version) },
      { intent: "reply", version: String(claim[0].version), body: "hola" },
      { intent: "note", body: "nota" },
    ];
    for (const form of forms) {
      const r = await callRoute(staffClaim.action, { path, params, cookie: cookie["auditoria@cartera.demo"], form });
      expect(r.status, form.intent).toBeGreaterThanOrEqual(400);
    }
    const after = await db.select().from(claims).where(eq(claims.id, claim[0].id));
    expect(after[0].version).toBe(claim[0].version);
    expect(
      (await callRoute(dashboard.loader, { path: "/staff/claims/dashboard", cookie: cookie["auditoria@cartera.demo"] }))
        .status,
    ).toBe(200);
    const tasksPage = await callRoute(tasks.loader, { path: "/staff/tasks", cookie: cookie["auditoria@cartera.demo"] });
    expect(tasksPage.status).toBe(403);
    const retry = await callRoute(tasks.action, {
      path: "/staff/tasks",
      cookie: cookie["auditoria@cartera.demo"],
      form: { intent: "retry", taskId: "x" },
    });
    expect(retry.status).toBe(403);
  });

  it("a customer reaches none of the staff claim pages", async () => {
    for (const [name, handler, path] of [
      ["queue", queue.loader, "/staff/claims"],
      ["dashboard", dashboard.loader, "/staff/claims/dashboard"],
      ["tasks", tasks.loader, "/staff/tasks"],
      ["tasks action", tasks.action, "/staff/tasks"],
    ] as const) {
      const r = await callRoute(handler, {
        path,
        cookie: cookie["compras@ferreteria-lopez.mx"],
        form: name === "tasks action" ? { intent: "retry", taskId: "x" } : undefined,
      });
      expect([302, 403, 404], name).toContain(r.status);
      expect(JSON.stringify(r.body)).not.toContain("Aclaración");
    }
  });

  it("a collector may not open the dashboard; a supervisor sees its team's claims there", async () => {
    const r = await callRoute(dashboard.loader, {
      path: "/staff/claims/dashboard",
      cookie: cookie["cobranza1@cartera.demo"],
    });
    expect(r.status).toBe(403);
    const s = await callRoute(dashboard.loader, {
      path: "/staff/claims/dashboard?period=730",
      cookie: cookie["supervisor@cartera.demo"],
    });
    expect(s.status).toBe(200);
    const data = s.body as Awaited<ReturnType<typeof dashboard.loader>>;
    expect(data.byLevel.map((f) => f.key)).toEqual(["L1", "L2", "L3"]);
    expect(data.byMonth.length).toBeGreaterThan(0);
    expect(data.openByAge.reduce((sum, a) => sum + a.claims, 0)).toBeGreaterThan(0);
    const resolvedTimes = data.byLevel.map((f) => f.resolutionMedian).filter((v) => v !== null);
    expect(resolvedTimes.length).toBeGreaterThan(0);
    const bad = await callRoute(dashboard.loader, {
      path: "/staff/claims/dashboard?period=%00",
      cookie: cookie["admin@cartera.demo"],
    });
    expect(bad.status).toBe(200);
    expect((bad.body as { periodError: string | null }).periodError).toBe("validation.invalid");
  });
});

describe("header counters", () => {
  it("staff: open claims assigned to me; portal: claims waiting on the customer", async () => {
    const collectorId = ids["cobranza1@cartera.demo"];
    const [{ n: mine }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from claims where assignee_id = ${collectorId} and status = 'open'`,
    );
    const staff = await callRoute(staffLayout.loader, {
      path: "/staff/claims",
      cookie: cookie["cobranza1@cartera.demo"],
    });
    expect((staff.body as { claimsNeedingAction: number }).claimsNeedingAction).toBe(mine);
    const co = await db
      .select({ id: customerAccounts.id })
      .from(customerAccounts)
      .where(eq(customerAccounts.number, "CO-0001"));
    const [{ n: waiting }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from claims where account_id = ${co[0].id} and status = 'waiting_on_customer'`,
    );
    expect(waiting).toBeGreaterThan(0);
    const portal = await callRoute(portalLayout.loader, {
      path: "/portal",
      cookie: cookie["pagos@distribuidora-andina.co"],
    });
    expect((portal.body as { claimsWaiting: number }).claimsWaiting).toBe(waiting);
  });
});

describe("dead scheduled tasks", () => {
  it("an administrator sees a dead task with its error and retries it once (audited)", async () => {
    const [task] = await db
      .insert(scheduledTasks)
      .values({
        kind: "claim.sla_due",
        subjectId: "nothing",
        payload: {},
        dueAt: ANCHOR,
        status: "dead",
        attempts: 5,
        lastError: "Error: boom 4711",
        finishedAt: ANCHOR,
      })
      .returning();
    const list = await callRoute(tasks.loader, { path: "/staff/tasks", cookie: cookie["admin@cartera.demo"] });
    expect(JSON.stringify(list.body)).toContain("boom 4711");
    const form = { intent: "retry", taskId: task.id };
    const first = await callRoute(tasks.action, { path: "/staff/tasks", cookie: cookie["admin@cartera.demo"], form });
    expect(first.status).toBe(302);
    const [after] = await db.select().from(scheduledTasks).where(eq(scheduledTasks.id, task.id));
    expect(after.status).toBe("pending");
    expect(after.attempts).toBe(0);
    const second = await callRoute(tasks.action, { path: "/staff/tasks", cookie: cookie["admin@cartera.demo"], form });
    expect(second.status).toBe(302);
    const events = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_events where action = 'scheduled_task.retried' and entity_id = ${task.id}`,
    );
    expect(events[0].n).toBe(1);
    const bad = await callRoute(tasks.action, {
      path: "/staff/tasks",
      cookie: cookie["admin@cartera.demo"],
      form: { intent: "retry", taskId: "%00" },
    });
    expect(bad.status).toBe(400);
  });
});
