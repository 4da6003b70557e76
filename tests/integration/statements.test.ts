// Statements of account at the edges: opening/movements/closing per currency agree with the ledger,
// aging and open amounts as of a date, the seller's time zone, tenant scoping, and the PDF, XLSX and
// CSV renderings read back.
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import { getAccountBalances } from "~/domain/ledger/get-account-balances.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { DocumentInput } from "~/domain/ledger/schemas";
import { exportStatementCsv } from "~/domain/statements/export-statement-csv.server";
import { exportStatementXlsx } from "~/domain/statements/export-statement-xlsx.server";
import { getStatement } from "~/domain/statements/get-statement.server";
import { renderStatementPdf } from "~/domain/statements/pdf/render-statement-pdf.server";
import { defaultStatementPeriod } from "~/domain/statements/period";
import type { Statement, StatementSection } from "~/domain/statements/types";
import { type Db, queryRows } from "~/utils/db.server";
import { formatMoney } from "~/utils/money";
import { applyCredit } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { parseCsv } from "../setup/read-csv";
import { readPdfPages } from "../setup/read-documents";
import { type Seller, databaseTest } from "../setup/route-test";
import { type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Seller;
let folio = 0;

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  org = seller;
});

type Kind = "invoice" | "debit_note" | "credit_note" | "payment" | "adjustment";
const SERIES: Record<Kind, string> = {
  invoice: "A",
  debit_note: "ND",
  credit_note: "NC",
  payment: "P",
  adjustment: "AJ",
};

async function issue(
  accountId: string,
  kind: Kind,
  amount: string,
  issueDate: string,
  extra: Partial<Pick<DocumentInput, "dueDate" | "currency" | "effect" | "notes" | "reference" | "fiscalId">> = {},
): Promise<string> {
  folio += 1;
  const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
    { accountId, kind, series: SERIES[kind], folio: String(folio), issueDate, currency: "MXN", amount, ...extra },
  ]);
  return doc.id;
}
const apply = (sourceId: string, targetId: string, amount: string, appliedOn: string) =>
  applyCredit(db, SYSTEM_ACTOR, { sourceId, targetId, amount, appliedOn });

async function statementOf(accountId: string, from: string, to: string, asOf?: string): Promise<Statement> {
  const s = await getStatement(db, { accountId, accountIds: [accountId], from, to, asOf });
  expect(s).not.toBeNull();
  return s!;
}
const section = (s: Statement, currency = "MXN"): StatementSection => s.sections.find((x) => x.currency === currency)!;

/** The ledger's own balance at a date, per currency, from getAccountBalances (not from the statement). */
async function ledgerBalance(accountId: string, asOf: string, currency = "MXN"): Promise<string> {
  const balances = await getAccountBalances(db, [accountId], asOf);
  return balances.find((b) => b.currency === currency)?.balance ?? "0.00";
}

function expectRunningBalanceConsistent(sec: StatementSection) {
  let running = new Decimal(sec.openingBalance);
  for (const m of sec.movements) {
    running = m.charge ? running.plus(m.charge) : running.minus(m.credit!);
    expect(m.balance).toBe(running.toFixed(2));
    expect((m.charge === null) !== (m.credit === null)).toBe(true);
  }
  expect(sec.closingBalance).toBe(running.toFixed(2));
}

