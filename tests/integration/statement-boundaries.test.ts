// The statement of account at its date edges, which its SQL decides (Stryker does not mutate SQL in
// template strings, so each edge is pinned here by hand): a document issued on the period's first
// day is a movement and not part of the opening balance; one issued on the last day is a movement;
// aging at a date counts a payment applied on that date and documents issued on it, but nothing
// issued after the aging date or after the period end; sections per currency, account currency first.
import { describe, expect, it } from "vitest";
import { getStatement } from "~/domain/statements/get-statement.server";
import type { Statement, StatementSection } from "~/domain/statements/types";
import type { Db } from "~/utils/db.server";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { type Seller, databaseTest } from "../setup/route-test";
import { type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Seller;

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  org = seller;
});

const FROM = "2026-05-01";
const TO = "2026-05-31";

const newAccount = async () => (await createTestAccount(db, org, { paymentTermDays: 30 })).id;
async function statementOf(accountId: string, asOf?: string, from = FROM, to = TO): Promise<Statement> {
  const s = await getStatement(db, { accountId, accountIds: [accountId], from, to, asOf });
  expect(s).not.toBeNull();
  return s!;
}
const mxn = (s: Statement): StatementSection => s.sections.find((x) => x.currency === "MXN")!;

describe("period edges", () => {
  it("a document issued on the period's first day is a movement, not part of the opening balance; one issued the day before is", async () => {
    const acct = await newAccount();
    await issueDocument(db, acct, "invoice", "10.00", "2026-04-30");
    const first = await issueDocument(db, acct, "invoice", "200.00", FROM);
    const firstPay = await issueDocument(db, acct, "payment", "3.00", FROM);
    const sec = mxn(await statementOf(acct));
    expect(sec.openingBalance).toBe("10.00");
    expect(sec.movements.map((m) => m.documentId)).toEqual([first, firstPay]);
    expect(sec.closingBalance).toBe("207.00");
  });

  it("a document issued on the period's last day is a movement; one issued the day after is not", async () => {
    const acct = await newAccount();
    const last = await issueDocument(db, acct, "invoice", "50.00", TO);
    await issueDocument(db, acct, "invoice", "9000.00", "2026-06-01");
    await issueDocument(db, acct, "payment", "800.00", "2026-06-01");
    const sec = mxn(await statementOf(acct));
    expect(sec.openingBalance).toBe("0.00");
    expect(sec.movements.map((m) => m.documentId)).toEqual([last]);
    expect(sec.closingBalance).toBe("50.00");
    expect(sec.aging.openCharges).toBe("50.00");
  });

  it("a one-day period holds that day's documents only", async () => {
    const acct = await newAccount();
    await issueDocument(db, acct, "invoice", "1.00", "2026-05-14");
    const day = await issueDocument(db, acct, "invoice", "2.00", "2026-05-15");
    await issueDocument(db, acct, "invoice", "4.00", "2026-05-16");
    const sec = mxn(await statementOf(acct, undefined, "2026-05-15", "2026-05-15"));
    expect(sec.openingBalance).toBe("1.00");
    expect(sec.movements.map((m) => m.documentId)).toEqual([day]);
    expect(sec.closingBalance).toBe("3.00");
  });

  it("on one day, charges come before credits and folios in number order (999 before 1000), so the running balance reads in that order", async () => {
    const acct = await newAccount();
    const pay = await issueDocument(db, acct, "payment", "5.00", "2026-05-10", { series: "P", folio: "S-1" });
    const f1000 = await issueDocument(db, acct, "invoice", "100.00", "2026-05-10", { series: "S", folio: "1000" });
    const f999 = await issueDocument(db, acct, "invoice", "10.00", "2026-05-10", { series: "S", folio: "999" });
    const sec = mxn(await statementOf(acct));
    expect(sec.movements.map((m) => [m.documentId, m.balance])).toEqual([
      [f999, "10.00"],
      [f1000, "110.00"],
      [pay, "105.00"],
    ]);
  });
});

