// The customer's invoice and note views: list filters, sorting, keyset pages, per-currency totals,
// tenant scoping, the detail's running open amounts, the PDF's text and the streamed ZIP's entries.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { documents } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { getDocumentDetail } from "~/domain/documents/get-document-detail.server";
import { getDocumentFiscalRecord } from "~/domain/documents/get-document-fiscal-record.server";
import { type DocumentListRow, listDocuments, type ListDocumentsInput } from "~/domain/documents/list-documents.server";
import { renderInvoicePdf } from "~/domain/documents/render-invoice-pdf.server";
import { parseDocumentListSearchParams, splitDocumentListQuery } from "~/domain/documents/schemas";
import { getDocumentXml, streamDocumentsZip } from "~/domain/documents/stream-documents-zip.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { DocumentInput } from "~/domain/ledger/schemas";
import type { Db } from "~/utils/db.server";
import { createTestAccount } from "../fixtures/organization";
import { readPdfText, readZipEntries } from "../setup/read-documents";
import { databaseTest } from "../setup/route-test";
import { type TestDatabase } from "../setup/test-database";

const AS_OF = "2026-03-15";
const UUID_1 = "5FB2822E-396D-4725-8521-CDC4BDD20CCF";
const UUID_6 = "9A1C7E20-0B3D-4E55-9F7A-2D6B1C0E4F11";
const XML_6 = new TextEncoder().encode(
  `<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante Serie="A" Folio="1006" Total="1218.00"/>`,
);

let database: TestDatabase;
let db: Db;
let accountA: { id: string; legalName: string };
let accountB: { id: string };
let accountPages: { id: string };
const ids: Record<string, string> = {};
const applicationIds: Record<string, string> = {};