describe("statement of account", () => {
  let acct: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    acct = (await createTestAccount(db, org, { paymentTermDays: 30 })).id;
    // December: an invoice partly paid, so January opens at 700.
    ids.i0 = await issue(acct, "invoice", "1000.00", "2025-12-15", {
      fiscalId: "11111111-2222-3333-4444-000000000000",
    });
    ids.p0 = await issue(acct, "payment", "300.00", "2025-12-20", { reference: "SPEI 123" });
    await apply(ids.p0, ids.i0, "300.00", "2025-12-20");
    // January.
    ids.i1 = await issue(acct, "invoice", "2000.00", "2026-01-05");
    ids.i2 = await issue(acct, "invoice", "500.50", "2026-01-10", { notes: 'Pedido OC-77, "urgente"\nsegunda línea' });
    ids.nc1 = await issue(acct, "credit_note", "300.00", "2026-01-20", { notes: "Bonificación enero" });
    await apply(ids.nc1, ids.i1, "100.00", "2026-01-20");
    // One payment over several invoices, partial on the second.
    ids.p1 = await issue(acct, "payment", "1500.00", "2026-01-25");
    await applyCredits(db, SYSTEM_ACTOR, [
      { sourceId: ids.p1, targetId: ids.i0, amount: "700.00", appliedOn: "2026-01-25" },
      { sourceId: ids.p1, targetId: ids.i1, amount: "800.00", appliedOn: "2026-01-25" },
    ]);
    ids.adjCredit = await issue(acct, "adjustment", "25.00", "2026-01-28", { effect: "credit" });
    ids.adjCharge = await issue(acct, "adjustment", "10.00", "2026-01-29", { effect: "charge" });
    ids.dn1 = await issue(acct, "debit_note", "50.00", "2026-01-31");
    // February: the January credit note's remainder applied, and a later payment.
    await apply(ids.nc1, ids.i2, "200.00", "2026-02-05");
    ids.p2 = await issue(acct, "payment", "1000.00", "2026-02-08");
    await apply(ids.p2, ids.i1, "1000.00", "2026-02-08");
  });

  it("opens at the balance of the day before, lists the period's movements in date order with a running balance, and closes at the ledger balance", async () => {
    const s = await statementOf(acct, "2026-01-01", "2026-01-31");
    const sec = section(s);
    expect(s.sections.map((x) => x.currency)).toEqual(["MXN"]);
    expect(sec.openingBalance).toBe("700.00");
    expect(sec.openingBalance).toBe(await ledgerBalance(acct, "2025-12-31"));
    expect(sec.movements.map((m) => [m.documentId, m.charge, m.credit, m.balance])).toEqual([
      [ids.i1, "2000.00", null, "2700.00"],
      [ids.i2, "500.50", null, "3200.50"],
      [ids.nc1, null, "300.00", "2900.50"],
      [ids.p1, null, "1500.00", "1400.50"],
      [ids.adjCredit, null, "25.00", "1375.50"],
      [ids.adjCharge, "10.00", null, "1385.50"],
      [ids.dn1, "50.00", null, "1435.50"],
    ]);
    expect(sec.totalCharges).toBe("2560.50");
    expect(sec.totalCredits).toBe("1825.00");
    expect(sec.closingBalance).toBe("1435.50");
    expect(sec.closingBalance).toBe(await ledgerBalance(acct, "2026-01-31"));
    expectRunningBalanceConsistent(sec);
    const i2 = sec.movements[1];
    expect(i2).toMatchObject({
      kind: "invoice",
      serieFolio: expect.stringMatching(/^A-\d+$/),
      issueDate: "2026-01-10",
      dueDate: "2026-02-09",
    });
    expect(i2.description).toContain("OC-77");
    expect(i2.disputed).toBeNull(); // no open claim disputes it
    expect(s.customer).toMatchObject({ paymentTermDays: 30, creditLimit: "500000.00", currency: "MXN" });
    expect(s.seller).toMatchObject({
      legalName: "Aceros del Norte SA de CV",
      taxId: "ANO010101AB1",
      timeZone: "America/Mexico_City",
    });
    // Every month of the history closes at the ledger balance and the next one opens there.
    for (const [from, to] of [
      ["2025-12-01", "2025-12-31"],
      ["2026-02-01", "2026-02-28"],
    ]) {
      const other = section(await statementOf(acct, from, to));
      expect(other.closingBalance).toBe(await ledgerBalance(acct, to));
      expectRunningBalanceConsistent(other);
    }
  });

  it("ages at the period end: partial payments and the credit note's later application do not count yet", async () => {
    const sec = section(await statementOf(acct, "2026-01-01", "2026-01-31"));
    const open = Object.fromEntries(sec.movements.map((m) => [m.documentId, m.openAmount]));
    expect(open).toEqual({
      [ids.i1]: "1100.00",
      [ids.i2]: "500.50",
      [ids.nc1]: null,
      [ids.p1]: null,
      [ids.adjCredit]: null,
      [ids.adjCharge]: "10.00",
      [ids.dn1]: "50.00",
    });
    expect(sec.movements.every((m) => m.overdue === false)).toBe(true);
    expect(sec.aging).toMatchObject({
      asOf: "2026-01-31",
      openCharges: "1660.50",
      unappliedCredits: "225.00",
      balance: "1435.50",
      overdue: "0.00",
    });
    expect(sec.aging.buckets.current).toEqual({ amount: "1660.50", count: 4 });
    // Without an as-of date the aging is exactly the ledger's aging at the period end.
    const [ledger] = await getAccountBalances(db, [acct], "2026-01-31");
    expect(sec.aging.buckets).toEqual(ledger.aging);
    expect(sec.aging.balance).toBe(ledger.balance);
  });

  it("as of a date before a later payment, the invoice is still open (and overdue); after it, it is not", async () => {
    const before = section(await statementOf(acct, "2026-01-01", "2026-01-31", "2026-02-05"));
    const i1Before = before.movements.find((m) => m.documentId === ids.i1)!;
    expect(i1Before).toMatchObject({ openAmount: "1100.00", overdue: true }); // due 02-04, payment came 02-08
    expect(before.movements.find((m) => m.documentId === ids.i2)).toMatchObject({
      openAmount: "300.50",
      overdue: false,
    }); // NC applied 02-05
    expect(before.aging.buckets.d1_30).toEqual({ amount: "1100.00", count: 1 });
    // The statement's balances do not move with the as-of date; only open amounts and aging do.
    expect(before.closingBalance).toBe("1435.50");

    const after = section(await statementOf(acct, "2026-01-01", "2026-01-31", "2026-02-10"));
    expect(after.movements.find((m) => m.documentId === ids.i1)).toMatchObject({ openAmount: "100.00", overdue: true });
    expect(after.movements.find((m) => m.documentId === ids.i2)).toMatchObject({ openAmount: "300.50", overdue: true });
    expect(after.aging.buckets.d1_30).toEqual({ amount: "400.50", count: 2 });
    // Only documents on or before the period end are aged: February's payment is not an unapplied credit here.
    expect(after.aging).toMatchObject({ openCharges: "460.50", unappliedCredits: "25.00", balance: "435.50" });
  });

  it("answers null for an account outside the caller's accounts", async () => {
    const other = (await createTestAccount(db, org)).id;
    expect(
      await getStatement(db, { accountId: acct, accountIds: [other], from: "2026-01-01", to: "2026-01-31" }),
    ).toBeNull();
    expect(
      await getStatement(db, { accountId: acct, accountIds: [], from: "2026-01-01", to: "2026-01-31" }),
    ).toBeNull();
    expect(
      await getStatement(db, {
        accountId: "no-such-account",
        accountIds: ["no-such-account"],
        from: "2026-01-01",
        to: "2026-01-31",
      }),
    ).toBeNull();
    const own = await getStatement(db, {
      accountId: other,
      accountIds: [other, acct],
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(own?.sections).toEqual([
      expect.objectContaining({ currency: "MXN", openingBalance: "0.00", closingBalance: "0.00", movements: [] }),
    ]);
  });

  it("refuses a reversed period", async () => {
    await expect(
      getStatement(db, { accountId: acct, accountIds: [acct], from: "2026-02-01", to: "2026-01-31" }),
    ).rejects.toThrow();
  });
});

