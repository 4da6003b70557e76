// Every peso of home's balance is findable: the payments page lists every credit (payments, credit
// notes, credit adjustments) with what it paid, reversals marked, and what is left; adjustments have
// their own tab; home's figures (overdue, each aging bucket, due in 7/30 days) equal the filtered lists
// they link to; the notes tab totals credits and debits apart; exports carry every row of the filter
// in the reader's CSV dialect. Figures below are computed by hand from this ledger (as of 2026-03-15):
//
//   charge            amount    paid                         open    due         bucket
//   A inv1          1,160.00   NC 300 + P1 500                360.00  2026-02-09  31–60
//   A inv2          2,320.00   —                            2,320.00  2026-03-31  current (due in 16 days)
//   A inv3            580.00   P1 200, reversed 2026-03-05    580.00  2026-03-20  current (due in 5 days)
//   ND dn1            150.00   AJ credit 50                   100.00  2026-02-01  31–60
//   AJ aj1 (charge) 3,184.00   —                            3,184.00  2025-12-20  61–90
//   open charges 6,544.00; overdue 3,644.00; not due 2,900.00
//
//   credit            amount    applied   unapplied
//   NC nc1            400.00     300.00     100.00
//   P pay1          1,000.00     500.00     500.00   (SPEI-777; its 200 to inv3 was reversed)
//   P pay2          1,160.00       0.00   1,160.00   (since 2024, applied to nothing)
//   AJ aj2 (credit)    50.00      50.00       0.00
//   unapplied credits 1,760.00 → balance 6,544.00 − 1,760.00 = 4,784.00; credit limit 4,000.00 → exceeded by 784.00
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import {
  csvAmount,
  csvDialectFor,
  streamDocumentListCsv,
  streamDocumentListXlsx,
} from "~/domain/documents/export-document-list.server";
import { listCreditApplications } from "~/domain/documents/list-credit-applications.server";
import { iterateDocumentList, listDocuments, type ListDocumentsInput } from "~/domain/documents/list-documents.server";
import { parseDocumentListSearchParams } from "~/domain/documents/schemas";
import { reverseApplication } from "~/domain/ledger/apply-credits.server";
import type { Db } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { parseCsv } from "../setup/read-csv";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const AS_OF = "2026-03-15";

let database: TestDatabase;
let db: Db;
let accountA: { id: string };
let accountB: { id: string };
const ids: Record<string, string> = {};
const folios: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const org = await createMexicanSeller(db);
  accountA = await createTestAccount(db, org, { creditLimit: "4000.00" });
  accountB = await createTestAccount(db, org);
  const a = accountA.id;
  const issue = async (
    key: string,
    kind: Parameters<typeof issueDocument>[2],
    amount: string,
    issueDate: string,
    extra: Parameters<typeof issueDocument>[5] = {},
  ) => {
    ids[key] = await issueDocument(db, a, kind, amount, issueDate, extra);
  };
  await issue("inv1", "invoice", "1160.00", "2026-01-10", { dueDate: "2026-02-09" });
  await issue("inv2", "invoice", "2320.00", "2026-03-01", { dueDate: "2026-03-31" });
  await issue("inv3", "invoice", "580.00", "2026-02-15", { dueDate: "2026-03-20" });
  await issue("dn1", "debit_note", "150.00", "2026-02-01", { dueDate: "2026-02-01" });
  await issue("aj1", "adjustment", "3184.00", "2025-12-20", { dueDate: "2025-12-20", effect: "charge" });
  await issue("nc1", "credit_note", "400.00", "2026-02-20");
  await issue("pay1", "payment", "1000.00", "2026-03-01", { reference: "SPEI-777" });
  await issue("pay2", "payment", "1160.00", "2024-07-10", { reference: "DEP-2024" });
  await issue("aj2", "adjustment", "50.00", "2026-03-10", { effect: "credit" });
  await applyAmount(db, ids.nc1, ids.inv1, "300.00", "2026-02-20");
  await applyAmount(db, ids.pay1, ids.inv1, "500.00", "2026-03-01");
  const toReverse = await applyAmount(db, ids.pay1, ids.inv3, "200.00", "2026-03-02");
  await reverseApplication(db, SYSTEM_ACTOR, {
    applicationId: toReverse,
    reversedOn: "2026-03-05",
    reason: "wrong invoice",
  });
  await applyAmount(db, ids.aj2, ids.dn1, "50.00", "2026-03-10");
  // B: never in A's lists.
  ids.bInv = await issueDocument(db, accountB.id, "invoice", "999.99", "2026-02-01", { dueDate: "2026-02-15" });
  ids.bPay = await issueDocument(db, accountB.id, "payment", "777.77", "2026-02-02");

  const rows = await listDocuments(db, { accountIds: [a], tab: "charges", asOf: AS_OF, page: { size: 100 } });
  const credits = await listDocuments(db, { accountIds: [a], tab: "credits", asOf: AS_OF, page: { size: 100 } });
  for (const r of [...rows.rows, ...credits.rows]) {
    const key = Object.entries(ids).find(([, id]) => id === r.id)?.[0];
    if (key) folios[key] = r.serieFolio;
  }
});
afterAll(async () => {
  await database.close();
});

