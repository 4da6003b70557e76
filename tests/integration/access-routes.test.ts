// Access through the routes themselves: every customer route refuses another tenant's data (the
// tenant isolation helper), each side is closed to the other, foreign origins are refused, and the
// password reset email arrives over real SMTP with a working link.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountGrants } from "#db/schema";
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import * as forgotRoute from "~/routes/_auth+/forgot-password";
import * as loginRoute from "~/routes/_auth+/login";
import * as resetRoute from "~/routes/_auth+/reset-password.$token";
import * as portalHome from "~/routes/portal+/_index";
import * as portalLayout from "~/routes/portal+/_layout";
import * as portalSwitch from "~/routes/portal+/switch";
import * as portalUsers from "~/routes/portal+/users";
import * as staffHome from "~/routes/staff+/_index";
import * as staffLayout from "~/routes/staff+/_layout";
import * as staffAccount from "~/routes/staff+/accounts.$accountId+/_index";
import { type Db } from "~/utils/db.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { TEST_PASSWORD, createTestCustomer, createTestStaff } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute, expectTenantIsolation, signInCookie } from "../setup/routes";
import { type TestMailbox } from "../setup/smtp";

let db: Db;
let mailbox: TestMailbox;
let accountA: { id: string; legalName: string };
let accountB: { id: string; legalName: string; number: string };
let payerA: { id: string; email: string };
let adminA: { id: string; email: string };
let collector: { id: string };
let foreignMarkers: string[];

routeTest.beforeAll(async ({ db: fileDb, mailbox: fileMailbox }) => {
  db = fileDb;
  mailbox = fileMailbox;
  const org = await createMexicanSeller(db);
  accountA = await createTestAccount(db, org);
  accountB = await createTestAccount(db, org);
  await issueDocuments(db, SYSTEM_ACTOR, [
    {
      accountId: accountA.id,
      kind: "invoice",
      series: "A",
      folio: "A-ONLY-1",
      issueDate: "2026-10-01",
      currency: "MXN",
      amount: "1000.00",
    },
    {
      accountId: accountB.id,
      kind: "invoice",
      series: "B",
      folio: "B-SECRET-77",
      issueDate: "2026-10-01",
      currency: "MXN",
      amount: "987654.32",
    },
  ]);
  payerA = await createTestCustomer(db, [{ accountId: accountA.id, role: "payer" }]);
  adminA = await createTestCustomer(db, [{ accountId: accountA.id, role: "account_admin" }]);
  await createTestCustomer(db, [{ accountId: accountB.id, role: "account_admin" }], "admin-b@example.test");
  collector = await createTestStaff(db, "collector");
  await assignCollector(db, SYSTEM_ACTOR, { accountIds: [accountA.id], collectorId: collector.id });
  foreignMarkers = [
    accountB.id,
    accountB.legalName,
    accountB.number,
    "987,654.32",
    "987654.32",
    "admin-b@example.test",
  ];
});

describe("tenant isolation on every customer route", () => {
  it("a user of account A asking for account B by ID gets 404 or its own data, never B's", async () => {
    const asPayer = await signInCookie(db, payerA.id, { selection: accountB.id });
    const asAdmin = await signInCookie(db, adminA.id, { selection: accountB.id });
    await expectTenantIsolation({
      name: "portal layout",
      handler: portalLayout.loader,
      foreignMarkers,
      calls: [{ path: "/portal", cookie: asPayer }],
    });
    await expectTenantIsolation({
      name: "portal home",
      handler: portalHome.loader,
      foreignMarkers,
      calls: [
        { path: "/portal", cookie: asPayer },
        { path: "/portal", cookie: asAdmin },
      ],
    });
    await expectTenantIsolation({
      name: "account switcher",
      handler: portalSwitch.action,
      foreignMarkers,
      calls: [
        { path: "/portal/switch", cookie: asPayer, form: { selection: accountB.id } },
        { path: "/portal/switch", cookie: asPayer, form: { selection: "group:anything" } },
      ],
    });
    await expectTenantIsolation({
      name: "account users",
      handler: portalUsers.loader,
      foreignMarkers,
      allowedStatuses: [403, 404],
      calls: [
        { path: "/portal/users", cookie: asAdmin },
        { path: "/portal/users", cookie: asPayer },
      ],
    });
    await expectTenantIsolation({
      name: "account users actions",
      handler: portalUsers.action,
      foreignMarkers,
      allowedStatuses: [302, 400, 403, 404],
      calls: [
        {
          path: "/portal/users",
          cookie: asAdmin,
          form: { intent: "invite", email: "intruder@example.test", role: "viewer" },
        },
        { path: "/portal/users", cookie: asAdmin, form: { intent: "revoke", userId: "anyone" } },
      ],
    });
    // The invitation went to A (the admin's own account), never to B.
    const bGrants = await db.select().from(accountGrants).where(eq(accountGrants.accountId, accountB.id));
    expect(bGrants.map((g) => g.role)).toEqual(["account_admin"]);
  });

  it("the switcher selects only granted accounts", async () => {
    const cookie = await signInCookie(db, payerA.id);
    expect(
      (await callRoute(portalSwitch.action, { path: "/portal/switch", cookie, form: { selection: accountA.id } }))
        .status,
    ).toBe(302);
    expect(
      (await callRoute(portalSwitch.action, { path: "/portal/switch", cookie, form: { selection: accountB.id } }))
        .status,
    ).toBe(404);
  });

  it("a payer cannot manage users (403); the account admin can", async () => {
    expect(
      (await callRoute(portalUsers.loader, { path: "/portal/users", cookie: await signInCookie(db, payerA.id) }))
        .status,
    ).toBe(403);
    expect(
      (await callRoute(portalUsers.loader, { path: "/portal/users", cookie: await signInCookie(db, adminA.id) }))
        .status,
    ).toBe(200);
  });
});