describe("returned cheque", () => {
  it("a reversed application reopens the invoice without changing the balance; the returned-cheque charge and fee then raise it", async () => {
    const acct = (await createTestAccount(db, org, { paymentTermDays: 30 })).id;
    const inv = await issue(acct, "invoice", "1000.00", "2026-03-01", { dueDate: "2026-03-31" });
    const cheque = await issue(acct, "payment", "1000.00", "2026-03-10", { reference: "Cheque 4471" });
    const applied = await apply(cheque, inv, "1000.00", "2026-03-10");

    const paid = section(await statementOf(acct, "2026-03-01", "2026-03-31"));
    expect(paid.closingBalance).toBe("0.00");
    expect(paid.movements[0].openAmount).toBe("0.00");
    expect(paid.aging.openCharges).toBe("0.00");

    await reverseApplication(db, SYSTEM_ACTOR, {
      applicationId: applied,
      reversedOn: "2026-03-20",
      reason: "cheque devuelto",
    });
    const reversed = section(await statementOf(acct, "2026-03-01", "2026-03-31"));
    // Same movements and balance: a reversal moves money between documents, it is not a movement.
    expect(reversed.movements.map((m) => m.balance)).toEqual(paid.movements.map((m) => m.balance));
    expect(reversed.closingBalance).toBe("0.00");
    expect(reversed.closingBalance).toBe(await ledgerBalance(acct, "2026-03-31"));
    // …but the invoice is open again and the cheque is an unapplied credit.
    expect(reversed.movements[0].openAmount).toBe("1000.00");
    expect(reversed.aging).toMatchObject({ openCharges: "1000.00", unappliedCredits: "1000.00", balance: "0.00" });
    // As of a date before the reversal it was paid.
    const asOfBefore = section(await statementOf(acct, "2026-03-01", "2026-03-31", "2026-03-15"));
    expect(asOfBefore.movements[0].openAmount).toBe("0.00");

    // As the demo seed does: the bounced amount is charged back by a debit note the cheque's credit is
    // applied to (so the cheque no longer counts as money received), plus the 20% fee (art. 193 LGTOC).
    const chargeBack = await issue(acct, "debit_note", "1000.00", "2026-03-20", {
      dueDate: "2026-03-20",
      notes: "Cheque devuelto 4471",
    });
    await apply(cheque, chargeBack, "1000.00", "2026-03-20");
    await issue(acct, "debit_note", "200.00", "2026-03-20", {
      dueDate: "2026-03-20",
      notes: "Comisión 20% cheque devuelto",
    });
    const after = section(await statementOf(acct, "2026-03-01", "2026-04-10"));
    expect(after.closingBalance).toBe("1200.00");
    expect(after.closingBalance).toBe(await ledgerBalance(acct, "2026-04-10"));
    expectRunningBalanceConsistent(after);
    expect(after.aging).toMatchObject({ openCharges: "1200.00", unappliedCredits: "0.00", overdue: "1200.00" });
    expect(after.aging.buckets.d1_30).toEqual({ amount: "1200.00", count: 2 }); // invoice 10 days, fee 21 days
  });
});