async function issue(key: string, input: DocumentInput) {
  const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [input]);
  ids[key] = doc.id;
  return doc.id;
}

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  const org = seller;
  accountA = await createTestAccount(db, org, { paymentTermDays: 30 });
  accountB = await createTestAccount(db, org, { paymentTermDays: 30 });
  accountPages = await createTestAccount(db, org, { paymentTermDays: 15 });
  const a = accountA.id;
  const base = {
    accountId: a,
    kind: "invoice" as const,
    series: "A",
    currency: "MXN" as const,
    paymentMethod: "PPD" as const,
    paymentForm: "99",
  };

  await issue("inv1", {
    ...base,
    folio: "1001",
    issueDate: "2026-01-05",
    amount: "1000.00",
    fiscalId: UUID_1,
    purchaseOrder: "OC-555",
    remissions: [{ number: "R-9001", deliveryDate: "2026-01-04" }],
  });
  await issue("inv2", {
    ...base,
    folio: "1002",
    issueDate: "2026-02-01",
    amount: "2000.00",
    fiscalId: "11111111-2222-3333-4444-555555555555",
  });
  await issue("inv3", { ...base, folio: "1003", issueDate: "2026-03-01", dueDate: "2026-03-20", amount: "300.00" });
  await issue("inv4", {
    ...base,
    folio: "1004",
    issueDate: "2026-03-10",
    dueDate: "2026-04-30",
    amount: "400.00",
    purchaseOrder: "OC-777",
  });
  await issue("inv5", {
    ...base,
    folio: "1005",
    issueDate: "2026-02-15",
    dueDate: "2026-04-15",
    currency: "USD",
    amount: "150.00",
  });
  await issue("inv999", { ...base, folio: "999", issueDate: "2026-01-02", amount: "50.00" });
  await issue("inv6", {
    ...base,
    folio: "1006",
    issueDate: "2026-03-12",
    fiscalId: UUID_6,
    purchaseOrder: "PO-ACME-42",
    paymentMethod: "PPD",
    paymentForm: "03",
    lines: [
      {
        sku: "VAR-38",
        description: 'Varilla corrugada 3/8" grado 42',
        unit: "PZA",
        productCode: "30102300",
        unitCode: "H87",
        quantity: "10",
        unitPrice: "85.5",
        taxRate: "0.16",
      },
      {
        sku: "ALM-16",
        description: "Alambre recocido cal. 16",
        unit: "KG",
        productCode: "30102300",
        unitCode: "KGM",
        quantity: "2.5",
        unitPrice: "78",
        taxRate: "0.16",
      },
    ],
    remissions: [
      { number: "R-9100", deliveryDate: "2026-03-11", receivedBy: "Juan Pérez" },
      { number: "R-9101", deliveryDate: "2026-03-12" },
    ],
    files: [{ role: "xml", fileName: "A-1006.xml", mediaType: "application/xml", content: XML_6 }],
  });
  await issue("inv7", { ...base, folio: "1007", issueDate: "2026-02-20", amount: "700.00" });
  await db.update(documents).set({ status: "cancelled" }).where(eq(documents.id, ids.inv7));

  await issue("pay1", {
    accountId: a,
    kind: "payment",
    series: "P",
    folio: "1",
    issueDate: "2026-02-10",
    currency: "MXN",
    amount: "1500.00",
  });
  await issue("pay2", {
    accountId: a,
    kind: "payment",
    series: "P",
    folio: "2",
    issueDate: "2026-03-11",
    currency: "MXN",
    amount: "100.00",
  });
  await issue("nc1", {
    accountId: a,
    kind: "credit_note",
    series: "NC",
    folio: "1",
    issueDate: "2026-01-20",
    currency: "MXN",
    amount: "50.00",
  });
  await issue("nc2", {
    accountId: a,
    kind: "credit_note",
    series: "NC",
    folio: "2",
    issueDate: "2026-03-05",
    currency: "MXN",
    amount: "25.00",
  });
  await issue("nd1", {
    accountId: a,
    kind: "debit_note",
    series: "ND",
    folio: "1",
    issueDate: "2026-03-02",
    currency: "MXN",
    amount: "80.00",
  });

  const [p1a, p1b, nc] = await applyCredits(db, SYSTEM_ACTOR, [
    { sourceId: ids.pay1, targetId: ids.inv1, amount: "1000.00", appliedOn: "2026-02-10" },
    { sourceId: ids.pay1, targetId: ids.inv2, amount: "500.00", appliedOn: "2026-02-10" },
    { sourceId: ids.nc1, targetId: ids.inv999, amount: "50.00", appliedOn: "2026-01-20" },
  ]);
  Object.assign(applicationIds, { p1a, p1b, nc });
  // inv6 (1218.00): a partial payment, then a credit note... via pay2 (100) and its reversal on inv4.
  const [p2] = await applyCredits(db, SYSTEM_ACTOR, [
    { sourceId: ids.pay2, targetId: ids.inv4, amount: "100.00", appliedOn: "2026-03-11" },
  ]);
  applicationIds.p2 = p2;
  applicationIds.p2rev = await reverseApplication(db, SYSTEM_ACTOR, {
    applicationId: p2,
    reversedOn: "2026-03-13",
    reason: "cheque devuelto",
  });
  await issue("pay3", {
    accountId: a,
    kind: "payment",
    series: "P",
    folio: "3",
    issueDate: "2026-03-13",
    currency: "MXN",
    amount: "218.00",
  });
  await issue("nc3", {
    accountId: a,
    kind: "credit_note",
    series: "NC",
    folio: "3",
    issueDate: "2026-03-14",
    currency: "MXN",
    amount: "100.00",
  });
  await applyCredits(db, SYSTEM_ACTOR, [
    { sourceId: ids.pay3, targetId: ids.inv6, amount: "218.00", appliedOn: "2026-03-13" },
    { sourceId: ids.nc3, targetId: ids.inv6, amount: "100.00", appliedOn: "2026-03-14" },
  ]);

  // Another customer's documents share the PO, remission number and series-folio pattern.
  await issue("foreign", {
    accountId: accountB.id,
    kind: "invoice",
    series: "A",
    folio: "5001",
    issueDate: "2026-02-01",
    currency: "MXN",
    amount: "999.00",
    fiscalId: "5FB2822E-0000-0000-0000-000000000000",
    purchaseOrder: "OC-555",
    remissions: [{ number: "R-9001", deliveryDate: "2026-02-01" }],
    files: [
      {
        role: "xml",
        fileName: "A-5001.xml",
        mediaType: "application/xml",
        content: new TextEncoder().encode("<foreign/>"),
      },
    ],
  });

  // 57 invoices for paging, with repeated dates and amounts so ties are broken by id.
  const pageDocs: DocumentInput[] = [];
  for (let i = 1; i <= 57; i += 1) {
    pageDocs.push({
      accountId: accountPages.id,
      kind: "invoice",
      series: i % 3 === 0 ? "B" : "C",
      folio: String(i * 7),
      issueDate: `2026-01-${String((i % 9) + 1).padStart(2, "0")}`,
      currency: "MXN",
      amount: `${(i % 5) + 1}00.00`,
    });
  }
  await issueDocuments(db, SYSTEM_ACTOR, pageDocs);
});

