// Flows that used to end in a dead page: the account switcher lands on the equivalent page; a
// download's error reaches a browser inside the signed-in shell (other clients keep the plain
// status); the ZIP takes a selection from several pages or a whole filter and sends a bad one back to
// its list with the reason; the staff search ignores accents and case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomerAccount, createCustomerGroup } from "~/domain/accounts/create-organization.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import * as portalPdf from "~/routes/portal+/documents.$documentId_.pdf";
import * as portalXml from "~/routes/portal+/documents.$documentId_.xml";
import * as portalZip from "~/routes/portal+/documents.zip";
import * as portalError from "~/routes/portal+/error.$status";
import * as portalStatementExport from "~/routes/portal+/statement_.$format";
import * as portalSwitch from "~/routes/portal+/switch";
import * as staffHome from "~/routes/staff+/_index";
import * as staffPdf from "~/routes/staff+/accounts.$accountId+/documents.$documentId_.pdf";
import * as staffAuditExport from "~/routes/staff+/audit_.$format";
import { type Db, useDatabaseForTests } from "~/utils/db.server";
import { issueDocument } from "../fixtures/ledger";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { readZipEntries } from "../setup/read-documents";
import { callRoute, signInCookie } from "../setup/routes";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Awaited<ReturnType<typeof createMexicanSeller>>;
let groupId: string;
let accountA: { id: string };
let accountB: { id: string };
let outsider: { id: string };
let docA: string;
let docsB: string[];
let foreignDoc: string;
let adminCookie: string;

/** What a browser sends when it navigates (a link, the address bar, a form). */
const NAVIGATION = { "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document", Accept: "text/html" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  useDatabaseForTests(database);
  org = await createMexicanSeller(db);
  const group = await createCustomerGroup(db, SYSTEM_ACTOR, { name: "Grupo Flujos" });
  groupId = group.id;
  accountA = await createTestAccount(db, org, { groupId });
  accountB = await createTestAccount(db, org, { groupId });
  outsider = await createTestAccount(db, org);
  docA = await issueDocument(db, accountA.id, "invoice", "100.00", "2026-10-01");
  docsB = [];
  for (let i = 0; i < 3; i++)
    docsB.push(await issueDocument(db, accountB.id, "invoice", `${200 + i}.00`, "2026-10-02"));
  foreignDoc = await issueDocument(db, outsider.id, "invoice", "999.00", "2026-10-03");
  const admin = await createTestCustomer(db, [
    { accountId: accountA.id, role: "account_admin" },
    { accountId: accountB.id, role: "account_admin" },
  ]);
  adminCookie = await signInCookie(db, admin.id, { selection: accountA.id });
});
afterAll(async () => {
  await database.close();
});

describe("the account switcher lands on the equivalent page", () => {
  const switchTo = (selection: string, redirectTo: string) =>
    callRoute(portalSwitch.action, { path: "/portal/switch", cookie: adminCookie, form: { selection, redirectTo } });

  it("from a detail or Usuarios into the group view: the list or the home, never a 404", async () => {
    expect((await switchTo(`group:${groupId}`, `/portal/documents/${docA}`)).headers.get("Location")).toBe(
      "/portal/invoices",
    );
    expect(
      (await switchTo(`group:${groupId}`, `/portal/documents/${docA}?back=tab%3Dnotes`)).headers.get("Location"),
    ).toBe("/portal/invoices?tab=notes");
    expect((await switchTo(`group:${groupId}`, "/portal/users")).headers.get("Location")).toBe("/portal");
    expect((await switchTo(accountB.id, "/portal/users")).headers.get("Location")).toBe("/portal/users");
    expect((await switchTo(`group:${groupId}`, "/portal/statement")).headers.get("Location")).toBe("/portal");
    expect(
      (await switchTo(accountB.id, "/portal/invoices?status=overdue&after=abc&account=x")).headers.get("Location"),
    ).toBe("/portal/invoices?status=overdue");
  });
});

