// Tenant isolation on the account pages, through the route modules: invoices list, document detail and
// its PDF/XML, the ZIP of a selection, the statement page, its downloads and "email it to me", for
// customers (/portal) and for staff (/staff/accounts/:accountId). Extends the "every customer route"
// list of access-routes.test.ts to these routes. Also: each download's closing balance equals the
// statement page's, and a group user sees the group's invoices but is asked to pick an account for
// the statement.
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { createCustomerGroup } from "~/domain/accounts/create-organization.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { applyCredits } from "~/domain/ledger/apply-credits.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { DocumentInput } from "~/domain/ledger/schemas";
import type { DocumentDetailData } from "~/pages/document-detail.server";
import type { DocumentListData } from "~/pages/document-list.server";
import type { StatementData } from "~/pages/statement.server";
import * as portalDocument from "~/routes/portal+/documents.$documentId";
import * as portalDocumentPdf from "~/routes/portal+/documents.$documentId_.pdf";
import * as portalDocumentXml from "~/routes/portal+/documents.$documentId_.xml";
import * as portalZip from "~/routes/portal+/documents.zip";
import * as portalInvoices from "~/routes/portal+/invoices";
import * as portalStatement from "~/routes/portal+/statement";
import * as portalStatementFile from "~/routes/portal+/statement_.$format";
import * as staffAccountHome from "~/routes/staff+/accounts.$accountId+/_index";
import * as staffAccountLayout from "~/routes/staff+/accounts.$accountId+/_layout";
import * as staffDocument from "~/routes/staff+/accounts.$accountId+/documents.$documentId";
import * as staffDocumentPdf from "~/routes/staff+/accounts.$accountId+/documents.$documentId_.pdf";
import * as staffDocumentXml from "~/routes/staff+/accounts.$accountId+/documents.$documentId_.xml";
import * as staffZip from "~/routes/staff+/accounts.$accountId+/documents.zip";
import * as staffInvoices from "~/routes/staff+/accounts.$accountId+/invoices";
import * as staffStatement from "~/routes/staff+/accounts.$accountId+/statement";
import * as staffStatementFile from "~/routes/staff+/accounts.$accountId+/statement_.$format";
import { type Db } from "~/utils/db.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { parseCsv } from "../setup/read-csv";
import { readPdfText, readZipEntries } from "../setup/read-documents";
import { routeTest } from "../setup/route-test";
import { BASE, callRoute, expectTenantIsolation, type RouteCall, signInCookie } from "../setup/routes";
import { type TestMailbox } from "../setup/smtp";

type Handler = Parameters<typeof callRoute>[0];

const PERIOD = "from=2026-10-01&to=2026-10-31";
const UUID_A = "A1A1A1A1-1111-4111-8111-111111111111";
const UUID_B = "B0B0B0B0-0B0B-4B0B-8B0B-0B0B0B0B0B0B";
const XML_A = new TextEncoder().encode(
  `<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Serie="A" Folio="7001" Total="1160.00"><cfdi:Complemento><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" UUID="${UUID_A}"/></cfdi:Complemento></cfdi:Comprobante>`,
);
const XML_B = new TextEncoder().encode(
  `<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante Serie="B" Folio="SECRET77" Total="987654.32"><!-- B-XML-SECRET-CONTENT --></cfdi:Comprobante>`,
);

let db: Db;
let mailbox: TestMailbox;
let accountA: { id: string; legalName: string; number: string };
let accountB: { id: string; legalName: string; number: string };
let groupAccounts: { id: string; legalName: string; number: string }[];
let groupId: string;
let payerA: { id: string; email: string };
let adminB: { id: string; email: string };
let groupUser: { id: string; email: string };
let collector: { id: string; email: string };
const docs: Record<string, string> = {};
let foreignMarkers: string[];

async function issue(key: string, input: DocumentInput) {
  const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [input]);
  docs[key] = doc.id;
  return doc.id;
}