describe("time zone and currencies", () => {
  it("defaults to the current month in the seller's time zone: due today is current, due yesterday is 1-30", async () => {
    const acct = (await createTestAccount(db, org)).id;
    const dueToday = await issue(acct, "invoice", "100.00", "2026-03-01", { dueDate: "2026-03-09" });
    const dueYesterday = await issue(acct, "invoice", "40.00", "2026-03-01", { dueDate: "2026-03-08" });
    // 03:00 UTC on the 10th is still 21:00 on the 9th in Mexico City.
    const now = new Date("2026-03-10T03:00:00Z");
    expect(defaultStatementPeriod("America/Mexico_City", now)).toEqual({ from: "2026-03-01", to: "2026-03-09" });
    expect(defaultStatementPeriod("America/Bogota", now)).toEqual({ from: "2026-03-01", to: "2026-03-09" });
    expect(defaultStatementPeriod("UTC", now)).toEqual({ from: "2026-03-01", to: "2026-03-10" });
    expect(defaultStatementPeriod("America/Mexico_City", new Date("2026-04-01T05:59:59Z")).from).toBe("2026-03-01");

    const s = (await getStatement(db, { accountId: acct, accountIds: [acct], now }))!;
    expect(s.period).toEqual({ from: "2026-03-01", to: "2026-03-09" });
    const sec = section(s);
    expect(sec.movements.find((m) => m.documentId === dueToday)).toMatchObject({
      overdue: false,
      openAmount: "100.00",
    });
    expect(sec.movements.find((m) => m.documentId === dueYesterday)).toMatchObject({
      overdue: true,
      openAmount: "40.00",
    });
    expect(sec.aging.buckets.current).toEqual({ amount: "100.00", count: 1 });
    expect(sec.aging.buckets.d1_30).toEqual({ amount: "40.00", count: 1 });
  });

  it("keeps each currency in its own section and never sums them", async () => {
    const acct = (await createTestAccount(db, org)).id;
    await issue(acct, "invoice", "1000.00", "2026-01-10");
    const usdInv = await issue(acct, "invoice", "100.00", "2026-01-12", { currency: "USD" });
    const usdPay = await issue(acct, "payment", "40.00", "2026-01-15", { currency: "USD" });
    await apply(usdPay, usdInv, "40.00", "2026-01-15");
    const s = await statementOf(acct, "2026-01-01", "2026-01-31");
    expect(s.sections.map((x) => [x.currency, x.closingBalance])).toEqual([
      ["MXN", "1000.00"],
      ["USD", "60.00"],
    ]);
    expect(section(s, "USD").movements.every((m) => m.balance !== "1060.00")).toBe(true);
    expect(section(s, "MXN").closingBalance).toBe(await ledgerBalance(acct, "2026-01-31", "MXN"));
    expect(section(s, "USD").closingBalance).toBe(await ledgerBalance(acct, "2026-01-31", "USD"));
    expect(section(s, "USD").aging.buckets.current).toEqual({ amount: "60.00", count: 1 });
    expect(section(s, "MXN").aging.buckets.current).toEqual({ amount: "1000.00", count: 1 });
  });

  it("leaves cancelled documents out of movements, opening and aging alike", async () => {
    const acct = (await createTestAccount(db, org)).id;
    await issue(acct, "invoice", "300.00", "2025-12-10");
    const cancelledOld = await issue(acct, "invoice", "999.00", "2025-12-11");
    await issue(acct, "invoice", "200.00", "2026-01-10");
    const cancelledNew = await issue(acct, "invoice", "777.00", "2026-01-11");
    // No cancellation operation exists yet in the ledger; mark them as the future one will.
    await db.execute(sql`update documents set status = 'cancelled' where id in (${cancelledOld}, ${cancelledNew})`);
    const sec = section(await statementOf(acct, "2026-01-01", "2026-01-31"));
    expect(sec.openingBalance).toBe("300.00");
    expect(sec.movements.map((m) => m.charge)).toEqual(["200.00"]);
    expect(sec.closingBalance).toBe(await ledgerBalance(acct, "2026-01-31"));
    expect(sec.aging.openCharges).toBe("500.00");
  });
});

