// The cheque pages (staff+/cheques._index, staff+/cheques.pickups, portal+/payments_.pickups and the
// cheque panel of both registration pages): a collector outside the account's portfolio sees none of
// its cheques or pickups and gets 404 acting on them; an auditor reads but every action answers 403; a
// customer asks for a pickup only on an account it holds with "pay" (the form names the account, the
// switcher's cookie is not trusted); malformed and stale forms answer 4xx and change nothing; the
// collector deposits a post-dated cheque only from its date, and a returned one reopens its invoice.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { chequePickups, cheques, documents } from "#db/schema";
import { requestPickup } from "~/domain/cheques/request-pickup.server";
import * as portalPickups from "~/routes/portal+/payments_.pickups";
import * as portalRegistration from "~/routes/portal+/payments_.registrations.$registrationId";
import * as staffCheques from "~/routes/staff+/cheques._index";
import * as staffPickups from "~/routes/staff+/cheques.pickups";
import * as staffRegistration from "~/routes/staff+/payments.$registrationId";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { confirmCheque, createChequeSetting } from "../fixtures/cheques";
import { issuePpdInvoice } from "../fixtures/payment-registrations";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute, expectTenantIsolation } from "../setup/routes";

let db: Db;
let s: Awaited<ReturnType<typeof createChequeSetting>>;
let held: { registrationId: string; cheque: typeof cheques.$inferSelect };
let today: { registrationId: string; cheque: typeof cheques.$inferSelect };
let todayInvoice: { id: string };
let pickupId: string;
const SECRET_ADDRESS = "Calle Secreta 4711, Monterrey";
const cookies = {} as Record<"collector" | "stranger" | "auditor" | "customer" | "outsider" | "viewer", string>;
const mexicoToday = () => todayIn("America/Mexico_City");

routeTest.beforeAll(async ({ db: fileDb, signIn }) => {
  db = fileDb;
  s = await createChequeSetting(db);
  const now = new Date();
  // A post-dated cheque for a week ahead, and one dated today (deposited in the tests below).
  held = await confirmCheque(db, s, {
    amount: "300.00",
    allocations: [{ documentId: s.oldest.id, amount: "300.00" }],
    depositDate: addDays(mexicoToday(), 7),
    now,
  });
  todayInvoice = await issuePpdInvoice(db, s.account.id, 2, "2026-10-01", "2026-10-31"); // 232.00
  today = await confirmCheque(db, s, {
    amount: "232.00",
    allocations: [{ documentId: todayInvoice.id, amount: "232.00" }],
    depositDate: mexicoToday(),
    now,
  });
  const pickup = await requestPickup(
    db,
    { userId: s.customer.id, label: s.customer.email },
    {
      accountId: s.account.id,
      pickupDate: addDays(mexicoToday(), 2),
      address: SECRET_ADDRESS,
      contactName: "Ana López",
      contactPhone: "+52 55 1234 5678",
      now,
    },
  );
  pickupId = pickup.id;
  const viewer = await createTestCustomer(db, [{ accountId: s.account.id, role: "viewer" }]);
  const auditor = await createTestStaff(db, "auditor");
  cookies.collector = await signIn(s.collector);
  cookies.stranger = await signIn(s.stranger);
  cookies.auditor = await signIn(auditor);
  cookies.customer = await signIn(s.customer, { selection: s.account.id });
  cookies.outsider = await signIn(s.outsider, { selection: s.other.id });
  cookies.viewer = await signIn(viewer, { selection: s.account.id });
});

const chequeRow = async (id: string) => (await db.select().from(cheques).where(eq(cheques.id, id)))[0];
const list = (cookie: string, query = "") => callRoute(staffCheques.loader, { path: `/staff/cheques${query}`, cookie });
const act = (cookie: string, form: Record<string, string>) =>
  callRoute(staffCheques.action, { path: "/staff/cheques", cookie, form });