describe("staff side", () => {
  it("a collector opens a customer of its portfolio and gets 404 for one outside it", async () => {
    const cookie = await signInCookie(db, collector.id);
    const own = await callRoute(staffAccount.loader, {
      path: `/staff/accounts/${accountA.id}`,
      params: { accountId: accountA.id },
      cookie,
    });
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).toContain(accountA.legalName);
    await expectTenantIsolation({
      name: "staff account",
      handler: staffAccount.loader,
      foreignMarkers,
      calls: [{ path: `/staff/accounts/${accountB.id}`, params: { accountId: accountB.id }, cookie }],
    });
    await expectTenantIsolation({
      name: "staff account invite",
      handler: staffAccount.action,
      foreignMarkers,
      calls: [
        {
          path: `/staff/accounts/${accountB.id}`,
          params: { accountId: accountB.id },
          cookie,
          form: { intent: "invite", email: "x@example.test", role: "account_admin" },
        },
      ],
    });
    const list = await callRoute(staffHome.loader, { path: "/staff", cookie });
    expect(JSON.stringify(list.body)).toContain(accountA.legalName);
    expect(JSON.stringify(list.body)).not.toContain(accountB.legalName);
  });

  it("each side is closed to the other", async () => {
    const customer = await callRoute(staffLayout.loader, { path: "/staff", cookie: await signInCookie(db, payerA.id) });
    expect(customer.status).toBe(302);
    expect(customer.response?.headers.get("Location")).toBe("/portal");
    const staff = await callRoute(portalLayout.loader, {
      path: "/portal",
      cookie: await signInCookie(db, collector.id),
    });
    expect(staff.response?.headers.get("Location")).toBe("/staff");
    const anonymous = await callRoute(portalHome.loader, { path: "/portal" });
    expect(anonymous.response?.headers.get("Location")).toBe("/login?redirectTo=%2Fportal");
  });

  it("an action with a foreign Origin is refused", async () => {
    const cookie = await signInCookie(db, adminA.id);
    const request = new Request("http://portal.test/portal/switch", {
      method: "POST",
      headers: { Origin: "https://evil.example", Host: "portal.test", Cookie: cookie },
      body: new URLSearchParams({ selection: accountA.id }),
    });
    await expect(portalSwitch.action({ request, params: {}, context: {} })).rejects.toMatchObject({ status: 403 });
  });
});

describe("login and password reset through the routes", () => {
  it("shows a Spanish error for a wrong password and signs in with the right one", async () => {
    const wrong = await callRoute(loginRoute.action, {
      path: "/login",
      form: { email: payerA.email, password: "bad-password" },
    });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).toContain("Correo o contraseña incorrectos.");
    const invalid = await callRoute(loginRoute.action, {
      path: "/login",
      form: { email: "not-an-email", password: "" },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({
      email: ["validation.email"],
      password: ["validation.required"],
    });
    const right = await callRoute(loginRoute.action, {
      path: "/login",
      form: { email: payerA.email, password: TEST_PASSWORD, redirectTo: "/staff" },
    });
    expect(right.status).toBe(302);
    expect(right.response?.headers.get("Location")).toBe("/portal"); // a customer is never sent to the staff side
    expect(right.response?.headers.get("Set-Cookie")).toMatch(/cartera_session=.*HttpOnly.*SameSite=Lax/);
  });

  it("emails a reset link over SMTP that sets a new password once", async () => {
    const sent = await callRoute(forgotRoute.action, { path: "/forgot-password", form: { email: adminA.email } });
    expect(sent.status).toBe(200);
    const mail = await mailbox.waitFor(adminA.email, /contraseña/);
    const link = /http:\/\/localhost:3000\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
    expect(link).not.toBeNull();
    const token = link![1];
    const form = { password: "nueva-contraseña-segura", confirm: "nueva-contraseña-segura" };
    const reset = await callRoute(resetRoute.action, { path: `/reset-password/${token}`, params: { token }, form });
    expect(reset.status).toBe(302);
    const again = await callRoute(resetRoute.action, { path: `/reset-password/${token}`, params: { token }, form });
    expect(again.status).toBe(400);
    const login = await callRoute(loginRoute.action, {
      path: "/login",
      form: { email: adminA.email, password: form.password },
    });
    expect(login.status).toBe(302);
  });
});
