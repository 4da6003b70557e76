// The routes of a traceable balance: the payments page ("Pagos y saldos a favor") and the CSV/XLSX
// exports of the filtered lists, for customers (/portal) and staff (/staff/accounts/:id). A customer of
// account A never reaches B's credits, applications or documents (by selection cookie, account filter,
// search or export), a collector outside B's portfolio gets 404 on each of them, the exports hold every
// row of the filter (not a page), and a filter over the cap is sent back to its page, which says why.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { createCustomerGroup } from "~/domain/accounts/create-organization.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import type { DocumentListData } from "~/pages/document-list.server";
import type { PaymentListData } from "~/pages/payment-list.server";
import * as portalInvoices from "~/routes/portal+/invoices";
import * as portalInvoicesFile from "~/routes/portal+/invoices_.$format";
import * as portalPayments from "~/routes/portal+/payments";
import * as portalPaymentsFile from "~/routes/portal+/payments_.$format";
import * as staffInvoicesFile from "~/routes/staff+/accounts.$accountId+/invoices_.$format";
import * as staffPayments from "~/routes/staff+/accounts.$accountId+/payments";
import * as staffPaymentsFile from "~/routes/staff+/accounts.$accountId+/payments_.$format";
import { type Db, useDatabaseForTests } from "~/utils/db.server";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { parseCsv } from "../setup/read-csv";
import { callRoute, expectTenantIsolation, type RouteCall, signInCookie } from "../setup/routes";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

type Handler = Parameters<typeof callRoute>[0];

// The cap at 30 rows: account A's 30 invoices export (the boundary), its 31 charges are refused.
vi.mock("~/domain/documents/schemas", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  DOCUMENT_EXPORT_MAX_ROWS: 30,
}));
// These tests download far more often than a person: the budget is counted (listExport) but never runs out here.
const consumed = vi.hoisted(() => [] as string[]);
vi.mock("~/utils/rate-limit.server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  consumeRateLimit: async (name: string) => {
    consumed.push(name);
    return { ok: true };
  },
}));

let database: TestDatabase;
let db: Db;
let accountA: { id: string; legalName: string; number: string };
let accountB: { id: string; legalName: string; number: string };
let groupAccounts: { id: string }[];
let groupId: string;
let payerA: { id: string };
let groupUser: { id: string };
let collector: { id: string };
const ids: Record<string, string> = {};
let foreignMarkers: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  useDatabaseForTests(database);
  const org = await createMexicanSeller(db);
  accountA = await createTestAccount(db, org);
  accountB = await createTestAccount(db, org);
  const group = await createCustomerGroup(db, SYSTEM_ACTOR, { name: "Grupo Pagos Rutas" });
  groupId = group.id;
  groupAccounts = [
    await createTestAccount(db, org, { groupId: group.id }),
    await createTestAccount(db, org, { groupId: group.id }),
  ];
  // A: 30 invoices (more than a screen page), a payment paying two of them, a credit note, an adjustment.
  for (let i = 0; i < 30; i += 1)
    ids[`aInv${i}`] = await issueDocument(db, accountA.id, "invoice", `${100 + i}.00`, "2026-10-01", {
      series: "FA",
      folio: String(5000 + i),
    });
  ids.aPay = await issueDocument(db, accountA.id, "payment", "500.00", "2026-10-05", {
    series: "PA",
    folio: "9001",
    reference: "SPEI-A-9001",
  });
  await applyAmount(db, ids.aPay, ids.aInv0, "100.00", "2026-10-05");
  await applyAmount(db, ids.aPay, ids.aInv1, "101.00", "2026-10-05");
  ids.aNote = await issueDocument(db, accountA.id, "credit_note", "40.00", "2026-10-06", { series: "NCA", folio: "1" });
  ids.aAdj = await issueDocument(db, accountA.id, "adjustment", "12.34", "2026-10-07", {
    series: "AJA",
    folio: "1",
    effect: "charge",
  });
  // B: markers that must never show to A.
  ids.bInv = await issueDocument(db, accountB.id, "invoice", "987654.32", "2026-10-02", {
    series: "FB",
    folio: "SECRET77",
  });
  ids.bPay = await issueDocument(db, accountB.id, "payment", "123456.78", "2026-10-03", {
    series: "PB",
    folio: "SECRET1",
    reference: "SPEI-B-SECRET",
  });
  await applyAmount(db, ids.bPay, ids.bInv, "100000.00", "2026-10-03");
  ids.bAdj = await issueDocument(db, accountB.id, "adjustment", "4321.09", "2026-10-04", {
    series: "AJB",
    folio: "SECRET2",
    effect: "credit",
  });
  ids.g0 = await issueDocument(db, groupAccounts[0].id, "payment", "11.11", "2026-10-01", { series: "PG", folio: "1" });
  ids.g1 = await issueDocument(db, groupAccounts[1].id, "payment", "22.22", "2026-10-01", { series: "PG", folio: "2" });

  payerA = await createTestCustomer(db, [{ accountId: accountA.id, role: "payer" }]);
  groupUser = await createTestCustomer(
    db,
    groupAccounts.map((a) => ({ accountId: a.id, role: "payer" as const })),
  );
  collector = await createTestStaff(db, "collector");
  await assignCollector(db, SYSTEM_ACTOR, { accountIds: [accountA.id], collectorId: collector.id });
  foreignMarkers = [
    accountB.id,
    accountB.legalName,
    accountB.number,
    ids.bInv,
    ids.bPay,
    ids.bAdj,
    "SECRET77",
    "SECRET1",
    "SECRET2",
    "SPEI-B-SECRET",
    "987654.32",
    "987,654.32",
    "123456.78",
    "123,456.78",
    "100000.00",
    "4321.09",
    "4,321.09",
  ];
});
afterAll(async () => {
  await database.close();
});