describe("renderings", () => {
  let statement: Statement;

  beforeAll(async () => {
    const acct = (await createTestAccount(db, org)).id;
    await issue(acct, "invoice", "12345.67", "2026-04-20");
    const docs: DocumentInput[] = [];
    for (let i = 0; i < 300; i += 1) {
      folio += 1;
      const day = String(1 + (i % 30)).padStart(2, "0");
      const isPayment = i % 4 === 3;
      docs.push({
        accountId: acct,
        kind: isPayment ? "payment" : "invoice",
        series: isPayment ? "P" : "A",
        folio: String(folio),
        issueDate: `2026-05-${day}`,
        currency: "MXN",
        amount: `${1000 + i}.${String(i % 100).padStart(2, "0")}`,
        fiscalId: isPayment ? null : `9A1B2C3D-0000-4000-8000-${String(folio).padStart(12, "0")}`,
        notes: i === 5 ? 'Entrega parcial, "urgente"\nsegunda línea' : null,
      });
    }
    await issueDocuments(db, SYSTEM_ACTOR, docs);
    await issue(acct, "invoice", "99.99", "2026-05-31", { currency: "USD" });
    statement = await statementOf(acct, "2026-05-01", "2026-05-31");
    expect(section(statement).movements).toHaveLength(300);
  });

  const normalizeSpaces = (s: string) => s.replace(/\s+/g, " ");

  it("renders a multi-page PDF with the header and 'Página X de Y' on every page, and the closing balance of getStatement", async () => {
    const pages = await readPdfPages(await renderStatementPdf(statement, { language: "es", locale: "es-MX" }));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(text).toContain("Aceros del Norte SA de CV");
      expect(text).toContain(statement.customer.legalName);
      expect(text).toContain("Saldo");
    });
    const all = pages.join(" ");
    for (const sec of statement.sections) {
      const opening = normalizeSpaces(formatMoney(sec.openingBalance, sec.currency, "es-MX"));
      const closing = normalizeSpaces(formatMoney(sec.closingBalance, sec.currency, "es-MX"));
      expect(all).toMatch(new RegExp(`Saldo inicial ${escapeRegExp(opening)}`));
      expect(all).toMatch(new RegExp(`Saldo final ${escapeRegExp(closing)}`));
    }
    expect(all).toContain("$12,345.67"); // May opens at April's invoice
    expect(all).toContain("Antigüedad de saldos");
  });

  it("renders English labels, Colombian money formatting and one block per currency", async () => {
    const acct = (await createTestAccount(db, org)).id;
    await issue(acct, "invoice", "1234567.89", "2026-05-02");
    const usdInv = await issue(acct, "invoice", "250.00", "2026-05-03", { currency: "USD" });
    const usdPay = await issue(acct, "payment", "100.00", "2026-05-04", { currency: "USD" });
    await apply(usdPay, usdInv, "100.00", "2026-05-04");
    const small = await statementOf(acct, "2026-05-01", "2026-05-31");
    const pages = await readPdfPages(await renderStatementPdf(small, { language: "en", locale: "es-CO" }));
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
    const all = pages.join(" ");
    for (const sec of small.sections) {
      const closing = normalizeSpaces(formatMoney(sec.closingBalance, sec.currency, "es-CO"));
      expect(all).toMatch(new RegExp(`Closing balance ${escapeRegExp(closing)}`));
    }
    expect(all).toContain("1.234.567,89");
    expect(all).toMatch(/Currency\s*:\s*USD/);
    expect(all).not.toContain("1.234.717,89"); // MXN + USD never summed
  });

  it("exports XLSX with numeric money cells and date cells whose totals reproduce the closing balance", async () => {
    const bytes = await exportStatementXlsx(statement, { language: "es", locale: "es-MX" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Movimientos")!;
    expect(workbook.getWorksheet("Antigüedad")).toBeDefined();
    const rows: {
      currency: string;
      type: string;
      date: unknown;
      charge: unknown;
      credit: unknown;
      balance: unknown;
      format: string;
    }[] = [];
    sheet.eachRow((row) => {
      const currency = row.getCell(1).value;
      if (currency === "MXN" || currency === "USD") {
        rows.push({
          currency,
          type: String(row.getCell(4).value),
          date: row.getCell(2).value,
          charge: row.getCell(8).value,
          credit: row.getCell(9).value,
          balance: row.getCell(10).value,
          format: row.getCell(10).numFmt,
        });
      }
    });
    for (const sec of statement.sections) {
      const own = rows.filter((r) => r.currency === sec.currency);
      expect(own).toHaveLength(sec.movements.length + 2);
      for (const r of own) {
        expect(r.date).toBeInstanceOf(Date);
        expect(typeof r.balance).toBe("number");
        if (r.charge !== null) expect(typeof r.charge).toBe("number");
        if (r.credit !== null) expect(typeof r.credit).toBe("number");
        expect(r.format).toContain(sec.currency);
      }
      const opening = own[0];
      const closing = own[own.length - 1];
      expect(opening.type).toBe("Saldo inicial");
      expect(closing.type).toBe("Saldo final");
      // Sum with decimal.js from the cells' two-decimal renderings (no float accumulation).
      let total = new Decimal((opening.balance as number).toFixed(2));
      for (const r of own.slice(1, -1)) {
        if (r.charge !== null) total = total.plus((r.charge as number).toFixed(2));
        if (r.credit !== null) total = total.minus((r.credit as number).toFixed(2));
      }
      expect(total.toFixed(2)).toBe(sec.closingBalance);
      expect((closing.balance as number).toFixed(2)).toBe(sec.closingBalance);
      expect((closing.date as Date).toISOString().slice(0, 10)).toBe(statement.period.to);
    }
  });

  it("exports RFC 4180 CSV with a BOM that parses back to the statement", async () => {
    const bytes = exportStatementCsv(statement, { language: "es" });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith("\r\n")).toBe(true);
    const records = parseCsv(text.slice(1));
    expect(records[0]).toEqual([
      "Moneda",
      "Fecha",
      "Vence",
      "Documento",
      "Tipo de fila",
      "Concepto",
      "Folio fiscal",
      "Cargo",
      "Abono",
      "Saldo",
      "Pendiente",
      "Vencido",
      "En aclaración",
    ]);
    const expected: string[][] = [];
    for (const sec of statement.sections) {
      expected.push([
        sec.currency,
        statement.period.from,
        "",
        "",
        "Saldo inicial",
        "",
        "",
        "",
        "",
        sec.openingBalance,
        "",
        "",
        "",
      ]);
      for (const m of sec.movements) {
        expected.push([
          sec.currency,
          m.issueDate,
          m.effect === "charge" ? m.dueDate : "",
          m.serieFolio,
          m.kind === "payment" ? "Pago" : "Factura",
          m.description ?? "",
          m.fiscalId ?? "",
          m.charge ?? "",
          m.credit ?? "",
          m.balance,
          m.openAmount ?? "",
          m.effect === "charge" ? (m.overdue ? "Sí" : "No") : "",
          m.disputed ?? "",
        ]);
      }
      expected.push([
        sec.currency,
        statement.period.to,
        "",
        "",
        "Saldo final",
        "",
        "",
        "",
        "",
        sec.closingBalance,
        "",
        "",
        "",
      ]);
    }
    expect(records.slice(1)).toEqual(expected);
    expect(records.some((r) => r[5] === 'Entrega parcial, "urgente"\nsegunda línea')).toBe(true);
  });
});