const list = (input: Partial<ListDocumentsInput> = {}) =>
  listDocuments(db, { accountIds: [accountA.id], tab: "invoices", asOf: AS_OF, ...input });
const folios = (rows: DocumentListRow[]) => rows.map((r) => r.serieFolio).sort();

describe("listDocuments filters", () => {
  it("lists the account's invoices with derived open amount, days overdue and status label", async () => {
    const { rows, total } = await list({ page: { size: 100 } });
    expect(total).toBe(8);
    const byFolio = new Map(rows.map((r) => [r.serieFolio, r]));
    expect(byFolio.get("A-1001")).toMatchObject({
      open: "0.00",
      status: "paid",
      daysOverdue: 0,
      remissionNumbers: ["R-9001"],
    });
    expect(byFolio.get("A-1002")).toMatchObject({
      open: "1500.00",
      status: "overdue",
      dueDate: "2026-03-03",
      daysOverdue: 12,
    });
    expect(byFolio.get("A-1003")).toMatchObject({ open: "300.00", status: "due_soon", daysOverdue: 0 });
    expect(byFolio.get("A-1004")).toMatchObject({ open: "400.00", status: "open" });
    expect(byFolio.get("A-1006")).toMatchObject({
      amount: "1218.00",
      open: "900.00",
      status: "open",
      hasXml: true,
      hasPdf: false,
    });
    expect(byFolio.get("A-1007")).toMatchObject({ open: "0.00", status: "cancelled" });
    expect(rows.every((r) => r.kind === "invoice")).toBe(true);
  });

  it("filters by each status", async () => {
    const status = async (s: string) => folios((await list({ filters: { status: s as never } })).rows);
    expect(await status("open")).toEqual(["A-1002", "A-1003", "A-1004", "A-1005", "A-1006"]);
    expect(await status("overdue")).toEqual(["A-1002"]);
    expect(await status("due_soon")).toEqual(["A-1003"]);
    expect(await status("paid")).toEqual(["A-1001", "A-999"]);
    expect(await status("cancelled")).toEqual(["A-1007"]);
  });

  it("computes open amounts as of the given date", async () => {
    // Before the payment of 2026-02-10, A-1001 was still open and overdue (due 2026-02-04).
    const { rows } = await list({ asOf: "2026-02-09", filters: { q: "A-1001" } });
    expect(rows[0]).toMatchObject({ open: "1000.00", status: "overdue", daysOverdue: 5 });
  });

  it("filters by issue date, due date and amount ranges", async () => {
    expect(folios((await list({ filters: { issuedFrom: "2026-02-01", issuedTo: "2026-03-01" } })).rows)).toEqual([
      "A-1002",
      "A-1003",
      "A-1005",
      "A-1007",
    ]);
    expect(folios((await list({ filters: { dueFrom: "2026-04-01" } })).rows)).toEqual(["A-1004", "A-1005", "A-1006"]);
    expect(folios((await list({ filters: { dueTo: "2026-02-04" } })).rows)).toEqual(["A-1001", "A-999"]);
    // The domain takes exact decimals; what people type is read by parseAmount at the edge.
    expect(folios((await list({ filters: { amountMin: "300", amountMax: "1000.00" } })).rows)).toEqual([
      "A-1001",
      "A-1003",
      "A-1004",
      "A-1007",
    ]);
  });

  it("searches by serie-folio, folio, fiscal ID prefix (any case), purchase order and remission number", async () => {
    const q = async (text: string) => folios((await list({ filters: { q: text } })).rows);
    expect(await q("A-1001")).toEqual(["A-1001"]);
    expect(await q("a-100")).toEqual(["A-1001", "A-1002", "A-1003", "A-1004", "A-1005", "A-1006", "A-1007"]);
    expect(await q("999")).toEqual(["A-999"]);
    expect(await q("5fb2822e")).toEqual(["A-1001"]);
    expect(await q(UUID_6.toLowerCase())).toEqual(["A-1006"]);
    expect(await q("oc-555")).toEqual(["A-1001"]);
    expect(await q("PO-ACME")).toEqual(["A-1006"]);
    expect(await q("R-9100")).toEqual(["A-1006"]);
    expect(await q("r-9001")).toEqual(["A-1001"]);
    expect(await q("%")).toEqual([]);
    expect(await q("nothing-like-this")).toEqual([]);
  });

  it("lists credit and debit notes on the notes tab", async () => {
    const { rows } = await list({ tab: "notes", sort: { sort: "folio", dir: "asc" } });
    expect(rows.map((r) => [r.serieFolio, r.kind, r.open, r.status])).toEqual([
      ["NC-1", "credit_note", "0.00", "applied"],
      ["NC-2", "credit_note", "25.00", "open"],
      ["NC-3", "credit_note", "0.00", "applied"],
      ["ND-1", "debit_note", "80.00", "open"],
    ]);
    expect(folios((await list({ tab: "notes", filters: { status: "open" } })).rows)).toEqual(["NC-2", "ND-1"]);
  });

  it("totals amount and open per currency, never mixing currencies, for the whole filtered set", async () => {
    const { totals, total, rows } = await list({ page: { size: 2 } });
    expect(rows).toHaveLength(2);
    expect(total).toBe(8);
    expect(totals).toEqual([
      // cancelled A-1007 counts as a document but adds nothing to amount or open
      { currency: "MXN", effect: "charge", count: 7, amount: "4968.00", open: "3100.00" },
      { currency: "USD", effect: "charge", count: 1, amount: "150.00", open: "150.00" },
    ]);
    const overdue = await list({ filters: { status: "overdue" } });
    expect(overdue.totals).toEqual([
      { currency: "MXN", effect: "charge", count: 1, amount: "2000.00", open: "1500.00" },
    ]);
    expect((await list({ filters: { currency: "USD" } })).totals).toEqual([
      { currency: "USD", effect: "charge", count: 1, amount: "150.00", open: "150.00" },
    ]);
  });

  it("can leave totals out of the page", async () => {
    const page = await list({ withTotals: false, page: { size: 3 } });
    expect(page).toMatchObject({ total: null, totals: null });
    expect(page.rows).toHaveLength(3);
  });

  it("parses URL search params, treating blank fields as unset", () => {
    const parsed = parseDocumentListSearchParams(
      new URLSearchParams("status=overdue&q=&issuedFrom=&amountMin=1,000&sort=amount&dir=asc&size=50"),
      "es-MX",
    );
    expect(parsed.errors).toEqual({});
    const { filters, sort, page } = splitDocumentListQuery(parsed.data);
    expect(filters).toMatchObject({ status: "overdue", amountMin: "1000.00" });
    expect(filters.q).toBeUndefined();
    expect(sort).toEqual({ sort: "amount", dir: "asc" });
    expect(page.size).toBe(50);
    expect(parseDocumentListSearchParams(new URLSearchParams("size=500"), "es-MX").errors).toEqual({
      size: "validation.invalid",
    });
    expect(parseDocumentListSearchParams(new URLSearchParams("status=disputed"), "es-MX").errors).toEqual({
      status: "validation.invalid",
    });
  });

  it("reads amounts in the reader's locale, field by field: a bad one is an error on it, never reinterpreted", () => {
    const co = parseDocumentListSearchParams(new URLSearchParams("amountMin=100,50&amountMax=1.000.000"), "es-CO");
    expect(co).toMatchObject({ errors: {}, data: { amountMin: "100.50", amountMax: "1000000.00" } });
    const mx = parseDocumentListSearchParams(new URLSearchParams("amountMin=$100,000.00"), "es-MX");
    expect(mx).toMatchObject({ errors: {}, data: { amountMin: "100000.00" } });
    // "100,50" once became 10050 here; now it is an error on that field and the other filters apply.
    const wrong = parseDocumentListSearchParams(new URLSearchParams("amountMin=100,50&status=open"), "es-MX");
    expect(wrong.errors).toEqual({ amountMin: "validation.amount" });
    expect(wrong.data.amountMin).toBeUndefined();
    expect(wrong.data.status).toBe("open");
    expect(parseDocumentListSearchParams(new URLSearchParams("amountMax=10,505"), "es-CO").errors).toEqual({
      amountMax: "validation.amountDecimals",
    });
  });

  it("a range typed backwards is reported on its upper end and not applied", () => {
    const amounts = parseDocumentListSearchParams(new URLSearchParams("amountMin=2.000&amountMax=100"), "es-CO");
    expect(amounts.errors).toEqual({ amountMax: "validation.rangeInverted" });
    expect(amounts.data).not.toHaveProperty("amountMin");
    expect(amounts.data).not.toHaveProperty("amountMax");
    const dates = parseDocumentListSearchParams(
      new URLSearchParams("issuedFrom=2026-03-02&issuedTo=2026-03-01&dueFrom=2026-01-01&dueTo=2026-01-01"),
      "es-MX",
    );
    expect(dates.errors).toEqual({ issuedTo: "validation.rangeInverted" });
    expect(dates.data).toMatchObject({ dueFrom: "2026-01-01", dueTo: "2026-01-01" });
    // Compared as decimals, not as text: "9" is below "10".
    expect(parseDocumentListSearchParams(new URLSearchParams("amountMin=9&amountMax=10"), "es-MX").errors).toEqual({});
  });
});