routeTest.beforeAll(async ({ db: fileDb, mailbox: fileMailbox }) => {
  db = fileDb;
  mailbox = fileMailbox;
  const org = await createMexicanSeller(db);
  accountA = await createTestAccount(db, org, { paymentTermDays: 30 });
  accountB = await createTestAccount(db, org, { paymentTermDays: 30 });
  const group = await createCustomerGroup(db, SYSTEM_ACTOR, { name: "Grupo Prueba Rutas" });
  groupId = group.id;
  groupAccounts = [await createTestAccount(db, org, { groupId }), await createTestAccount(db, org, { groupId })];

  const invoice = {
    kind: "invoice" as const,
    currency: "MXN" as const,
    paymentMethod: "PPD" as const,
    paymentForm: "99",
  };
  // A: an invoice before the period (opening balance), two in it (one with lines, remission and XML), a payment.
  await issue("aOld", {
    ...invoice,
    accountId: accountA.id,
    series: "A",
    folio: "7000",
    issueDate: "2026-09-15",
    amount: "400.00",
  });
  await issue("a1", {
    ...invoice,
    accountId: accountA.id,
    series: "A",
    folio: "7001",
    issueDate: "2026-10-02",
    fiscalId: UUID_A,
    lines: [
      {
        sku: "VAR-38",
        description: "Varilla corrugada",
        unit: "PZA",
        productCode: "30102300",
        unitCode: "H87",
        quantity: "10",
        unitPrice: "100",
        taxRate: "0.16",
      },
    ],
    remissions: [{ number: "R-A-1", deliveryDate: "2026-10-01" }],
    files: [{ role: "xml", fileName: "A-7001.xml", mediaType: "application/xml", content: XML_A }],
  });
  await issue("a2", {
    ...invoice,
    accountId: accountA.id,
    series: "A",
    folio: "7002",
    issueDate: "2026-10-05",
    amount: "2500.50",
  });
  await issue("aPay", {
    accountId: accountA.id,
    kind: "payment",
    series: "P",
    folio: "7100",
    issueDate: "2026-10-10",
    currency: "MXN",
    amount: "700.25",
  });
  await applyCredits(db, SYSTEM_ACTOR, [
    { sourceId: docs.aPay, targetId: docs.a1, amount: "700.25", appliedOn: "2026-10-10" },
  ]);

  // B: what must never show to A. Amounts, folios and the fiscal UUID are unique markers.
  await issue("b1", {
    ...invoice,
    accountId: accountB.id,
    series: "B",
    folio: "SECRET77",
    issueDate: "2026-10-03",
    fiscalId: UUID_B,
    amount: "987654.32",
    purchaseOrder: "OC-B-SECRET",
    remissions: [{ number: "R-B-SECRET", deliveryDate: "2026-10-02" }],
    files: [{ role: "xml", fileName: "B-SECRET77.xml", mediaType: "application/xml", content: XML_B }],
  });
  await issue("bPay", {
    accountId: accountB.id,
    kind: "payment",
    series: "PB",
    folio: "SECRET1",
    issueDate: "2026-10-04",
    currency: "MXN",
    amount: "123456.78",
  });
  await issue("bNote", {
    accountId: accountB.id,
    kind: "credit_note",
    series: "NCB",
    folio: "SECRET2",
    issueDate: "2026-10-06",
    currency: "MXN",
    amount: "4321.09",
  });
  await applyCredits(db, SYSTEM_ACTOR, [
    { sourceId: docs.bPay, targetId: docs.b1, amount: "123456.78", appliedOn: "2026-10-04" },
  ]);

  // The group's two accounts, one invoice each.
  await issue("g1", {
    ...invoice,
    accountId: groupAccounts[0].id,
    series: "G",
    folio: "8001",
    issueDate: "2026-10-07",
    amount: "111.11",
  });
  await issue("g2", {
    ...invoice,
    accountId: groupAccounts[1].id,
    series: "G",
    folio: "8002",
    issueDate: "2026-10-08",
    amount: "222.22",
  });

  payerA = await createTestCustomer(db, [{ accountId: accountA.id, role: "payer" }]);
  adminB = await createTestCustomer(db, [{ accountId: accountB.id, role: "account_admin" }]);
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
    adminB.email,
    docs.b1,
    docs.bPay,
    docs.bNote,
    "SECRET77",
    "SECRET1",
    "SECRET2",
    UUID_B,
    "OC-B-SECRET",
    "R-B-SECRET",
    "B-XML-SECRET",
    "987,654.32",
    "987654.32",
    "123,456.78",
    "123456.78",
    "4,321.09",
    "4321.09",
  ];
});