async function bodyText(result: Awaited<ReturnType<typeof callRoute>>): Promise<string> {
  if (!result.response) return JSON.stringify(result.body);
  const bytes = new Uint8Array(await result.response.clone().arrayBuffer());
  if ((result.response.headers.get("Content-Type") ?? "").includes("spreadsheetml")) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const rows: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => rows.push(row.values)));
    return JSON.stringify(rows);
  }
  return new TextDecoder().decode(bytes);
}

describe("tenant isolation", () => {
  it(
    "portal payments page and every export: A's own, also when asking for B's account, folios or reference",
    { timeout: 120_000 },
    async () => {
      const cookie = await signInCookie(db, payerA.id, { selection: accountB.id });
      const queries = [
        "",
        `?account=${accountB.id}`,
        "?q=PB-SECRET1",
        "?q=SECRET1",
        "?q=SPEI-B-SECRET",
        "?amountMin=123456.78&amountMax=123456.78",
        "?status=open",
      ];
      const calls: [string, Handler, RouteCall][] = [];
      for (const q of queries)
        calls.push(["payments", portalPayments.loader, { path: `/portal/payments${q}`, cookie }]);
      for (const q of queries.slice(0, 3))
        for (const format of ["csv", "xlsx"]) {
          calls.push([
            `payments ${format}`,
            portalPaymentsFile.loader,
            { path: `/portal/payments/${format}${q}`, params: { format }, cookie },
          ]);
          for (const tab of ["invoices", "notes", "adjustments", "charges"])
            calls.push([
              `invoices ${format} ${tab}`,
              portalInvoicesFile.loader,
              { path: `/portal/invoices/${format}${q ? `${q}&` : "?"}tab=${tab}`, params: { format }, cookie },
            ]);
        }
      calls.push([
        "adjustments tab",
        portalInvoices.loader,
        { path: "/portal/invoices?tab=adjustments&q=AJB-SECRET2", cookie },
      ]);
      calls.push([
        "charges tab",
        portalInvoices.loader,
        { path: `/portal/invoices?tab=charges&account=${accountB.id}`, cookie },
      ]);
      for (const [name, handler, call] of calls) {
        const sent = decodeURIComponent(call.path);
        // A marker the request itself carries comes back as the echo of the filter, not as B's data.
        const markers = foreignMarkers.filter((m) => !sent.includes(m));
        const result = await callRoute(handler, call);
        // (Over the test's cap of 30 rows, the charges export sends the user back to A's own list: a 302.)
        expect([200, 302], `${name} ${call.path}`).toContain(result.status);
        const text = `${await bodyText(result)} ${result.headers.get("Location") ?? ""}`;
        for (const m of markers) expect(text, `${name} ${call.path} leaked ${m}`).not.toContain(m);
      }
      const own = (await callRoute(portalPayments.loader, { path: "/portal/payments", cookie }))
        .body as PaymentListData;
      expect(own.rows.map((r) => r.serieFolio)).toEqual(["NCA-1", "PA-9001"]);
      expect(own.rows[1].applications.map((a) => [a.targetSerieFolio, a.amount])).toEqual([
        ["FA-5000", "100.00"],
        ["FA-5001", "101.00"],
      ]);
    },
  );

  it("a collector gets 404 on B's payments page and exports, and A's inside its portfolio", async () => {
    const cookie = await signInCookie(db, collector.id);
    const calls = (accountId: string): [Handler, RouteCall][] => {
      const base = `/staff/accounts/${accountId}`;
      return [
        [staffPayments.loader, { path: `${base}/payments`, params: { accountId }, cookie }],
        ...(["csv", "xlsx"] as const).flatMap((format): [Handler, RouteCall][] => [
          [staffPaymentsFile.loader, { path: `${base}/payments/${format}`, params: { accountId, format }, cookie }],
          [
            staffInvoicesFile.loader,
            { path: `${base}/invoices/${format}?tab=adjustments`, params: { accountId, format }, cookie },
          ],
        ]),
      ];
    };
    for (const [handler, call] of calls(accountB.id)) {
      await expectTenantIsolation({ name: call.path, handler, foreignMarkers, calls: [call] });
      expect((await callRoute(handler, call)).status, call.path).toBe(404);
    }
    for (const [handler, call] of calls(accountA.id)) {
      const result = await callRoute(handler, call);
      expect(result.status, call.path).toBe(200);
      const text = await bodyText(result);
      for (const m of foreignMarkers) expect(text, `${call.path} leaked ${m}`).not.toContain(m);
    }
  });

  it("a group user sees the group's credits, each with its account, and nothing else", async () => {
    const cookie = await signInCookie(db, groupUser.id, { selection: `group:${groupId}` });
    const data = (await callRoute(portalPayments.loader, { path: "/portal/payments", cookie })).body as PaymentListData;
    expect(new Set(data.rows.map((r) => r.id))).toEqual(new Set([ids.g0, ids.g1]));
    expect(data.multiAccount).toBe(true);
    expect(data.result.totals).toEqual([
      { currency: "MXN", effect: "credit", count: 2, amount: "33.33", open: "33.33" },
    ]);
  });
});