describe("listDocuments sorting and pages", () => {
  it("sorts folios numerically within a series", async () => {
    const { rows } = await list({ sort: { sort: "folio", dir: "asc" } });
    expect(rows.map((r) => r.serieFolio)).toEqual([
      "A-999",
      "A-1001",
      "A-1002",
      "A-1003",
      "A-1004",
      "A-1005",
      "A-1006",
      "A-1007",
    ]);
  });

  it("sorts by amount and due date in both directions", async () => {
    const byAmount = (await list({ sort: { sort: "amount", dir: "desc" }, filters: { currency: "MXN" } })).rows.map(
      (r) => r.amount,
    );
    expect(byAmount).toEqual(["2000.00", "1218.00", "1000.00", "700.00", "400.00", "300.00", "50.00"]);
    const byDue = (await list({ sort: { sort: "due_date", dir: "asc" } })).rows.map((r) => r.dueDate);
    expect(byDue).toEqual([...byDue].sort());
  });

  for (const sortKey of ["issue_date", "due_date", "amount", "folio"] as const) {
    for (const dir of ["asc", "desc"] as const) {
      it(`pages by ${sortKey} ${dir} without duplicates or gaps, forwards and back`, async () => {
        const input = {
          accountIds: [accountPages.id],
          tab: "invoices" as const,
          asOf: AS_OF,
          sort: { sort: sortKey, dir },
        };
        const all = await listDocuments(db, { ...input, page: { size: 100 } });
        expect(all.rows).toHaveLength(57);
        const seen: string[] = [];
        const pages: string[][] = [];
        let after: string | undefined;
        let last = all;
        for (let guard = 0; guard < 20; guard += 1) {
          last = await listDocuments(db, { ...input, page: { size: 10, after } });
          expect(last.total).toBe(57);
          pages.push(last.rows.map((r) => r.id));
          seen.push(...last.rows.map((r) => r.id));
          if (!last.nextCursor) break;
          after = last.nextCursor;
        }
        expect(seen).toEqual(all.rows.map((r) => r.id));
        expect(pages).toHaveLength(6);
        // Back from the last page, page by page, to the first.
        let before = last.prevCursor;
        for (let p = pages.length - 2; p >= 0; p -= 1) {
          const back = await listDocuments(db, { ...input, page: { size: 10, before: before! } });
          expect(back.rows.map((r) => r.id)).toEqual(pages[p]);
          before = back.prevCursor;
        }
        expect(before).toBeNull();
      });
    }
  }

  it("ignores a cursor from another sort instead of failing", async () => {
    const first = await list({ page: { size: 2 }, sort: { sort: "amount" } });
    const other = await list({ page: { size: 2, after: first.nextCursor! }, sort: { sort: "folio" } });
    expect(other.prevCursor).toBeNull();
    expect(await list({ page: { after: "not-a-cursor" } })).toMatchObject({ total: 8 });
  });
});