describe("the custody list", () => {
  it("lists the collector's post-dated cheques by deposit date, with the deposit action only from that date", async () => {
    const page = await list(cookies.collector);
    expect(page.status).toBe(200);
    const rows = (page.body as Awaited<ReturnType<typeof staffCheques.loader>>).rows;
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([held.cheque.id, today.cheque.id]));
    // By deposit date: today's cheque before next week's.
    expect(ids.indexOf(today.cheque.id)).toBeLessThan(ids.indexOf(held.cheque.id));
    expect(rows.find((r) => r.id === held.cheque.id)!.depositDate).toBe(addDays(mexicoToday(), 7));
    expect((page.body as { canAct: boolean }).canAct).toBe(true);
  });

  it("unreadable filters fall back to the default view instead of failing", async () => {
    const page = await list(cookies.collector, "?view=nope&from=2026-13-45&to=x&q=%25%5C_");
    expect(page.status).toBe(200);
    expect((page.body as { filters: { view: string } }).filters.view).toBe("custody");
    // A NUL in the search (PostgreSQL refuses it in text) is no search, not a 500.
    const nul = await list(cookies.collector, "?view=all&q=CHQ%00");
    expect(nul.status).toBe(200);
    expect((nul.body as { filters: { q?: string } }).filters.q).toBeUndefined();
  });

  it("tenant crossing: a collector outside the portfolio lists none of the account's cheques and gets 404 acting on one", async () => {
    await expectTenantIsolation({
      name: "staff cheques",
      handler: staffCheques.loader,
      calls: [
        { path: "/staff/cheques", cookie: cookies.stranger },
        { path: "/staff/cheques?view=all", cookie: cookies.stranger },
        { path: "/staff/cheques?view=all&q=CHQ", cookie: cookies.stranger },
      ],
      foreignMarkers: [held.cheque.id, held.cheque.number, today.cheque.number, s.account.legalName],
    });
    await expectTenantIsolation({
      name: "staff cheque actions",
      handler: staffCheques.action,
      calls: (["protection", "deposit", "clear", "return"] as const).map((intent) => ({
        path: "/staff/cheques",
        cookie: cookies.stranger,
        form: {
          intent,
          chequeId: today.cheque.id,
          version: String(today.cheque.version),
          reference: "X-1",
          reason: "insufficient_funds",
        },
      })),
      foreignMarkers: [today.cheque.number, s.account.legalName],
    });
    const after = await chequeRow(today.cheque.id);
    expect(after.status).toBe("in_custody");
    expect(after.protectionReference).toBeNull();
  });

  it("an auditor reads the list but every action answers 403 and changes nothing", async () => {
    const page = await list(cookies.auditor, "?view=all");
    expect(page.status).toBe(200);
    expect((page.body as { canAct: boolean }).canAct).toBe(false);
    const result = await act(cookies.auditor, {
      intent: "deposit",
      chequeId: today.cheque.id,
      version: String(today.cheque.version),
    });
    expect(result.status).toBe(403);
    expect((await chequeRow(today.cheque.id)).status).toBe("in_custody");
  });

  it("customers do not reach the staff pages", async () => {
    const page = await list(cookies.customer);
    expect([302, 303, 403, 404]).toContain(page.status);
    expect(JSON.stringify(page.body)).not.toContain(held.cheque.number);
  });

  it("malformed forms answer 400 and change nothing", async () => {
    const base = { chequeId: today.cheque.id, version: String(today.cheque.version) };
    for (const form of [
      {},
      { ...base },
      { ...base, intent: "explode" },
      { ...base, intent: "deposit", version: "uno" },
      { ...base, intent: "deposit", version: "0" },
      { ...base, intent: "return", reason: "bored" },
      { ...base, intent: "protection", reference: "   " },
      { ...base, intent: "protection", reference: "x".repeat(101) },
      { intent: "deposit", chequeId: "", version: "1" },
    ]) {
      const result = await act(cookies.collector, form);
      expect(result.status, JSON.stringify(form)).toBe(400);
    }
    expect((await act(cookies.collector, { intent: "deposit", chequeId: "no-such", version: "1" })).status).toBe(404);
    expect(await chequeRow(today.cheque.id)).toMatchObject({ status: "in_custody", version: today.cheque.version });
  });

  it("refuses to deposit a post-dated cheque before its date (400, in Spanish), and a stale form (409)", async () => {
    const early = await act(cookies.collector, {
      intent: "deposit",
      chequeId: held.cheque.id,
      version: String(held.cheque.version),
    });
    expect(early.status).toBe(400);
    expect((early.body as { error: string }).error).toBe("Aún no llega la fecha de depósito de este cheque.");
    const stale = await act(cookies.collector, {
      intent: "protection",
      chequeId: held.cheque.id,
      version: String(held.cheque.version + 5),
      reference: "PROT-1",
    });
    expect(stale.status).toBe(409);
    expect((await chequeRow(held.cheque.id)).status).toBe("in_custody");
  });

  it("records protection, deposits on its date, and a returned cheque reopens its invoice, adds the fee and shows in the history", async () => {
    let version = today.cheque.version;
    const step = async (form: Record<string, string>) => {
      const result = await act(cookies.collector, { chequeId: today.cheque.id, version: String(version), ...form });
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      version += 1;
    };
    await step({ intent: "protection", reference: "BNRT-2211" });
    await step({ intent: "deposit" });
    expect((await chequeRow(today.cheque.id)).status).toBe("deposited");
    const [paid] = await db.select().from(documents).where(eq(documents.id, todayInvoice.id));
    expect(paid.openAmount).toBe("0.00");
    await step({ intent: "return", reason: "insufficient_funds" });
    const returned = await chequeRow(today.cheque.id);
    expect(returned.status).toBe("returned");
    expect(returned.followUpOn).not.toBeNull();
    const [reopened] = await db.select().from(documents).where(eq(documents.id, todayInvoice.id));
    expect(reopened.openAmount).toBe("232.00");
    const followUp = await list(cookies.collector, "?view=follow_up");
    expect((followUp.body as Awaited<ReturnType<typeof staffCheques.loader>>).rows.map((r) => r.id)).toContain(
      today.cheque.id,
    );

    const staffPage = await callRoute(staffRegistration.loader, {
      path: `/staff/payments/${today.registrationId}`,
      params: { registrationId: today.registrationId },
      cookie: cookies.collector,
    });
    const panel = (staffPage.body as Awaited<ReturnType<typeof staffRegistration.loader>>).cheque!;
    expect(panel.status).toBe("returned");
    expect(panel.protection?.reference).toBe("BNRT-2211");
    expect(panel.deposits).toHaveLength(1);
    expect(panel.deposits[0]).toMatchObject({ status: "returned", reason: "insufficient_funds" });
    expect(panel.deposits[0].fee?.label).toMatch(/^CHD-/);
    expect(panel.history.map((h) => h.action)).toEqual([
      "Cheque recibido en custodia",
      "Cheque verificado con protección de cheques",
      "Cheque depositado",
      "Cheque devuelto",
    ]);
    // The customer sees the cheque returned on its payment, without the protection check or the history.
    const portalPage = await callRoute(portalRegistration.loader, {
      path: `/portal/payments/registrations/${today.registrationId}`,
      params: { registrationId: today.registrationId },
      cookie: cookies.customer,
    });
    const seen = (portalPage.body as Awaited<ReturnType<typeof portalRegistration.loader>>).cheque!;
    expect(seen.status).toBe("returned");
    expect(seen.protection).toBeNull();
    expect(seen.history).toEqual([]);
    // Redeposit, then cleared: back to the bank and paid.
    await step({ intent: "deposit" });
    await step({ intent: "clear" });
    expect((await chequeRow(today.cheque.id)).status).toBe("cleared");
    const [repaid] = await db.select().from(documents).where(eq(documents.id, todayInvoice.id));
    expect(repaid.openAmount).toBe("0.00");
  });

  it("tenant crossing: another customer's registration page shows no cheque", async () => {
    await expectTenantIsolation({
      name: "portal registration cheque",
      handler: portalRegistration.loader,
      calls: [
        {
          path: `/portal/payments/registrations/${held.registrationId}`,
          params: { registrationId: held.registrationId },
          cookie: cookies.outsider,
        },
      ],
      foreignMarkers: [held.cheque.number, held.cheque.id],
    });
  });
});