describe("exports", () => {
  it("carry every row of the filter, not the page; es-MX CSV with ',' and a decimal point", async () => {
    const cookie = await signInCookie(db, payerA.id);
    const page = (await callRoute(portalInvoices.loader, { path: "/portal/invoices", cookie }))
      .body as DocumentListData;
    expect(page.result.rows).toHaveLength(25);
    expect(page.result.total).toBe(30);
    const csv = await callRoute(portalInvoicesFile.loader, {
      path: "/portal/invoices/csv?sort=folio&dir=asc",
      params: { format: "csv" },
      cookie,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toMatch(/attachment; filename="facturas-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseCsv(await csv.response!.text());
    expect(rows).toHaveLength(31);
    expect(consumed).toContain("listExport");
    expect(rows[1][0]).toBe("FA-5000");
    expect(rows[30][0]).toBe("FA-5029");
    const open = rows[0].indexOf("Saldo pendiente");
    expect(rows[1][open]).toBe("0.00");
    expect(rows[2][open]).toBe("0.00");
    expect(rows[3][open]).toBe("102.00");

    const adjustments = parseCsv(
      await (
        await callRoute(portalInvoicesFile.loader, {
          path: "/portal/invoices/csv?tab=adjustments",
          params: { format: "csv" },
          cookie,
        })
      ).response!.text(),
    );
    expect(adjustments.slice(1).map((r) => r[0])).toEqual(["AJA-1"]);
  });

  it("a filter over the cap goes back to its page, which says so", async () => {
    const cookie = await signInCookie(db, payerA.id);
    for (const format of ["csv", "xlsx"]) {
      const refused = await callRoute(portalInvoicesFile.loader, {
        path: `/portal/invoices/${format}?tab=charges&sort=amount`,
        params: { format },
        cookie,
      });
      expect(refused.status).toBe(302);
      expect(refused.headers.get("Location")).toBe("/portal/invoices?tab=charges&sort=amount&exportTooLarge=1");
    }
    const page = (
      await callRoute(portalInvoices.loader, {
        path: "/portal/invoices?tab=charges&sort=amount&exportTooLarge=1",
        cookie,
      })
    ).body as DocumentListData;
    expect(page.exportTooLarge).toBe(true);
    expect(page.exportMaxRows).toBe(30);
    expect(page.result.total).toBe(31);
  });

  it("an unknown format answers 404", async () => {
    const cookie = await signInCookie(db, payerA.id);
    for (const [handler, path] of [
      [portalInvoicesFile.loader, "/portal/invoices/pdf"],
      [portalPaymentsFile.loader, "/portal/payments/json"],
    ] as const)
      expect((await callRoute(handler, { path, params: { format: path.split("/").pop()! }, cookie })).status).toBe(404);
  });
});