describe("tenant scoping", () => {
  it("never lists another account's documents, even when they match the search", async () => {
    for (const q of ["OC-555", "R-9001", "5FB2822E", "A-5001"]) {
      const { rows } = await list({ filters: { q } });
      expect(rows.map((r) => r.id)).not.toContain(ids.foreign);
    }
    expect((await list({ filters: { account: accountB.id } })).rows).toEqual([]);
    expect((await list({ accountIds: [] })).total).toBe(0);
    const both = await list({ accountIds: [accountA.id, accountB.id], filters: { q: "OC-555" } });
    expect(folios(both.rows)).toEqual(["A-1001", "A-5001"]);
  });

  it("answers null for the detail and the XML of a document outside the caller's accounts", async () => {
    expect(await getDocumentDetail(db, { accountIds: [accountA.id], documentId: ids.foreign })).toBeNull();
    expect(await getDocumentXml(db, { accountIds: [accountA.id], documentId: ids.foreign })).toBeNull();
    expect(await getDocumentDetail(db, { accountIds: [], documentId: ids.inv1 })).toBeNull();
    expect(await getDocumentDetail(db, { accountIds: [accountB.id], documentId: ids.inv1 })).toBeNull();
    expect(await getDocumentXml(db, { accountIds: [accountB.id], documentId: ids.foreign })).not.toBeNull();
  });
});