describe("pickups", () => {
  const form = (over: Record<string, string> = {}) => ({
    accountId: s.account.id,
    pickupDate: addDays(mexicoToday(), 3),
    address: "Av. Constitución 200, Monterrey",
    contactName: "Luis Pérez",
    contactPhone: "81 8123 4567",
    ...over,
  });
  const ask = (cookie: string, body: Record<string, string>) =>
    callRoute(portalPickups.action, { path: "/portal/payments/pickups", cookie, form: body });
  const pickupsOf = async (accountId: string) =>
    db.select().from(chequePickups).where(eq(chequePickups.accountId, accountId));

  it("a payer asks for a pickup on its account and sees it listed", async () => {
    const before = (await pickupsOf(s.account.id)).length;
    const result = await ask(cookies.customer, form());
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/portal/payments/pickups");
    expect(await pickupsOf(s.account.id)).toHaveLength(before + 1);
    const page = await callRoute(portalPickups.loader, { path: "/portal/payments/pickups", cookie: cookies.customer });
    const body = page.body as Awaited<ReturnType<typeof portalPickups.loader>>;
    expect(body.form.state).toBe("ready");
    expect(body.pickups.map((p) => p.address)).toContain("Av. Constitución 200, Monterrey");
  });

  it("field errors in Spanish: a day out of range, a bad phone, a missing address", async () => {
    const far = await ask(cookies.customer, form({ pickupDate: addDays(mexicoToday(), 45) }));
    expect(far.status).toBe(400);
    const farErrors = (far.body as { result: { error: Record<string, string[]> } }).result.error;
    expect(farErrors.pickupDate[0]).toMatch(/^Elige un día entre el /);
    const past = await ask(cookies.customer, form({ pickupDate: mexicoToday() }));
    expect(past.status).toBe(400);
    const bad = await ask(cookies.customer, form({ contactPhone: "llámame", address: "", pickupDate: "2026-02-30" }));
    expect(bad.status).toBe(400);
    const errors = (bad.body as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.contactPhone).toEqual(["validation.phone"]);
    expect(errors.address).toEqual(["validation.required"]);
    expect(errors.pickupDate).toEqual(["validation.date"]);
  });

  it("tenant crossing: a customer cannot ask on an account it was not granted, nor see its pickups; a viewer is refused", async () => {
    const before = (await pickupsOf(s.account.id)).length;
    const crossing = await ask(cookies.outsider, form());
    expect(crossing.status).toBe(404);
    expect((await ask(cookies.viewer, form())).status).toBe(403);
    expect(await pickupsOf(s.account.id)).toHaveLength(before);
    await expectTenantIsolation({
      name: "portal pickups",
      handler: portalPickups.loader,
      calls: [{ path: "/portal/payments/pickups", cookie: cookies.outsider }],
      foreignMarkers: [SECRET_ADDRESS, pickupId],
    });
  });

  it("the collector sees the pickups by day and marks one collected once; outsiders get 404, auditors 403", async () => {
    const from = mexicoToday();
    const page = await callRoute(staffPickups.loader, {
      path: `/staff/cheques/pickups?from=${from}`,
      cookie: cookies.collector,
    });
    const body = page.body as Awaited<ReturnType<typeof staffPickups.loader>>;
    const day = body.days.find((d) => d.date === addDays(from, 2))!;
    expect(day.pickups.map((p) => p.address)).toContain(SECRET_ADDRESS);
    // Days in order.
    expect(body.days.map((d) => d.date)).toEqual([...body.days.map((d) => d.date)].sort());
    await expectTenantIsolation({
      name: "staff pickups",
      handler: staffPickups.loader,
      calls: [{ path: `/staff/cheques/pickups?from=${from}`, cookie: cookies.stranger }],
      foreignMarkers: [SECRET_ADDRESS, pickupId],
    });
    await expectTenantIsolation({
      name: "staff pickup collected",
      handler: staffPickups.action,
      calls: [{ path: "/staff/cheques/pickups", cookie: cookies.stranger, form: { intent: "collected", pickupId } }],
      foreignMarkers: [SECRET_ADDRESS],
    });
    const collect = (cookie: string, body: Record<string, string>) =>
      callRoute(staffPickups.action, { path: "/staff/cheques/pickups", cookie, form: body });
    expect((await collect(cookies.auditor, { intent: "collected", pickupId })).status).toBe(403);
    expect((await collect(cookies.collector, { intent: "collect", pickupId })).status).toBe(400);
    expect((await collect(cookies.collector, { intent: "collected", pickupId: "" })).status).toBe(400);
    expect((await collect(cookies.collector, { intent: "collected", pickupId })).status).toBe(200);
    expect((await collect(cookies.collector, { intent: "collected", pickupId })).status).toBe(409);
    const [row] = await db.select().from(chequePickups).where(eq(chequePickups.id, pickupId));
    expect(row.status).toBe("collected");
  });

  it("an unreadable or too wide range falls back to a bounded one", async () => {
    const page = await callRoute(staffPickups.loader, {
      path: "/staff/cheques/pickups?from=2026-01-01&to=2027-12-31",
      cookie: cookies.collector,
    });
    const body = page.body as { from: string; to: string };
    expect(body.to).toBe(addDays("2026-01-01", 61));
    const junk = await callRoute(staffPickups.loader, {
      path: "/staff/cheques/pickups?from=ayer&to=%00",
      cookie: cookies.collector,
    });
    expect(junk.status).toBe(200);
  });
});
