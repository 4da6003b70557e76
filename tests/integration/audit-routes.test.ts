// The audit trail through its routes: only auditors and administrators reach the page and its exports
// (other staff 403, customers sent to their portal, strangers to the login), filters and keyset pages
// in the URL, CSV and XLSX read back, and the export cap.
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { AUDIT_EXPORT_MAX_ROWS } from "~/domain/audit/schemas";
import { changeGrantRole } from "~/domain/identity/invitations.server";
import { signIn } from "~/domain/identity/sign-in.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import * as staffLayout from "~/routes/staff+/_layout";
import * as auditPage from "~/routes/staff+/audit";
import * as auditExport from "~/routes/staff+/audit_.$format";
import { type Db, queryRows } from "~/utils/db.server";
import { RATE_LIMITS } from "~/utils/rate-limit.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { parseCsv } from "../setup/read-csv";
import { routeTest } from "../setup/route-test";
import { callRoute, expectTenantIsolation, signInCookie } from "../setup/routes";

type AuditPageData = Awaited<ReturnType<typeof auditPage.loader>>;

let db: Db;
let accountA: { id: string; number: string; legalName: string };
let accountB: { id: string; number: string; legalName: string };
let cookies: Record<"auditor" | "admin" | "collector" | "supervisor" | "area_owner" | "customer", string>;
let admin: { id: string; email: string };
let customer: { id: string; email: string };

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  const org = await createMexicanSeller(db);
  accountA = await createTestAccount(db, org);
  accountB = await createTestAccount(db, org);
  // 60 documents of A in one batch (one instant: their order comes from the id) and one of B.
  await issueDocuments(
    db,
    SYSTEM_ACTOR,
    Array.from({ length: 60 }, (_, i) => ({
      accountId: accountA.id,
      kind: "invoice" as const,
      series: "A",
      folio: String(i + 1),
      issueDate: "2026-10-01",
      currency: "MXN" as const,
      amount: "100.00",
    })),
  );
  await issueDocuments(db, SYSTEM_ACTOR, [
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
  const auditor = await createTestStaff(db, "auditor");
  admin = await createTestStaff(db, "admin");
  const collector = await createTestStaff(db, "collector");
  const supervisor = await createTestStaff(db, "supervisor");
  const areaOwner = await createTestStaff(db, "area_owner");
  await assignCollector(
    db,
    { userId: admin.id, label: admin.email },
    { accountIds: [accountA.id], collectorId: collector.id },
  );
  customer = await createTestCustomer(db, [{ accountId: accountA.id, role: "account_admin" }]);
  const viewer = await createTestCustomer(db, [{ accountId: accountA.id, role: "viewer" }]);
  await changeGrantRole(
    db,
    { userId: customer.id, label: customer.email },
    { accountId: accountA.id, userId: viewer.id, role: "payer" },
  );
  cookies = {
    auditor: await signInCookie(db, auditor.id),
    admin: await signInCookie(db, admin.id),
    collector: await signInCookie(db, collector.id),
    supervisor: await signInCookie(db, supervisor.id),
    area_owner: await signInCookie(db, areaOwner.id),
    customer: await signInCookie(db, customer.id),
  };
});

const page = async (query: string, cookie = cookies.auditor) => {
  const result = await callRoute(auditPage.loader, { path: `/staff/audit${query}`, cookie });
  expect(result.status, query).toBe(200);
  return result.body as AuditPageData;
};

/** A CSV download's records; it must start with the UTF-8 BOM Excel needs for the accents. */
async function readCsv(response: Response | undefined): Promise<string[][]> {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response!.arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parseCsv(text.slice(1));
}

const download = (format: string, query: string, cookie = cookies.auditor) =>
  callRoute(auditExport.loader, { path: `/staff/audit/${format}${query}`, params: { format }, cookie });