describe("getDocumentDetail", () => {
  it("shows a partial payment and a credit note with the open amount after each", async () => {
    const d = (await getDocumentDetail(db, { accountIds: [accountA.id], documentId: ids.inv6, asOf: AS_OF }))!;
    expect(d).toMatchObject({
      serieFolio: "A-1006",
      fiscalId: UUID_6,
      paymentMethod: "PPD",
      paymentForm: "03",
      amount: "1218.00",
      subtotal: "1050.00",
      taxTotal: "168.00",
      open: "900.00",
      status: "open",
      seller: { legalName: "Aceros del Norte SA de CV", taxId: "ANO010101AB1", taxRegime: "601", postalCode: "64000" },
      customer: { legalName: accountA.legalName },
    });
    expect(d.lines.map((l) => [l.quantity, l.unitPrice, l.subtotal])).toEqual([
      ["10.0000", "85.5000", "855.00"],
      ["2.5000", "78.0000", "195.00"],
    ]);
    expect(d.remissions.map((r) => r.number)).toEqual(["R-9100", "R-9101"]);
    expect(
      d.applications.map((a) => [a.counterpart.serieFolio, a.counterpart.kind, a.appliedOn, a.amount, a.openAfter]),
    ).toEqual([
      ["P-3", "payment", "2026-03-13", "218.00", "1000.00"],
      ["NC-3", "credit_note", "2026-03-14", "100.00", "900.00"],
    ]);
    expect(d.related.map((r) => [r.serieFolio, r.appliedAmount])).toEqual([
      ["P-3", "218.00"],
      ["NC-3", "100.00"],
    ]);
    expect(d.files).toMatchObject([
      { role: "xml", fileName: "A-1006.xml", mediaType: "application/xml", size: XML_6.byteLength },
    ]);
  });

  it("shows a payment spread over several invoices, from the payment's side", async () => {
    const p = (await getDocumentDetail(db, { accountIds: [accountA.id], documentId: ids.pay1, asOf: AS_OF }))!;
    expect(p.effect).toBe("credit");
    // Both rows share date and creation time, so their relative order is not meaningful; the running amount is.
    expect(p.applications.map((a) => [a.counterpart.serieFolio, a.amount]).sort()).toEqual([
      ["A-1001", "1000.00"],
      ["A-1002", "500.00"],
    ]);
    expect(p.applications.map((a) => a.openAfter)).toEqual([
      p.applications[0].amount === "1000.00" ? "500.00" : "1000.00",
      "0.00",
    ]);
    expect(p.related.map((r) => r.serieFolio).sort()).toEqual(["A-1001", "A-1002"]);
    expect(p.open).toBe("0.00");
    const inv2 = (await getDocumentDetail(db, { accountIds: [accountA.id], documentId: ids.inv2, asOf: AS_OF }))!;
    expect(inv2).toMatchObject({ open: "1500.00", status: "overdue", daysOverdue: 12 });
  });

  it("marks a reversal and the application it reverses, and drops the reversed payment from related documents", async () => {
    const d = (await getDocumentDetail(db, { accountIds: [accountA.id], documentId: ids.inv4, asOf: AS_OF }))!;
    expect(d.applications.map((a) => [a.amount, a.isReversal, a.openAfter, a.reason])).toEqual([
      ["100.00", false, "300.00", null],
      ["-100.00", true, "400.00", "cheque devuelto"],
    ]);
    expect(d.applications[0].reversedById).toBe(applicationIds.p2rev);
    expect(d.applications[1].reversesId).toBe(applicationIds.p2);
    expect(d.related).toEqual([]);
    expect(d.open).toBe("400.00");
  });

  it("defaults asOf to today in the seller's time zone", async () => {
    const d = (await getDocumentDetail(db, { accountIds: [accountA.id], documentId: ids.inv1 }))!;
    expect(d.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.status).toBe("paid");
  });
});

