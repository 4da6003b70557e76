// The ledger's pure input rules (app/domain/ledger/schemas.ts) and the statement period
// (app/domain/statements/period.ts, schemas.ts): calendar dates that exist, money with at most two
// decimals, positive amounts, which kinds charge and which credit, due dates not before issue, and
// periods in the seller's calendar.
import { describe, expect, it } from "vitest";
import {
  ApplicationInputSchema,
  DocumentInputSchema,
  effectOf,
  isCalendarDate,
  MoneySchema,
  PositiveMoneySchema,
} from "~/domain/ledger/schemas";
import { defaultStatementPeriod } from "~/domain/statements/period";
import { StatementQuerySchema } from "~/domain/statements/schemas";

describe("calendar dates", () => {
  it.each(["2026-01-31", "2024-02-29", "2026-12-31", "0001-01-01", "9999-12-31"])("%s is a real day", (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });
  it.each([
    "2026-02-29", // not a leap year
    "2026-02-30",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "0000-12-31", // before year 1
    "2026-1-05",
    "26-01-05",
    " 2026-01-05",
    "2026-01-05T00:00",
    "2026/01/05",
    "",
  ])("%j is not", (d) => {
    expect(isCalendarDate(d)).toBe(false);
  });
});

describe("money inputs", () => {
  it.each(["0", "1", "1.5", "1.50", "-1.50", "9999999999999999.99"])("%s is money", (v) => {
    expect(MoneySchema.safeParse(v).success).toBe(true);
  });
  it.each(["1.234", "1.", ".5", "1,50", "1e3", "99999999999999999", "+1", "", " 1"])("%j is not money", (v) => {
    expect(MoneySchema.safeParse(v).success).toBe(false);
  });
  it("a positive amount is more than zero: 0.01 is, 0, 0.00 and negatives are not", () => {
    expect(PositiveMoneySchema.safeParse("0.01").success).toBe(true);
    expect(PositiveMoneySchema.safeParse("10").success).toBe(true);
    for (const v of ["0", "0.00", "-0.01", "-5"]) expect(PositiveMoneySchema.safeParse(v).success).toBe(false);
  });
  it("an application needs a positive amount and a real day", () => {
    const base = { sourceId: "p", targetId: "i", amount: "1.00", appliedOn: "2026-01-31" };
    expect(ApplicationInputSchema.safeParse(base).success).toBe(true);
    expect(ApplicationInputSchema.safeParse({ ...base, amount: "0.00" }).success).toBe(false);
    expect(ApplicationInputSchema.safeParse({ ...base, amount: "-1.00" }).success).toBe(false);
    expect(ApplicationInputSchema.safeParse({ ...base, appliedOn: "2026-02-30" }).success).toBe(false);
    expect(ApplicationInputSchema.safeParse({ ...base, sourceId: "" }).success).toBe(false);
  });
});