const list = (tab: ListDocumentsInput["tab"], query = "") => {
  const parsed = parseDocumentListSearchParams(new URLSearchParams(query), "es-MX");
  if (Object.keys(parsed.errors).length > 0) throw new Error(`bad query ${query}`);
  const { sort, dir, size, after, before, ...filters } = parsed.data;
  return listDocuments(db, {
    accountIds: [accountA.id],
    tab,
    filters,
    sort: { sort, dir },
    page: { size, after, before },
    asOf: AS_OF,
  });
};
const keysOf = (rows: { id: string }[]) =>
  rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0]).sort();
const chargeTotals = (totals: { effect: string; open: string; amount: string; count: number }[] | null) =>
  totals?.find((t) => t.effect === "charge");

describe("home's figures, by hand", () => {
  it("balance = open charges − unapplied credits; overdue, not due and aging; the credit line exceeded", async () => {
    const overview = await getAccountOverview(db, { accountIds: [accountA.id], asOf: AS_OF });
    const [totals] = overview.totals;
    expect(totals).toMatchObject({
      currency: "MXN",
      openCharges: "6544.00",
      unappliedCredits: "1760.00",
      balance: "4784.00",
      overdue: "3644.00",
      notDue: "2900.00",
    });
    expect(totals.aging.current).toEqual({ amount: "2900.00", count: 2 });
    expect(totals.aging.d31_60).toEqual({ amount: "460.00", count: 2 });
    expect(totals.aging.d61_90).toEqual({ amount: "3184.00", count: 1 });
    expect(overview.accounts[0].credit).toEqual({
      limit: "4000.00",
      used: "4784.00",
      available: "0.00",
      exceededBy: "784.00",
      heldCheques: "0.00",
    });
  });
});

describe("the lists home links to hold exactly home's figures", () => {
  it("overdue (all charges, not just invoices), each aging bucket, due within 7 and 30 days", async () => {
    const overdue = await list("charges", "status=overdue");
    expect(keysOf(overdue.rows)).toEqual(["aj1", "dn1", "inv1"]);
    expect(chargeTotals(overdue.totals)).toMatchObject({ open: "3644.00", count: 3 });

    const current = await list("charges", "aging=current");
    expect(keysOf(current.rows)).toEqual(["inv2", "inv3"]);
    expect(chargeTotals(current.totals)?.open).toBe("2900.00");
    const d31 = await list("charges", "aging=d31_60");
    expect(keysOf(d31.rows)).toEqual(["dn1", "inv1"]);
    expect(chargeTotals(d31.totals)?.open).toBe("460.00");
    const d61 = await list("charges", "aging=d61_90");
    expect(keysOf(d61.rows)).toEqual(["aj1"]);
    expect((await list("charges", "aging=d180_plus")).rows).toEqual([]);

    const activity = await getAccountActivity(db, { accountIds: [accountA.id], asOf: AS_OF });
    expect(activity.dueSoon[0]).toMatchObject({
      next7: { amount: "580.00", count: 1 },
      next30: { amount: "2900.00", count: 2 },
    });
    const within7 = await list("charges", "dueWithin=7");
    expect(keysOf(within7.rows)).toEqual(["inv3"]);
    expect(chargeTotals(within7.totals)?.open).toBe("580.00");
    const within30 = await list("charges", "dueWithin=30");
    expect(chargeTotals(within30.totals)).toMatchObject({ open: "2900.00", count: 2 });

    const all = await list("charges", "status=open");
    expect(chargeTotals(all.totals)?.open).toBe("6544.00");
  });

  it("refuses filters it cannot read instead of guessing", () => {
    for (const q of ["aging=d1_31", "dueWithin=-1", "dueWithin=abc", "dueWithin=366"])
      expect(Object.keys(parseDocumentListSearchParams(new URLSearchParams(q), "es-MX").errors), q).not.toEqual([]);
  });
});