describe("renderInvoicePdf", () => {
  it("prints folio, UUID, customer, total and total in words (Spanish)", async () => {
    const d = (await getDocumentDetail(db, { accountIds: [accountA.id], documentId: ids.inv6, asOf: AS_OF }))!;
    const fiscal = await getDocumentFiscalRecord(db, { accountIds: [accountA.id], documentId: ids.inv6 });
    // Its stored XML is a stub without a stamp: the PDF prints the document and says so.
    expect(fiscal).toBeNull();
    const bytes = await renderInvoicePdf(d, fiscal, { language: "es", locale: "es-MX" });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = await readPdfText(bytes);
    // pdfjs may split a run where the layout kerned two glyphs ("9 A1C7…"); the UUID is checked without spaces.
    expect(text.replace(/\s/g, "")).toContain(UUID_6);
    for (const expected of [
      "A-1006",
      accountA.legalName,
      "$1,218.00",
      "MIL DOSCIENTOS DIECIOCHO PESOS 00/100 M.N.",
      "Saldo pendiente",
      "$900.00",
      "Varilla corrugada",
      "Folio fiscal (UUID)",
      "R-9100",
      "Sin CFDI timbrado",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("prints English labels with the chosen locale's money format", async () => {
    const d = (await getDocumentDetail(db, { accountIds: [accountA.id], documentId: ids.inv6, asOf: AS_OF }))!;
    const text = await readPdfText(await renderInvoicePdf(d, null, { language: "en", locale: "en-US" }));
    expect(text).toContain("Balance due");
    expect(text).toContain("MX$1,218.00");
    expect(text).toContain("Total in words");
  });
});

describe("streamDocumentsZip", () => {
  it("streams each visible document's PDF and stored XML, leaving foreign documents out", async () => {
    const zip = await streamDocumentsZip(db, {
      accountIds: [accountA.id],
      documentIds: [ids.inv6, ids.inv1, ids.foreign, ids.inv6, "no-such-id"],
      language: "es",
      locale: "es-MX",
      asOf: AS_OF,
    });
    expect(zip.excludedCount).toBe(2);
    expect(zip.included.map((d) => d.serieFolio)).toEqual(["A-1001", "A-1006"]);
    const entries = readZipEntries(new Uint8Array(await new Response(zip.stream).arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual(["A-1001.pdf", "A-1006.pdf", "A-1006.xml"]);
    expect(new Uint8Array(entries.get("A-1006.xml")!)).toEqual(XML_6);
    expect(entries.get("A-1001.pdf")!.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await readPdfText(new Uint8Array(entries.get("A-1006.pdf")!))).replace(/\s/g, "")).toContain(UUID_6);
  });

  it("yields an empty archive when nothing requested is visible, and refuses oversized selections", async () => {
    const zip = await streamDocumentsZip(db, {
      accountIds: [accountA.id],
      documentIds: [ids.foreign],
      language: "es",
      locale: "es-MX",
    });
    expect(zip.included).toEqual([]);
    expect(readZipEntries(new Uint8Array(await new Response(zip.stream).arrayBuffer())).size).toBe(0);
    await expect(
      streamDocumentsZip(db, {
        accountIds: [accountA.id],
        documentIds: Array.from({ length: 501 }, (_, i) => `id${i}`),
        language: "es",
        locale: "es-MX",
      }),
    ).rejects.toThrow();
  });
});

describe("getDocumentXml", () => {
  it("returns the stored XML byte for byte, named by serie-folio", async () => {
    const xml = await getDocumentXml(db, { accountIds: [accountA.id], documentId: ids.inv6 });
    expect(xml?.fileName).toBe("A-1006.xml");
    expect(xml?.content).toEqual(XML_6);
    expect(await getDocumentXml(db, { accountIds: [accountA.id], documentId: ids.inv1 })).toBeNull();
  });
});