/** Calls a route with a form whose fields repeat (the ZIP's `id` checkboxes), which RouteCall's record cannot hold. */
async function postRepeated(
  handler: Handler,
  call: { path: string; params?: Record<string, string>; cookie: string; fields: [string, string][] },
) {
  const request = new Request(`${BASE}${call.path}`, {
    method: "POST",
    headers: { Origin: BASE, Host: new URL(BASE).host, Cookie: call.cookie },
    body: new URLSearchParams(call.fields),
  });
  try {
    const response = (await handler({ request, params: call.params ?? {}, context: {} })) as Response;
    return { status: response.status, response };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    throw thrown;
  }
}

async function readXlsxRows(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1))));
  return rows;
}

/** A download's readable content: PDF text, XLSX cell values, CSV/XML text. */
async function readableContent(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.clone().arrayBuffer());
  const type = response.headers.get("Content-Type") ?? "";
  if (type.startsWith("application/pdf")) return readPdfText(bytes);
  if (type.includes("spreadsheetml")) return JSON.stringify(await readXlsxRows(bytes));
  if (type.startsWith("application/zip"))
    return JSON.stringify([...readZipEntries(bytes)].map(([name, b]) => [name, b.toString("latin1")]));
  return new TextDecoder().decode(bytes);
}

function expectNoMarkers(what: string, text: string) {
  for (const marker of foreignMarkers) expect(text, `${what} leaked ${marker}`).not.toContain(marker);
}

const statementFormats = ["pdf", "xlsx", "csv"] as const;