describe("adjustments are documents too", () => {
  it("have their own tab, charges and credits totalled apart, and are found by search", async () => {
    const adjustments = await list("adjustments");
    expect(keysOf(adjustments.rows)).toEqual(["aj1", "aj2"]);
    expect(adjustments.totals).toEqual([
      { currency: "MXN", effect: "charge", count: 1, amount: "3184.00", open: "3184.00" },
      { currency: "MXN", effect: "credit", count: 1, amount: "50.00", open: "0.00" },
    ]);
    const found = await list("adjustments", `q=${folios.aj1}`);
    expect(keysOf(found.rows)).toEqual(["aj1"]);
    expect(keysOf((await list("charges", `q=${folios.aj1}`)).rows)).toEqual(["aj1"]);
  });
});

describe("notes tab totals", () => {
  it("shows credit notes and debit notes apart, never one sum of both", async () => {
    const notes = await list("notes");
    expect(notes.totals).toEqual([
      { currency: "MXN", effect: "charge", count: 1, amount: "150.00", open: "100.00" },
      { currency: "MXN", effect: "credit", count: 1, amount: "400.00", open: "100.00" },
    ]);
  });
});

describe("payments and credits", () => {
  it("every credit with what it applied and what is left; unapplied adds up to home's", async () => {
    const credits = await list("credits");
    expect(keysOf(credits.rows)).toEqual(["aj2", "nc1", "pay1", "pay2"]);
    expect(credits.totals).toEqual([
      { currency: "MXN", effect: "credit", count: 4, amount: "2610.00", open: "1760.00" },
    ]);
    const byKey = Object.fromEntries(credits.rows.map((r) => [keysOf([r])[0], r]));
    expect(byKey.pay1).toMatchObject({ amount: "1000.00", applied: "500.00", open: "500.00", reference: "SPEI-777" });
    expect(byKey.pay2).toMatchObject({ amount: "1160.00", applied: "0.00", open: "1160.00", status: "open" });
    expect(byKey.aj2).toMatchObject({ applied: "50.00", open: "0.00", status: "applied" });
    expect(byKey.nc1).toMatchObject({ applied: "300.00", open: "100.00" });

    const open = await list("credits", "status=open");
    expect(keysOf(open.rows)).toEqual(["nc1", "pay1", "pay2"]);
    expect(open.totals?.[0].open).toBe("1760.00");
    expect(keysOf((await list("credits", "q=spei-7")).rows)).toEqual(["pay1"]);
  });

  it("lists each application with the reversal that undid it", async () => {
    const apps = await listCreditApplications(db, {
      accountIds: [accountA.id],
      creditIds: [ids.pay1, ids.pay2, ids.nc1],
    });
    const pay1 = apps.get(ids.pay1)!;
    expect(pay1.map((a) => [a.targetId, a.amount, a.appliedOn, a.reversal])).toEqual([
      [ids.inv1, "500.00", "2026-03-01", null],
      [ids.inv3, "200.00", "2026-03-02", { appliedOn: "2026-03-05", reason: "wrong invoice" }],
    ]);
    expect(apps.get(ids.pay2)).toBeUndefined();
    expect(apps.get(ids.nc1)?.map((a) => [a.targetSerieFolio, a.amount])).toEqual([[folios.inv1, "300.00"]]);
    // Another account's credits give nothing, whatever IDs are asked for.
    expect((await listCreditApplications(db, { accountIds: [accountB.id], creditIds: [ids.pay1] })).size).toBe(0);
  });
});