describe("download errors reach a browser inside the shell", () => {
  it("a browser navigating to a foreign or unknown PDF, XML or export is sent to the 404 page; fetch keeps 404", async () => {
    const cases: { handler: typeof portalPdf.loader; path: string; params: Record<string, string> }[] = [
      { handler: portalPdf.loader, path: `/portal/documents/${foreignDoc}/pdf`, params: { documentId: foreignDoc } },
      { handler: portalXml.loader, path: `/portal/documents/${foreignDoc}/xml`, params: { documentId: foreignDoc } },
      { handler: portalXml.loader, path: `/portal/documents/nope!/xml`, params: { documentId: "nope!" } },
      { handler: portalStatementExport.loader, path: `/portal/statement/docx`, params: { format: "docx" } },
    ];
    for (const c of cases) {
      const plain = await callRoute(c.handler, { path: c.path, params: c.params, cookie: adminCookie });
      expect(plain.status, c.path).toBe(404);
      const browser = await callRoute(c.handler, {
        path: c.path,
        params: c.params,
        cookie: adminCookie,
        headers: NAVIGATION,
      });
      expect(browser.status, c.path).toBe(303);
      expect(browser.headers.get("Location"), c.path).toBe("/portal/error/404");
    }
  });

  it("staff downloads go to the staff error page", async () => {
    const collector = await createTestStaff(db, "collector");
    const cookie = await signInCookie(db, collector.id);
    const foreign = await callRoute(staffPdf.loader, {
      path: `/staff/accounts/${outsider.id}/documents/${foreignDoc}/pdf`,
      params: { accountId: outsider.id, documentId: foreignDoc },
      cookie,
      headers: NAVIGATION,
    });
    expect(foreign.status).toBe(303);
    expect(foreign.headers.get("Location")).toBe("/staff/error/404");
    const auditor = await signInCookie(db, (await createTestStaff(db, "auditor")).id);
    const badFormat = await callRoute(staffAuditExport.loader, {
      path: "/staff/audit/pdf",
      params: { format: "pdf" },
      cookie: auditor,
      headers: NAVIGATION,
    });
    expect(badFormat.headers.get("Location")).toBe("/staff/error/404");
  });

  it("the error page answers its status (unknown ones as 404) inside the layout", async () => {
    for (const [status, expected] of [
      ["404", 404],
      ["400", 400],
      ["429", 429],
      ["503", 503],
      ["200", 404],
      ["x", 404],
    ] as const) {
      const r = await callRoute(portalError.loader as never, {
        path: `/portal/error/${status}`,
        params: { status },
        cookie: adminCookie,
      });
      expect(r.status, status).toBe(expected);
    }
  });
});

describe("the ZIP of a selection", () => {
  it("a bad selection sends a browser back to its list, filters kept, with the reason", async () => {
    const groupCookie = await signInCookie(
      db,
      (await createTestCustomer(db, [{ accountId: accountA.id, role: "payer" }])).id,
    );
    const empty = await callRoute(portalZip.action, {
      path: "/portal/documents/zip",
      cookie: groupCookie,
      form: { returnTo: "/portal/invoices?status=open&tab=invoices" },
      headers: NAVIGATION,
    });
    expect(empty.status).toBe(303);
    expect(empty.headers.get("Location")).toBe("/portal/invoices?status=open&tab=invoices&zipError=empty");
    const foreign = await callRoute(portalZip.action, {
      path: "/portal/documents/zip",
      cookie: groupCookie,
      form: { id: foreignDoc, returnTo: "https://evil.example/portal/invoices?x=1" },
      headers: NAVIGATION,
    });
    expect(foreign.headers.get("Location")).toBe("/portal/invoices?zipError=notFound");
    // not a browser: the plain statuses
    expect(
      (await callRoute(portalZip.action, { path: "/portal/documents/zip", cookie: groupCookie, form: {} })).status,
    ).toBe(400);
    expect(
      (
        await callRoute(portalZip.action, {
          path: "/portal/documents/zip",
          cookie: groupCookie,
          form: { id: foreignDoc },
        })
      ).status,
    ).toBe(404);
  });

  it("every result of a filter, read in the reader's locale, in one ZIP", async () => {
    const cookie = await signInCookie(
      db,
      (await createTestCustomer(db, [{ accountId: accountB.id, role: "payer" }])).id,
    );
    const all = await callRoute(portalZip.action, {
      path: "/portal/documents/zip",
      cookie,
      form: { intent: "all", query: "tab=invoices&amountMin=201" },
    });
    expect(all.status).toBe(200);
    const entries = readZipEntries(new Uint8Array(await all.response!.arrayBuffer()));
    const pdfs = [...entries.keys()].filter((name) => name.endsWith(".pdf"));
    expect(pdfs).toHaveLength(2);
    const none = await callRoute(portalZip.action, {
      path: "/portal/documents/zip",
      cookie,
      form: { intent: "all", query: "amountMin=5000", returnTo: "/portal/invoices?amountMin=5000" },
      headers: NAVIGATION,
    });
    expect(none.headers.get("Location")).toBe("/portal/invoices?amountMin=5000&zipError=empty");
    expect(docsB).toHaveLength(3);
  });
});

describe("the staff customer search", () => {
  it("ignores accents and case, in SQL", async () => {
    const named = await createCustomerAccount(db, SYSTEM_ACTOR, {
      sellerId: org.seller.id,
      zoneId: org.zone.id,
      number: "FLX-001",
      legalName: "Ferretería López del Bajío SA de CV",
      taxId: "FLB010101AB1",
      taxRegime: "601",
      postalCode: "06600",
      segment: "medium",
      currency: "MXN",
      creditLimit: "1000.00",
      paymentTermDays: 30,
      groupId: null,
      collectorId: null,
    });
    const admin = await signInCookie(db, (await createTestStaff(db, "admin")).id);
    for (const q of ["lopez", "LÓPEZ", "bajio", "Bajío", "ferreteria lopez", "flx-001", "flb0101"]) {
      const r = await callRoute(staffHome.loader, { path: `/staff?q=${encodeURIComponent(q)}`, cookie: admin });
      const body = JSON.stringify(r.body);
      expect(body, q).toContain(named.id);
    }
    const none = await callRoute(staffHome.loader, { path: `/staff?q=${encodeURIComponent("lopezz")}`, cookie: admin });
    expect(JSON.stringify(none.body)).not.toContain(named.id);
  });
});