describe("performance", () => {
  it("builds a one-month statement of an account with 20,000 ledger rows quickly", async () => {
    const acct = (await createTestAccount(db, org)).id;
    // Bulk rows straight in SQL (issuing 20,000 audited documents would dominate the test's time):
    // ten years of daily-ish invoices and payments, each payment applied to its invoice.
    await db.execute(sql`
      insert into documents (id, seller_id, account_id, kind, effect, series, folio, issue_date, due_date, currency, amount)
      select 'perf-' || k || '-' || g, ${org.seller.id}, ${acct}, k::document_kind, (case when k = 'invoice' then 'charge' else 'credit' end)::document_effect,
             case when k = 'invoice' then 'PF' else 'PP' end, g::text,
             date '2016-01-01' + (g / 3), date '2016-01-01' + (g / 3) + case when k = 'invoice' then 30 else 0 end,
             'MXN', (1000 + g % 997)::numeric(18,2)
      from generate_series(1, 10000) g, unnest(array['invoice', 'payment']) k`);
    await db.execute(sql`
      insert into applications (id, source_id, target_id, amount, currency, applied_on)
      select 'perf-app-' || g, 'perf-payment-' || g, 'perf-invoice-' || g, (1000 + g % 997)::numeric(18,2) - (g % 2), 'MXN', date '2016-01-01' + (g / 3)
      from generate_series(1, 10000) g`);
    await db.execute(sql`analyze documents`);
    await db.execute(sql`analyze applications`);
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from documents where account_id = ${acct}`,
    );
    expect(n).toBe(20000);

    await statementOf(acct, "2024-06-01", "2024-06-30"); // warm
    const started = performance.now();
    const s = await statementOf(acct, "2024-07-01", "2024-07-31");
    const ms = performance.now() - started;
    console.info(`statement of one month over 20,000 ledger rows: ${ms.toFixed(0)} ms`);
    const sec = section(s);
    expect(sec.movements.length).toBeGreaterThan(150);
    expect(sec.closingBalance).toBe(await ledgerBalance(acct, "2024-07-31"));
    expect(ms).toBeLessThan(2000);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