describe("tenant isolation on every customer account page", () => {
  it("invoices list: A's own documents only, also when filtering by B's account, folio, UUID or amount", async () => {
    const cookie = await signInCookie(db, payerA.id, { selection: accountB.id });
    const paths = [
      "/portal/invoices",
      `/portal/invoices?account=${accountB.id}`,
      "/portal/invoices?q=B-SECRET77",
      "/portal/invoices?q=SECRET77",
      `/portal/invoices?q=${UUID_B}`,
      "/portal/invoices?q=OC-B-SECRET",
      "/portal/invoices?q=R-B-SECRET",
      "/portal/invoices?amountMin=987654.32&amountMax=987654.32",
      "/portal/invoices?tab=notes",
      `/portal/invoices?tab=notes&account=${accountB.id}`,
      "/portal/invoices?tab=notes&q=NCB-SECRET2",
    ];
    // The loader echoes the filters it was given back to the form; a marker the request itself carries
    // is that echo, not B's data, so each call is checked against the markers it did not send.
    for (const path of paths) {
      const sent = decodeURIComponent(path);
      await expectTenantIsolation({
        name: "invoices list",
        handler: portalInvoices.loader,
        foreignMarkers: foreignMarkers.filter((m) => !sent.includes(m)),
        calls: [{ path, cookie }],
      });
    }

    const own = (await callRoute(portalInvoices.loader, { path: "/portal/invoices", cookie })).body as DocumentListData;
    expect(own.result.rows.map((r) => r.serieFolio).sort()).toEqual(["A-7000", "A-7001", "A-7002"]);
    for (const path of [
      `/portal/invoices?account=${accountB.id}`,
      "/portal/invoices?q=SECRET77",
      `/portal/invoices?q=${UUID_B}`,
    ]) {
      const data = (await callRoute(portalInvoices.loader, { path, cookie })).body as DocumentListData;
      expect(data.result.rows, path).toEqual([]);
    }
    const byOwnFolio = (await callRoute(portalInvoices.loader, { path: "/portal/invoices?q=A-7001", cookie }))
      .body as DocumentListData;
    expect(byOwnFolio.result.rows.map((r) => r.serieFolio)).toEqual(["A-7001"]);
  });

  it("document detail, PDF and XML by B's document IDs answer 404", async () => {
    const cookie = await signInCookie(db, payerA.id, { selection: accountB.id });
    const calls = (suffix: string): RouteCall[] =>
      [docs.b1, docs.bPay, docs.bNote, "no-such-document"].map((id) => ({
        path: `/portal/documents/${id}${suffix}`,
        params: { documentId: id },
        cookie,
      }));
    await expectTenantIsolation({
      name: "document detail",
      handler: portalDocument.loader,
      foreignMarkers,
      calls: calls(""),
    });
    await expectTenantIsolation({
      name: "document pdf",
      handler: portalDocumentPdf.loader,
      foreignMarkers,
      calls: calls("/pdf"),
    });
    await expectTenantIsolation({
      name: "document xml",
      handler: portalDocumentXml.loader,
      foreignMarkers,
      calls: calls("/xml"),
    });
    for (const handler of [portalDocument.loader, portalDocumentPdf.loader, portalDocumentXml.loader]) {
      expect(
        (await callRoute(handler, { path: `/portal/documents/${docs.b1}`, params: { documentId: docs.b1 }, cookie }))
          .status,
      ).toBe(404);
    }

    // A's own invoice opens, with its lines, remission, payment and XML.
    const detail = await callRoute(portalDocument.loader, {
      path: `/portal/documents/${docs.a1}`,
      params: { documentId: docs.a1 },
      cookie,
    });
    expect(detail.status).toBe(200);
    const data = detail.body as DocumentDetailData;
    expect(data.detail).toMatchObject({ serieFolio: "A-7001", fiscalId: UUID_A, amount: "1160.00", open: "459.75" });
    expect(data.detail.lines).toHaveLength(1);
    expect(data.detail.remissions.map((r) => r.number)).toEqual(["R-A-1"]);
    expect(data.detail.applications.map((a) => [a.amount, a.counterpart.serieFolio])).toEqual([["700.25", "P-7100"]]);
    expectNoMarkers("document detail", JSON.stringify(data));
    const pdf = await callRoute(portalDocumentPdf.loader, {
      path: `/portal/documents/${docs.a1}/pdf`,
      params: { documentId: docs.a1 },
      cookie,
    });
    expect(pdf.status).toBe(200);
    const pdfText = await readableContent(pdf.response!);
    expect(pdfText).toContain("7001");
    expectNoMarkers("document pdf", pdfText);
    const xml = await callRoute(portalDocumentXml.loader, {
      path: `/portal/documents/${docs.a1}/xml`,
      params: { documentId: docs.a1 },
      cookie,
    });
    expect(xml.status).toBe(200);
    expect(xml.response!.headers.get("Content-Type")).toBe("application/xml");
    expect(xml.body).toContain(`UUID="${UUID_A}"`);
  });

  it("ZIP: B's IDs answer 404; a mix of A's and B's holds only A's entries", async () => {
    const cookie = await signInCookie(db, payerA.id, { selection: accountB.id });
    await expectTenantIsolation({
      name: "documents zip",
      handler: portalZip.action,
      foreignMarkers,
      calls: [docs.b1, docs.bPay, docs.bNote].map((id) => ({ path: "/portal/documents/zip", cookie, form: { id } })),
    });
    const onlyB = await postRepeated(portalZip.action, {
      path: "/portal/documents/zip",
      cookie,
      fields: [
        ["id", docs.b1],
        ["id", docs.bPay],
        ["id", docs.bNote],
      ],
    });
    expect(onlyB.status).toBe(404);
    expectNoMarkers("zip of B's IDs", await onlyB.response.text());

    const mixed = await postRepeated(portalZip.action, {
      path: "/portal/documents/zip",
      cookie,
      fields: [
        ["id", docs.b1],
        ["id", docs.a1],
        ["id", docs.bNote],
        ["id", docs.a2],
      ],
    });
    expect(mixed.status).toBe(200);
    expect(mixed.response.headers.get("Content-Type")).toBe("application/zip");
    const entries = readZipEntries(new Uint8Array(await mixed.response.arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual(["A-7001.pdf", "A-7001.xml", "A-7002.pdf"]);
    expect(entries.get("A-7001.xml")!.toString("utf8")).toContain(UUID_A);
    for (const [name, content] of entries) {
      expectNoMarkers(`zip entry ${name}`, name);
      if (name.endsWith(".pdf")) {
        expect(content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
        expectNoMarkers(`zip entry ${name}`, await readPdfText(new Uint8Array(content)));
      } else expectNoMarkers(`zip entry ${name}`, content.toString("utf8"));
    }
  });

  it("statement page and every download: A's statement, never B's", async () => {
    const cookie = await signInCookie(db, payerA.id, { selection: accountB.id });
    await expectTenantIsolation({
      name: "statement",
      handler: portalStatement.loader,
      foreignMarkers,
      calls: [
        { path: `/portal/statement?${PERIOD}`, cookie },
        { path: `/portal/statement?${PERIOD}&account=${accountB.id}&accountId=${accountB.id}`, cookie },
      ],
    });
    const page = (await callRoute(portalStatement.loader, { path: `/portal/statement?${PERIOD}`, cookie }))
      .body as StatementData;
    expect(page.statement.customer.accountId).toBe(accountA.id);

    for (const format of statementFormats) {
      const path = `/portal/statement/${format}?${PERIOD}`;
      await expectTenantIsolation({
        name: `statement ${format}`,
        handler: portalStatementFile.loader,
        foreignMarkers,
        calls: [{ path, params: { format }, cookie }],
      });
      const file = await callRoute(portalStatementFile.loader, { path, params: { format }, cookie });
      expect(file.status).toBe(200);
      const text = await readableContent(file.response!);
      expect(text, format).toContain("A-7001");
      expectNoMarkers(`statement ${format}`, text);
      expect(file.response!.headers.get("Content-Disposition")).toContain(accountA.number);
    }
    const unknown = await callRoute(portalStatementFile.loader, {
      path: `/portal/statement/docx?${PERIOD}`,
      params: { format: "docx" },
      cookie,
    });
    expect(unknown.status).toBe(404);
  });

  it("statement email goes only to the signed-in user, with A's statement, whatever the form says", async () => {
    const cookie = await signInCookie(db, payerA.id, { selection: accountB.id });
    const before = mailbox.messages.length;
    await expectTenantIsolation({
      name: "statement email",
      handler: portalStatement.action,
      foreignMarkers,
      allowedStatuses: [302],
      calls: [
        {
          path: `/portal/statement?${PERIOD}`,
          cookie,
          form: { intent: "email", to: adminB.email, email: adminB.email, accountId: accountB.id },
        },
      ],
    });
    const mail = await mailbox.waitFor(payerA.email, /Estado de cuenta/);
    const sent = mailbox.messages.slice(before);
    expect(sent).toHaveLength(1);
    const recipients = [sent[0].to, sent[0].cc, sent[0].bcc]
      .flat()
      .flatMap((a) => (a ? a.value.map((v) => v.address?.toLowerCase()) : []));
    expect(recipients).toEqual([payerA.email.toLowerCase()]);
    expect(mail.subject).toContain(accountA.number);
    expectNoMarkers("statement email", `${mail.subject}\n${mail.text}\n${mail.html}`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe("application/pdf");
    const pdfText = await readPdfText(new Uint8Array(mail.attachments[0].content));
    expect(pdfText).toContain(accountA.legalName);
    expectNoMarkers("statement email attachment", pdfText);

    const bad = await callRoute(portalStatement.action, {
      path: `/portal/statement?${PERIOD}`,
      cookie,
      form: { intent: "delete" },
    });
    expect(bad.status).toBe(400);
    expect(mailbox.messages.length).toBe(before + 1);
  });
});

describe("statement downloads agree with the page", () => {
  it("the CSV, XLSX and PDF closing balances equal the loader's", async () => {
    const cookie = await signInCookie(db, payerA.id);
    const page = (await callRoute(portalStatement.loader, { path: `/portal/statement?${PERIOD}`, cookie }))
      .body as StatementData;
    const [section] = page.statement.sections;
    expect(page.statement.sections).toHaveLength(1);
    // 400.00 before the period + 1160.00 + 2500.50 − 700.25
    expect(section).toMatchObject({ currency: "MXN", openingBalance: "400.00", closingBalance: "3360.25" });

    const download = async (format: string) => {
      const r = await callRoute(portalStatementFile.loader, {
        path: `/portal/statement/${format}?${PERIOD}`,
        params: { format },
        cookie,
      });
      expect(r.status, format).toBe(200);
      return r.response!;
    };

    const csv = await download("csv");
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const records = parseCsv(new TextDecoder("utf-8", { ignoreBOM: false }).decode(await csv.arrayBuffer()));
    const csvClosing = records.find((r) => r[4] === "Saldo final");
    expect(csvClosing?.[9]).toBe(section.closingBalance);
    let csvSum = new Decimal(records.find((r) => r[4] === "Saldo inicial")![9]);
    for (const r of records.slice(1).filter((r) => r[7] || r[8])) csvSum = csvSum.plus(r[7] || 0).minus(r[8] || 0);
    expect(csvSum.toFixed(2)).toBe(section.closingBalance);

    const xlsx = await download("xlsx");
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const rows = await readXlsxRows(new Uint8Array(await xlsx.arrayBuffer()));
    const xlsxClosing = rows.find((r) => r[0] === "MXN" && r[3] === "Saldo final");
    expect((xlsxClosing?.[9] as number).toFixed(2)).toBe(section.closingBalance);

    const pdf = await download("pdf");
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const text = await readPdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain(`Saldo final $3,360.25`);
  });
});

describe("URLs edited by hand", () => {
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("impossible dates and tampered cursors in the invoices URL are ignored, never a server error", async () => {
    const cookie = await signInCookie(db, payerA.id);
    const ignored = [
      "/portal/invoices?issuedFrom=2026-02-30",
      "/portal/invoices?dueTo=2026-13-01",
      "/portal/invoices?issuedTo=0000-01-01",
    ];
    for (const path of ignored) {
      const r = await callRoute(portalInvoices.loader, { path, cookie });
      expect(r.status, path).toBe(200);
      const data = r.body as DocumentListData;
      expect(data.invalidFilters, path).toBe(true);
      expect(data.result.rows.map((row) => row.serieFolio).sort(), path).toEqual(["A-7000", "A-7001", "A-7002"]);
    }
    const tampered = [
      `/portal/invoices?after=${cursor(["issue_date", ["2026-13-45"], docs.a1])}`,
      `/portal/invoices?before=${cursor(["issue_date", ["2026-02-30"], docs.a1])}`,
      `/portal/invoices?sort=due_date&after=${cursor(["due_date", ["0000-00-00"], docs.a1])}`,
      `/portal/invoices?sort=folio&after=${cursor(["folio", ["A", "abc", "7001"], docs.a1])}`,
      `/portal/invoices?sort=folio&after=${cursor(["folio", ["A", 1e20, "7001"], docs.a1])}`,
      `/portal/invoices?sort=folio&after=${cursor(["folio", [4, 4, 7001], docs.a1])}`,
      "/portal/invoices?after=not-a-cursor",
    ];
    for (const path of tampered) {
      const r = await callRoute(portalInvoices.loader, { path, cookie });
      expect(r.status, path).toBe(200);
      // The list starts over from the first page.
      expect((r.body as DocumentListData).result.rows.map((row) => row.serieFolio).sort(), path).toEqual([
        "A-7000",
        "A-7001",
        "A-7002",
      ]);
    }
  });

  it("an impossible statement period falls back to the default period and says so; downloads do not fail", async () => {
    const cookie = await signInCookie(db, payerA.id);
    for (const query of [
      "from=2026-02-30&to=2026-03-31",
      "from=2026-10-01&to=2026-10-32",
      `${PERIOD}&asOf=2026-02-31`,
    ]) {
      const page = await callRoute(portalStatement.loader, { path: `/portal/statement?${query}`, cookie });
      expect(page.status, query).toBe(200);
      expect((page.body as StatementData).invalidPeriod, query).toBe(true);
      for (const format of statementFormats) {
        const file = await callRoute(portalStatementFile.loader, {
          path: `/portal/statement/${format}?${query}`,
          params: { format },
          cookie,
        });
        expect(file.status, `${format} ${query}`).toBe(200);
      }
    }
  });
});

describe("group view", () => {
  it("lists both accounts' invoices, and the statement asks to pick an account", async () => {
    const cookie = await signInCookie(db, groupUser.id, { selection: `group:${groupId}` });
    const list = (await callRoute(portalInvoices.loader, { path: "/portal/invoices", cookie }))
      .body as DocumentListData;
    expect(list.multiAccount).toBe(true);
    expect(list.result.rows.map((r) => r.serieFolio).sort()).toEqual(["G-8001", "G-8002"]);
    expect(new Set(list.result.rows.map((r) => r.accountId))).toEqual(new Set(groupAccounts.map((a) => a.id)));
    const one = (
      await callRoute(portalInvoices.loader, { path: `/portal/invoices?account=${groupAccounts[1].id}`, cookie })
    ).body as DocumentListData;
    expect(one.result.rows.map((r) => r.serieFolio)).toEqual(["G-8002"]);

    // Documents of both accounts open and zip together in the group view; B's stay out.
    const detail = await callRoute(portalDocument.loader, {
      path: `/portal/documents/${docs.g1}`,
      params: { documentId: docs.g1 },
      cookie,
    });
    expect(detail.status).toBe(200);
    const zip = await postRepeated(portalZip.action, {
      path: "/portal/documents/zip",
      cookie,
      fields: [
        ["id", docs.g1],
        ["id", docs.g2],
        ["id", docs.b1],
      ],
    });
    expect(zip.status).toBe(200);
    expect([...readZipEntries(new Uint8Array(await zip.response.arrayBuffer())).keys()].sort()).toEqual([
      "G-8001.pdf",
      "G-8002.pdf",
    ]);

    const before = mailbox.messages.length;
    const calls: [Handler, RouteCall][] = [
      [portalStatement.loader, { path: `/portal/statement?${PERIOD}`, cookie }],
      [portalStatement.action, { path: `/portal/statement?${PERIOD}`, cookie, form: { intent: "email" } }],
      ...statementFormats.map((format): [Handler, RouteCall] => [
        portalStatementFile.loader,
        { path: `/portal/statement/${format}?${PERIOD}`, params: { format }, cookie },
      ]),
    ];
    for (const [handler, call] of calls) {
      const r = await callRoute(handler, call);
      expect(r.status, call.path).toBe(302);
      expect(r.response?.headers.get("Location"), call.path).toBe("/portal?pick=account");
    }
    expect(mailbox.messages.length).toBe(before);

    // Picking one account of the group shows its statement.
    const single = await signInCookie(db, groupUser.id, { selection: groupAccounts[1].id });
    const page = (await callRoute(portalStatement.loader, { path: `/portal/statement?${PERIOD}`, cookie: single }))
      .body as StatementData;
    expect(page.statement.customer.accountId).toBe(groupAccounts[1].id);
  });
});

describe("staff account pages", () => {
  const staffCalls = (accountId: string, cookie: string) => {
    const base = `/staff/accounts/${accountId}`;
    const p = (extra: Record<string, string> = {}) => ({ accountId, ...extra });
    return {
      layout: [staffAccountLayout.loader, { path: base, params: p(), cookie }],
      home: [staffAccountHome.loader, { path: base, params: p(), cookie }],
      invoices: [staffInvoices.loader, { path: `${base}/invoices`, params: p(), cookie }],
      notes: [staffInvoices.loader, { path: `${base}/invoices?tab=notes`, params: p(), cookie }],
      statement: [staffStatement.loader, { path: `${base}/statement?${PERIOD}`, params: p(), cookie }],
      ...Object.fromEntries(
        statementFormats.map((format) => [
          `statement ${format}`,
          [staffStatementFile.loader, { path: `${base}/statement/${format}?${PERIOD}`, params: p({ format }), cookie }],
        ]),
      ),
    } as Record<string, [Handler, RouteCall]>;
  };

  it("a collector gets 404 on every page of an account outside its portfolio", async () => {
    const cookie = await signInCookie(db, collector.id);
    const b = accountB.id;
    const before = mailbox.messages.length;
    for (const [name, [handler, call]] of Object.entries(staffCalls(b, cookie))) {
      await expectTenantIsolation({ name: `staff ${name}`, handler, foreignMarkers, calls: [call] });
      expect((await callRoute(handler, call)).status, name).toBe(404);
    }
    for (const [suffix, handler] of [
      ["", staffDocument.loader],
      ["/pdf", staffDocumentPdf.loader],
      ["/xml", staffDocumentXml.loader],
    ] as const) {
      // B's documents under B's URL, and under A's URL (the account in the path must own the document).
      const calls: RouteCall[] = [b, accountA.id].flatMap((accountId) =>
        [docs.b1, docs.bPay].map((documentId) => ({
          path: `/staff/accounts/${accountId}/documents/${documentId}${suffix}`,
          params: { accountId, documentId },
          cookie,
        })),
      );
      // ...and A's own document under B's URL.
      calls.push({
        path: `/staff/accounts/${b}/documents/${docs.a1}${suffix}`,
        params: { accountId: b, documentId: docs.a1 },
        cookie,
      });
      await expectTenantIsolation({ name: `staff document${suffix}`, handler, foreignMarkers, calls });
      for (const call of calls) expect((await callRoute(handler, call)).status, call.path).toBe(404);
    }
    await expectTenantIsolation({
      name: "staff zip",
      handler: staffZip.action,
      foreignMarkers,
      calls: [
        { path: `/staff/accounts/${b}/documents/zip`, params: { accountId: b }, cookie, form: { id: docs.b1 } },
        { path: `/staff/accounts/${b}/documents/zip`, params: { accountId: b }, cookie, form: { id: docs.a1 } },
        {
          path: `/staff/accounts/${accountA.id}/documents/zip`,
          params: { accountId: accountA.id },
          cookie,
          form: { id: docs.b1 },
        },
      ],
    });
    const mixed = await postRepeated(staffZip.action, {
      path: `/staff/accounts/${accountA.id}/documents/zip`,
      params: { accountId: accountA.id },
      cookie,
      fields: [
        ["id", docs.b1],
        ["id", docs.a2],
        ["id", docs.bPay],
      ],
    });
    expect(mixed.status).toBe(200);
    expect([...readZipEntries(new Uint8Array(await mixed.response.arrayBuffer())).keys()]).toEqual(["A-7002.pdf"]);
    await expectTenantIsolation({
      name: "staff statement email",
      handler: staffStatement.action,
      foreignMarkers,
      calls: [
        {
          path: `/staff/accounts/${b}/statement?${PERIOD}`,
          params: { accountId: b },
          cookie,
          form: { intent: "email" },
        },
      ],
    });
    expect(
      (
        await callRoute(staffStatement.action, {
          path: `/staff/accounts/${b}/statement`,
          params: { accountId: b },
          cookie,
          form: { intent: "email" },
        })
      ).status,
    ).toBe(404);
    expect(mailbox.messages.length).toBe(before);
  });

  it("inside its portfolio every page answers 200 with the account's data", async () => {
    const cookie = await signInCookie(db, collector.id);
    const a = accountA.id;
    for (const [name, [handler, call]] of Object.entries(staffCalls(a, cookie))) {
      const r = await callRoute(handler, call);
      expect(r.status, name).toBe(200);
      const text = r.response ? await readableContent(r.response) : JSON.stringify(r.body);
      expectNoMarkers(`staff ${name}`, text);
      if (name === "statement csv") expect(text, name).toContain("A-7001");
      else if (name !== "notes") expect(text, name).toContain(accountA.number);
    }
    const list = (
      await callRoute(staffInvoices.loader, { path: `/staff/accounts/${a}/invoices`, params: { accountId: a }, cookie })
    ).body as DocumentListData;
    expect(list.basePath).toBe(`/staff/accounts/${a}`);
    expect(list.result.rows.map((r) => r.serieFolio).sort()).toEqual(["A-7000", "A-7001", "A-7002"]);
    for (const [suffix, handler] of [
      ["", staffDocument.loader],
      ["/pdf", staffDocumentPdf.loader],
      ["/xml", staffDocumentXml.loader],
    ] as const) {
      const r = await callRoute(handler, {
        path: `/staff/accounts/${a}/documents/${docs.a1}${suffix}`,
        params: { accountId: a, documentId: docs.a1 },
        cookie,
      });
      expect(r.status, suffix).toBe(200);
    }
    const page = (
      await callRoute(staffStatement.loader, {
        path: `/staff/accounts/${a}/statement?${PERIOD}`,
        params: { accountId: a },
        cookie,
      })
    ).body as StatementData;
    expect(page.statement.sections[0].closingBalance).toBe("3360.25");

    // "Email it to me" sends to the collector itself.
    const sent = await callRoute(staffStatement.action, {
      path: `/staff/accounts/${a}/statement?${PERIOD}`,
      params: { accountId: a },
      cookie,
      form: { intent: "email" },
    });
    expect(sent.status).toBe(302);
    const mail = await mailbox.waitFor(collector.email, /Estado de cuenta/);
    expect(mail.subject).toContain(accountA.number);
    expect(mail.attachments.map((x) => x.contentType)).toEqual(["application/pdf"]);
  });
});