describe("aging date edges", () => {
  it("a payment applied on the aging date counts in the aging and the movement's open amount; applied the day after, it does not", async () => {
    const acct = await newAccount();
    const inv = await issueDocument(db, acct, "invoice", "1000.00", "2026-05-02", { dueDate: "2026-05-10" });
    const pay = await issueDocument(db, acct, "payment", "400.00", "2026-05-03");
    await applyAmount(db, pay, inv, "400.00", "2026-05-20");

    const on = mxn(await statementOf(acct, "2026-05-20"));
    expect(on.movements.find((m) => m.documentId === inv)!.openAmount).toBe("600.00");
    expect(on.aging).toMatchObject({ openCharges: "600.00", unappliedCredits: "0.00", balance: "600.00" });
    expect(on.aging.buckets.d1_30).toEqual({ amount: "600.00", count: 1 });

    const dayBefore = mxn(await statementOf(acct, "2026-05-19"));
    expect(dayBefore.movements.find((m) => m.documentId === inv)!.openAmount).toBe("1000.00");
    expect(dayBefore.aging).toMatchObject({ openCharges: "1000.00", unappliedCredits: "400.00", balance: "600.00" });
  });

  it("without an as-of date the aging is at the period end: a payment applied on the last day counts", async () => {
    const acct = await newAccount();
    const inv = await issueDocument(db, acct, "invoice", "100.00", "2026-05-02", { dueDate: "2026-05-02" });
    const pay = await issueDocument(db, acct, "payment", "100.00", "2026-05-03");
    await applyAmount(db, pay, inv, "30.00", TO);
    const sec = mxn(await statementOf(acct));
    expect(sec.aging.asOf).toBe(TO);
    expect(sec.movements.find((m) => m.documentId === inv)!.openAmount).toBe("70.00");
    expect(sec.aging).toMatchObject({ openCharges: "70.00", unappliedCredits: "70.00", overdue: "70.00" });
  });

  it("aging at a date inside the period: a charge issued on the aging date is aged; one issued after it is listed but has no open amount and is not aged", async () => {
    const acct = await newAccount();
    const onDate = await issueDocument(db, acct, "invoice", "80.00", "2026-05-15", { dueDate: "2026-05-15" });
    const later = await issueDocument(db, acct, "invoice", "700.00", "2026-05-16", { dueDate: "2026-05-16" });
    const laterPay = await issueDocument(db, acct, "payment", "5.00", "2026-05-16");
    const sec = mxn(await statementOf(acct, "2026-05-15"));
    expect(sec.movements.map((m) => [m.documentId, m.openAmount, m.overdue])).toEqual([
      [onDate, "80.00", false],
      [later, null, false],
      [laterPay, null, false],
    ]);
    expect(sec.aging).toMatchObject({ asOf: "2026-05-15", openCharges: "80.00", unappliedCredits: "0.00" });
    expect(sec.aging.buckets.current).toEqual({ amount: "80.00", count: 1 });
    expect(sec.closingBalance).toBe("775.00"); // the balance still counts every movement of the period
  });

  it("aging at a date after the period: documents issued after the period end are not aged, even if issued before the aging date", async () => {
    const acct = await newAccount();
    const lastDay = await issueDocument(db, acct, "invoice", "60.00", TO, { dueDate: TO });
    await issueDocument(db, acct, "invoice", "9000.00", "2026-06-05", { dueDate: "2026-06-05" });
    await issueDocument(db, acct, "payment", "500.00", "2026-06-05");
    const sec = mxn(await statementOf(acct, "2026-06-10"));
    expect(sec.movements.map((m) => [m.documentId, m.openAmount, m.overdue])).toEqual([[lastDay, "60.00", true]]);
    expect(sec.aging).toMatchObject({
      asOf: "2026-06-10",
      openCharges: "60.00",
      unappliedCredits: "0.00",
      overdue: "60.00",
    });
    expect(sec.aging.buckets.d1_30).toEqual({ amount: "60.00", count: 1 }); // 10 days past due
  });

  it("a charge paid in full by the aging date is not overdue, though due before it; a credit is never overdue", async () => {
    const acct = await newAccount();
    const inv = await issueDocument(db, acct, "invoice", "100.00", "2026-05-02", { dueDate: "2026-05-05" });
    const pay = await issueDocument(db, acct, "payment", "100.00", "2026-05-03");
    await applyAmount(db, pay, inv, "100.00", "2026-05-04");
    const sec = mxn(await statementOf(acct));
    expect(sec.movements.map((m) => [m.documentId, m.openAmount, m.overdue])).toEqual([
      [inv, "0.00", false],
      [pay, null, false],
    ]);
    expect(sec.aging.overdue).toBe("0.00");
  });
});