describe("who reaches the audit trail", () => {
  it("auditors and administrators see it, and only their staff navigation links it", async () => {
    for (const role of ["auditor", "admin"] as const) {
      const data = await page("", cookies[role]);
      expect(data.rows.length, role).toBeGreaterThan(0);
      const layout = await callRoute(staffLayout.loader, { path: "/staff/audit", cookie: cookies[role] });
      expect((layout.body as { canReadAudit: boolean }).canReadAudit, role).toBe(true);
    }
    for (const role of ["collector", "supervisor", "area_owner"] as const) {
      const layout = await callRoute(staffLayout.loader, { path: "/staff", cookie: cookies[role] });
      expect((layout.body as { canReadAudit: boolean }).canReadAudit, role).toBe(false);
    }
  });

  it("other staff get 403 for the page and both exports", async () => {
    for (const role of ["collector", "supervisor", "area_owner"] as const) {
      expect((await callRoute(auditPage.loader, { path: "/staff/audit", cookie: cookies[role] })).status, role).toBe(
        403,
      );
      for (const format of ["csv", "xlsx"]) expect((await download(format, "", cookies[role])).status, role).toBe(403);
    }
  });

  it("a customer user never reaches the page or its exports, and learns nothing from trying", async () => {
    const markers = [accountB.id, accountB.legalName, accountB.number, "987654.32", "B-SECRET-77", admin.email];
    const calls = [
      { path: "/staff/audit", cookie: cookies.customer },
      { path: `/staff/audit?account=${accountB.number}`, cookie: cookies.customer },
      { path: `/staff/audit/csv?account=${accountB.number}`, params: { format: "csv" }, cookie: cookies.customer },
      { path: "/staff/audit/xlsx", params: { format: "xlsx" }, cookie: cookies.customer },
    ];
    for (const [name, handler] of [
      ["page", auditPage.loader],
      ["export", auditExport.loader],
    ] as const) {
      await expectTenantIsolation({ name, handler, calls, foreignMarkers: markers, allowedStatuses: [302] });
      for (const call of calls) {
        const result = await callRoute(handler, call);
        expect(result.status, call.path).toBe(302);
        expect(result.response?.headers.get("Location"), call.path).toBe("/portal");
      }
    }
  });

  it("a visitor without a session is sent to sign in", async () => {
    for (const [handler, path, params] of [
      [auditPage.loader, "/staff/audit?action=auth.signed_in", {}],
      [auditExport.loader, "/staff/audit/csv?action=auth.signed_in", { format: "csv" }],
    ] as const) {
      const result = await callRoute(handler, { path, params });
      expect(result.status).toBe(302);
      expect(result.response?.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("an unknown export format is not found", async () => {
    expect((await download("pdf", "")).status).toBe(404);
  });
});

describe("filters in the URL", () => {
  it("by account number: that account's events only, with the account named", async () => {
    const data = await page(`?account=${accountA.number}`);
    expect(data.account?.legalName).toBe(accountA.legalName);
    expect(data.rows.length).toBe(50);
    expect(new Set(data.rows.map((r) => r.accountNumber))).toEqual(new Set([accountA.number]));
    expect(JSON.stringify(data)).not.toContain("B-SECRET-77");
    const b = await page(`?account=${accountB.id}`);
    expect(b.rows.map((r) => r.action).sort()).toEqual(["customer_account.created", "document.issued"]);
    const unknown = await page("?account=ZZ-0000");
    expect(unknown.rows).toEqual([]);
    expect(unknown.account?.found).toBe(false);
  });

  it("by actor email, action, entity, and Mexico City days", async () => {
    const byAdmin = await page(`?actor=${encodeURIComponent(admin.email.toUpperCase())}`);
    expect(byAdmin.rows.map((r) => r.action)).toEqual(["customer_account.collector_assigned"]);
    expect(byAdmin.rows[0].actor).toBe(admin.email);
    expect(byAdmin.rows[0].changes.map((c) => c.key)).toEqual(["collectorId"]);
    const roles = await page("?action=grant.role_changed");
    expect(roles.rows.length).toBe(1);
    expect(roles.rows[0].changes).toEqual([{ key: "role", before: "viewer", after: "payer", changed: true }]);
    const entity = await page(`?entityType=customer_account&entityId=${accountB.id}`);
    expect(entity.rows.map((r) => r.action)).toEqual(["customer_account.created"]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(new Date());
    expect((await page(`?from=${today}&to=${today}&account=${accountB.number}`)).rows.length).toBe(2);
    expect((await page(`?to=2020-01-01`)).rows).toEqual([]);
  });

  it("control characters and over-long text in a filter are invalid input, never a query", async () => {
    for (const bad of ["a\u0000b", "x\r\ny", "a".repeat(300)]) {
      const query = `?actor=${encodeURIComponent(bad)}&account=${encodeURIComponent(bad)}&entityId=${encodeURIComponent(bad)}`;
      const data = await page(query);
      expect(data.invalidFilters, JSON.stringify(bad)).toBe(true);
      expect(data.filters).toEqual({});
      expect((await download("csv", query)).status).toBe(200);
    }
  });

  it("an invalid filter is reported and ignored, the others still apply", async () => {
    const data = await page(`?from=2026-02-30&action=grant.role_changed&entityType=spaceship`);
    expect(data.invalidFilters).toBe(true);
    expect(data.filters).toEqual({ action: "grant.role_changed" });
    expect(data.rows.length).toBe(1);
    const reversed = await page(`?from=2026-03-02&to=2026-03-01`);
    expect(reversed.invalidFilters).toBe(true);
  });
});

describe("keyset pages", () => {
  it("50 events a page, newest first; older and newer links carry the filters", async () => {
    const all = await queryRows<{ id: string }>(
      db,
      sql`select id from audit_events where account_id = ${accountA.id} order by occurred_at desc, id desc`,
    );
    expect(all.length).toBeGreaterThan(60);
    const first = await page(`?account=${accountA.number}`);
    expect(first.rows.map((r) => r.id)).toEqual(all.slice(0, 50).map((r) => r.id));
    expect(first.prevCursor).toBeNull();
    const second = await page(`?account=${accountA.number}&after=${first.nextCursor}`);
    expect(second.rows.map((r) => r.id)).toEqual(all.slice(50, 100).map((r) => r.id));
    const back = await page(`?account=${accountA.number}&before=${second.prevCursor}`);
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    // A hand-edited cursor starts over rather than failing.
    expect((await page(`?account=${accountA.number}&after=%7B%7D`)).rows[0].id).toBe(all[0].id);
  });
});

describe("exports", () => {
  it("CSV: the filtered events, readable and exact, one row each", async () => {
    const result = await download("csv", `?account=${accountA.number}`);
    expect(result.status).toBe(200);
    expect(result.response?.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(result.response?.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="auditoria-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [header, ...records] = await readCsv(result.response);
    expect(header[0]).toBe("Fecha y hora (Ciudad de México)");
    const col = (name: string) => header.indexOf(name);
    const expected = await queryRows<{ id: string }>(
      db,
      sql`select id from audit_events where account_id = ${accountA.id} order by occurred_at desc, id desc`,
    );
    expect(records.map((r) => r[col("ID del evento")])).toEqual(expected.map((r) => r.id));
    const roleChange = records.find((r) => r[col("Acción (código)")] === "grant.role_changed")!;
    expect(roleChange[col("Acción")]).toBe("Rol cambiado");
    expect(roleChange[col("Cambios")]).toBe("Rol: Consulta → Pagador");
    expect(JSON.parse(roleChange[col("Después (JSON)")])).toEqual({ role: "payer" });
    expect(roleChange[col("Actor")]).toBe(customer.email);
    expect(roleChange[col("Cuenta")]).toBe(accountA.number);
    expect(roleChange[col("Fecha y hora (Ciudad de México)")]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(JSON.stringify(records)).not.toContain("B-SECRET-77");
  });

  it("CSV: a value a spreadsheet would run as a formula is defused", async () => {
    await signIn(db, { email: '=HYPERLINK("http://evil.example")', password: "x", ip: "10.1.1.1" });
    const [header, ...records] = await readCsv((await download("csv", "?action=auth.sign_in_failed")).response);
    expect(records[0][header.indexOf("Actor")]).toBe(`'=hyperlink("http://evil.example")`);
  });

  it("XLSX: the same rows, times as date cells, in the reader's language", async () => {
    const result = await download("xlsx", `?account=${accountA.number}`);
    expect(result.status).toBe(200);
    expect(result.response?.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await result.response!.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.getWorksheet("Bitácora")!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const [header, ...data] = rows;
    expect(header[0]).toBe("Fecha y hora (Ciudad de México)");
    const csv = await readCsv((await download("csv", `?account=${accountA.number}`)).response);
    const id = (header as string[]).indexOf("ID del evento");
    expect(data.map((r) => r[id])).toEqual(csv.slice(1).map((r) => r[id]));
    expect(data[0][0]).toBeInstanceOf(Date);
    // The date cell holds the Mexico City wall time the CSV writes.
    expect((data[0][0] as Date).toISOString().slice(0, 19).replace("T", " ")).toBe(csv[1][0]);

    const english = await signInCookie(db, admin.id, { language: "en" });
    const en = await download("xlsx", `?account=${accountA.number}`, english);
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load((await en.response!.arrayBuffer()) as ArrayBuffer);
    expect(enBook.getWorksheet("Audit trail")!.getRow(1).getCell(1).value).toBe("Date and time (Mexico City)");
  });

  it("exports have a budget per user: over it, 429 with Retry-After", async () => {
    const auditor = await createTestStaff(db, "auditor");
    const cookie = await signInCookie(db, auditor.id);
    const query = `?entityType=customer_account&entityId=${accountB.id}`;
    for (let i = 0; i < RATE_LIMITS.auditExport.points; i += 1)
      expect((await download(i % 2 ? "csv" : "xlsx", query, cookie)).status).toBe(200);
    const over = await download("csv", query, cookie);
    expect(over.status).toBe(429);
    expect(Number(over.response?.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(over.body).toMatch(/Descargaste muchos archivos/);
  });

  it(`refuses more than ${AUDIT_EXPORT_MAX_ROWS.toLocaleString("en-US")} events with a message on the page`, async () => {
    await db.execute(sql`
      insert into audit_events (id, occurred_at, actor_label, action, entity_type, entity_id)
      select 'bulk' || n, now() - n * interval '1 second', 'bulk-import', 'auth.signed_in', 'user', 'u' || n
      from generate_series(1, ${AUDIT_EXPORT_MAX_ROWS + 1}) as n`);
    for (const format of ["csv", "xlsx"]) {
      const refused = await download(format, "?actor=bulk-import");
      expect(refused.status).toBe(302);
      expect(refused.response?.headers.get("Location")).toBe("/staff/audit?actor=bulk-import&exportTooLarge=1");
    }
    const data = await page("?actor=bulk-import&exportTooLarge=1");
    expect(data.exportTooLarge).toBe(true);
    expect(data.exportMax).toBe("100,000");
    // A narrower filter exports.
    expect((await download("csv", `?account=${accountB.number}`)).status).toBe(200);
  }, 60_000);
});
