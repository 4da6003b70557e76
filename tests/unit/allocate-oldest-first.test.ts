// The suggested allocation of a registered payment (app/domain/payments/allocate-oldest-first.ts).
import { describe, expect, it } from "vitest";
import { allocateOldestFirst, checkAllocation, payableAmount } from "~/domain/payments/allocate-oldest-first";

const inv = (id: string, dueDate: string, openAmount: string, disputedAmount = "0.00", currency = "MXN") => ({
  id,
  dueDate,
  issueDate: "2026-01-01",
  currency,
  openAmount,
  disputedAmount,
});

describe("allocateOldestFirst", () => {
  it("pays the oldest due first, partly the last one reached, and leaves nothing on account", () => {
    const result = allocateOldestFirst("1500.00", "MXN", [
      inv("c", "2026-03-01", "1000.00"),
      inv("a", "2026-01-15", "700.00"),
      inv("b", "2026-02-01", "500.00"),
    ]);
    expect(result.allocations).toEqual([
      { documentId: "a", amount: "700.00" },
      { documentId: "b", amount: "500.00" },
      { documentId: "c", amount: "300.00" },
    ]);
    expect(result.onAccount).toBe("0.00");
  });

  it("skips what open claims dispute, other currencies, and leaves the rest on account", () => {
    const result = allocateOldestFirst("1000.00", "MXN", [
      inv("disputed", "2026-01-01", "400.00", "400.00"),
      inv("half", "2026-01-02", "400.00", "150.00"),
      inv("usd", "2026-01-03", "400.00", "0.00", "USD"),
      inv("ok", "2026-01-04", "300.00"),
    ]);
    expect(result.allocations).toEqual([
      { documentId: "half", amount: "250.00" },
      { documentId: "ok", amount: "300.00" },
    ]);
    expect(result.onAccount).toBe("450.00");
  });

  it("breaks ties on due date by issue date then id; exact cents throughout", () => {
    const result = allocateOldestFirst("0.30", "MXN", [
      inv("b", "2026-01-01", "0.10"),
      inv("a", "2026-01-01", "0.10"),
      inv("c", "2026-01-01", "0.10"),
    ]);
    expect(result.allocations.map((a) => a.documentId)).toEqual(["a", "b", "c"]);
    expect(result.onAccount).toBe("0.00");
    expect(payableAmount({ openAmount: "10.00", disputedAmount: "12.00" })).toBe("0.00");
  });
});

describe("checkAllocation", () => {
  const invoices = [
    inv("a", "2026-01-01", "100.00", "30.00"),
    inv("b", "2026-01-02", "50.00"),
    inv("u", "2026-01-02", "50.00", "0", "USD"),
  ];
  it("accepts an edited allocation within every payable amount; the rest is on account", () => {
    expect(
      checkAllocation(
        "200.00",
        "MXN",
        [
          { documentId: "a", amount: "70.00" },
          { documentId: "b", amount: "10.00" },
        ],
        invoices,
      ),
    ).toEqual({
      problems: [],
      onAccount: "120.00",
    });
  });
  it("refuses above an open (less disputed) amount, above the payment, a foreign currency, unknown or repeated invoices", () => {
    const { problems } = checkAllocation(
      "100.00",
      "MXN",
      [
        { documentId: "a", amount: "70.01" },
        { documentId: "b", amount: "50.00" },
        { documentId: "u", amount: "1.00" },
        { documentId: "zz", amount: "1.00" },
        { documentId: "b", amount: "0.00" },
      ],
      invoices,
    );
    expect(problems.map((p) => p.code).sort()).toEqual(
      [
        "above_payable",
        "above_payment",
        "currency_mismatch",
        "duplicate_document",
        "not_positive",
        "unknown_document",
      ].sort(),
    );
  });
});