describe("exports carry every row of the filter", () => {
  const input = (tab: ListDocumentsInput["tab"], locale: string, filters = {}) => ({
    list: {
      accountIds: [accountA.id],
      tab,
      filters,
      sort: { sort: "due_date" as const, dir: "asc" as const },
      asOf: AS_OF,
    },
    t: getFixedT("es"),
    locale,
    multiAccount: false,
  });
  // Keeps the BOM (Response.text() would drop it): Excel needs it to read the accents.
  const readCsv = async (stream: ReadableStream<Uint8Array>) =>
    new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());

  it("iterates past the first page, in the list's order, up to its cap", async () => {
    const batches: string[][] = [];
    for await (const batch of iterateDocumentList(db, input("charges", "es-MX").list, { batchSize: 2, max: 100 }))
      batches.push(keysOf(batch) as string[]);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    const capped: number[] = [];
    for await (const batch of iterateDocumentList(db, input("charges", "es-MX").list, { batchSize: 2, max: 3 }))
      capped.push(batch.length);
    expect(capped).toEqual([2, 1]);
  });

  it("es-CO CSV: ';' and decimal comma; es-MX: ',' and a point; the same rows and amounts", async () => {
    expect(csvDialectFor("es-CO")).toEqual({ delimiter: ";", decimal: "," });
    expect(csvAmount("1234.56", csvDialectFor("es-CO"))).toBe("1234,56");
    const co = await readCsv(streamDocumentListCsv(db, input("charges", "es-CO", { status: "overdue" })));
    expect(co.startsWith("\uFEFF")).toBe(true);
    const coLines = co.slice(1).trim().split("\r\n");
    expect(coLines).toHaveLength(4);
    expect(coLines[0].split(";")).toContain("Saldo pendiente");
    const coRows = coLines.slice(1).map((l) => l.split(";"));
    expect(coRows.map((r) => r[0])).toEqual([folios.aj1, folios.dn1, folios.inv1]);
    expect(coRows.map((r) => r[6])).toEqual(["3184,00", "100,00", "360,00"]);

    const mx = parseCsv(await readCsv(streamDocumentListCsv(db, input("charges", "es-MX", { status: "overdue" }))));
    const header = mx[0];
    const open = header.indexOf("Saldo pendiente");
    expect(mx.slice(1).map((r) => r[open])).toEqual(["3184.00", "100.00", "360.00"]);
  });

  it("credits CSV lists what each paid, the reversal marked", async () => {
    const rows = parseCsv(await readCsv(streamDocumentListCsv(db, input("credits", "es-MX"))));
    const header = rows[0];
    const pay1 = rows.find((r) => r[0] === folios.pay1)!;
    expect(pay1[header.indexOf("Sin aplicar")]).toBe("500.00");
    expect(pay1[header.indexOf("Aplicado")]).toBe("500.00");
    expect(pay1[header.indexOf("Aplicado a")]).toBe(
      `${folios.inv1} 500.00 (2026-03-01); ${folios.inv3} 200.00 (2026-03-02) Revertida el 2026-03-05`,
    );
  });

  it("XLSX: amounts are numbers with the currency's format, every row present", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const bytes = new Uint8Array(
      await new Response(streamDocumentListXlsx(db, input("charges", "es-MX"))).arrayBuffer(),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(6);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf("Saldo pendiente") + 1;
    const values = [2, 3, 4, 5, 6].map((r) => sheet.getRow(r).getCell(col).value);
    expect(values).toEqual([3184, 100, 360, 580, 2320]);
    expect(sheet.getRow(2).getCell(col).numFmt).toContain("MXN");
  });
});