describe("sections per currency", () => {
  it("the account's currency comes first, then the others in alphabetical order, whatever order they turn up in", async () => {
    // USD turns up first (in the opening balance), COP later (a movement); MXN, the account's, has nothing.
    const acct = await newAccount();
    await issueDocument(db, acct, "invoice", "1.00", "2026-04-10", { currency: "USD" });
    await issueDocument(db, acct, "invoice", "2.00", "2026-05-10", { currency: "COP" });
    const s = await statementOf(acct);
    expect(s.sections.map((x) => [x.currency, x.openingBalance, x.closingBalance])).toEqual([
      ["MXN", "0.00", "0.00"],
      ["COP", "0.00", "2.00"],
      ["USD", "1.00", "1.00"],
    ]);
  });

  it("each currency opens at its own balance", async () => {
    const acct = await newAccount();
    await issueDocument(db, acct, "invoice", "10.00", "2026-04-10");
    await issueDocument(db, acct, "invoice", "25.00", "2026-04-10", { currency: "USD" });
    await issueDocument(db, acct, "payment", "4.00", "2026-04-11", { currency: "USD" });
    const s = await statementOf(acct);
    expect(s.sections.map((x) => [x.currency, x.openingBalance, x.closingBalance])).toEqual([
      ["MXN", "10.00", "10.00"],
      ["USD", "21.00", "21.00"],
    ]);
  });

  it("a currency with only an opening balance gets a section; one whose opening is zero and that has nothing open or moving gets none", async () => {
    const acct = await newAccount();
    await issueDocument(db, acct, "invoice", "25.00", "2026-04-10", { currency: "USD" });
    const copInv = await issueDocument(db, acct, "invoice", "300.00", "2026-04-10", { currency: "COP" });
    const copPay = await issueDocument(db, acct, "payment", "300.00", "2026-04-11", { currency: "COP" });
    await applyAmount(db, copPay, copInv, "300.00", "2026-04-11");
    const s = await statementOf(acct);
    expect(
      s.sections.map((x) => [x.currency, x.openingBalance, x.closingBalance, x.movements.length, x.aging.openCharges]),
    ).toEqual([
      ["MXN", "0.00", "0.00", 0, "0.00"],
      ["USD", "25.00", "25.00", 0, "25.00"],
    ]);
  });

  it("a currency with a non-zero opening balance gets a section even with nothing of it open at the aging date", async () => {
    // USD 25 owed since April, paid by a payment issued and applied after the period but before the
    // aging date: nothing is open on 06-10 (the payment is after the period, so not aged either).
    const acct = await newAccount();
    const inv = await issueDocument(db, acct, "invoice", "25.00", "2026-04-10", { currency: "USD" });
    const pay = await issueDocument(db, acct, "payment", "25.00", "2026-06-05", { currency: "USD" });
    await applyAmount(db, pay, inv, "25.00", "2026-06-05");
    const s = await statementOf(acct, "2026-06-10");
    const usd = s.sections.find((x) => x.currency === "USD");
    expect(usd).toMatchObject({ openingBalance: "25.00", closingBalance: "25.00", movements: [] });
    expect(usd!.aging).toMatchObject({ openCharges: "0.00", unappliedCredits: "0.00" });
  });

  it("a currency with an open item from before the period but a zero opening balance still gets a section, for its aging", async () => {
    // USD: an invoice of 40 and an unapplied payment of 40 before the period: opening 0, but both are open.
    const acct = await newAccount();
    await issueDocument(db, acct, "invoice", "40.00", "2026-04-10", { currency: "USD", dueDate: "2026-04-10" });
    await issueDocument(db, acct, "payment", "40.00", "2026-04-11", { currency: "USD" });
    const s = await statementOf(acct);
    const usd = s.sections.find((x) => x.currency === "USD")!;
    expect(usd).toMatchObject({ openingBalance: "0.00", closingBalance: "0.00", movements: [] });
    expect(usd.aging).toMatchObject({ openCharges: "40.00", unappliedCredits: "40.00", balance: "0.00" });
    expect(usd.aging.buckets.d31_60).toEqual({ amount: "40.00", count: 1 }); // 51 days past due on 05-31
  });
});