describe("documents", () => {
  const invoice = {
    accountId: "acc",
    kind: "invoice" as const,
    series: "A",
    folio: "1",
    issueDate: "2026-01-10",
    currency: "MXN" as const,
    amount: "100.00",
  };
  const issues = (input: object) =>
    DocumentInputSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}:${i.message}`) ?? [];

  it("invoices and debit notes charge; credit notes and payments credit; an adjustment does what it says (charge if unsaid)", () => {
    expect(effectOf("invoice")).toBe("charge");
    expect(effectOf("debit_note")).toBe("charge");
    expect(effectOf("credit_note")).toBe("credit");
    expect(effectOf("payment")).toBe("credit");
    expect(effectOf("adjustment", "credit")).toBe("credit");
    expect(effectOf("adjustment", "charge")).toBe("charge");
    expect(effectOf("adjustment")).toBe("charge");
    // the kind decides, whatever effect is passed for a non-adjustment
    expect(effectOf("payment", "charge")).toBe("credit");
    expect(effectOf("invoice", "credit")).toBe("charge");
    expect(effectOf("debit_note", "credit")).toBe("charge");
    expect(effectOf("credit_note", "charge")).toBe("credit");
  });

  it("an adjustment must say whether it charges or credits; other kinds need not", () => {
    expect(issues({ ...invoice, kind: "adjustment" })).toEqual(["effect:required"]);
    expect(issues({ ...invoice, kind: "adjustment", effect: "credit" })).toEqual([]);
    expect(issues(invoice)).toEqual([]);
  });

  it("needs an amount unless it has lines", () => {
    const { amount: _amount, ...withoutAmount } = invoice;
    expect(issues(withoutAmount)).toEqual(["amount:required"]);
    expect(issues({ ...withoutAmount, lines: [] })).toEqual(["amount:required"]);
    const line = {
      sku: "X",
      description: "X",
      unit: "PZA",
      productCode: "1",
      unitCode: "H87",
      quantity: "1",
      unitPrice: "1",
      taxRate: "0.16",
    };
    expect(issues({ ...withoutAmount, lines: [line] })).toEqual([]);
  });

  it("is due on or after its issue date: the same day is allowed, the day before is not", () => {
    expect(issues({ ...invoice, dueDate: "2026-01-10" })).toEqual([]);
    expect(issues({ ...invoice, dueDate: "2026-01-09" })).toEqual(["dueDate:date.beforeIssue"]);
    expect(issues({ ...invoice, dueDate: "2026-02-10" })).toEqual([]);
  });

  it("refuses a zero amount and an impossible issue date", () => {
    expect(issues({ ...invoice, amount: "0.00" })).toEqual(["amount:money.positive"]);
    expect(issues({ ...invoice, issueDate: "2026-02-30" })).toEqual(["issueDate:date"]);
  });
});

describe("statement periods", () => {
  it("defaults to the 1st of the current month through today (the previous month on the 1st), in the seller's time zone", () => {
    // 2026-03-01 05:59 UTC is still 2026-02-28 in Mexico City (UTC−6): February to date.
    expect(defaultStatementPeriod("America/Mexico_City", new Date("2026-03-01T05:59:00Z"))).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    // On the 1st itself (06:00 UTC is midnight in Mexico City) the month that just closed.
    expect(defaultStatementPeriod("America/Mexico_City", new Date("2026-03-01T06:00:00Z"))).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(defaultStatementPeriod("America/Bogota", new Date("2026-01-01T12:00:00Z"))).toEqual({
      from: "2025-12-01",
      to: "2025-12-31",
    });
    expect(defaultStatementPeriod("America/Bogota", new Date("2026-03-02T12:00:00Z"))).toEqual({
      from: "2026-03-01",
      to: "2026-03-02",
    });
    expect(defaultStatementPeriod("America/Bogota", new Date("2026-07-15T12:00:00Z"))).toEqual({
      from: "2026-07-01",
      to: "2026-07-15",
    });
  });

  it("a period has both ends or none, and may be a single day but not run backwards", () => {
    const q = { accountId: "a", accountIds: ["a"] };
    expect(StatementQuerySchema.safeParse(q).success).toBe(true);
    expect(StatementQuerySchema.safeParse({ ...q, from: "2026-01-31", to: "2026-01-31" }).success).toBe(true);
    expect(StatementQuerySchema.safeParse({ ...q, from: "2026-01-01", to: "2026-01-31" }).success).toBe(true);
    const messages = (input: object) => StatementQuerySchema.safeParse(input).error?.issues.map((i) => i.message);
    expect(messages({ ...q, from: "2026-02-01", to: "2026-01-31" })).toEqual(["period.reversed"]);
    expect(messages({ ...q, from: "2026-01-01" })).toEqual(["period.incomplete"]);
    expect(messages({ ...q, to: "2026-01-31" })).toEqual(["period.incomplete"]);
    expect(messages({ ...q, from: "2026-01-01", to: "2026-02-30" })).toEqual(["date"]);
  });
});
