// Exact money (app/utils/money.ts): decimal strings computed with decimal.js, rounded half away from
// zero to cents, formatted per locale only at the edge, never summed across currencies.
import { describe, expect, it } from "vitest";
import {
  addMoney,
  compareMoney,
  CURRENCIES,
  dec,
  formatMoney,
  isPositiveMoney,
  parseAmount,
  subtractMoney,
  toMoney,
  totalsByCurrency,
} from "~/utils/money";

describe("toMoney", () => {
  it.each([
    ["1", "1.00"],
    ["1.5", "1.50"],
    ["2.344", "2.34"],
    ["2.345", "2.35"],
    ["2.3449999", "2.34"],
    ["-2.345", "-2.35"],
    ["-2.344", "-2.34"],
    ["0.005", "0.01"],
    ["-0.004", "0.00"],
    ["9999999999999999.995", "10000000000000000.00"],
  ])("rounds %s half away from zero to two decimals: %s", (value, expected) => {
    expect(toMoney(value)).toBe(expected);
  });

  it("keeps amounts beyond a double's precision exact", () => {
    expect(toMoney("9007199254740993.01")).toBe("9007199254740993.01");
  });
});

describe("arithmetic", () => {
  it("adds decimal strings exactly (0.1 + 0.2 is 0.30, a thousand cents are 10.00)", () => {
    expect(addMoney("0.1", "0.2")).toBe("0.30");
    expect(addMoney(...Array.from({ length: 1000 }, () => "0.01"))).toBe("10.00");
    expect(addMoney("9007199254740993.01", "0.01")).toBe("9007199254740993.02");
  });

  it("adding nothing is zero", () => {
    expect(addMoney()).toBe("0.00");
  });

  it("rounds the sum, not each term", () => {
    // 0.004 + 0.004 = 0.008 → 0.01; rounding each term first would give 0.00.
    expect(addMoney("0.004", "0.004")).toBe("0.01");
  });

  it("subtracts a − b and may go negative", () => {
    expect(subtractMoney("100.00", "100.01")).toBe("-0.01");
    expect(subtractMoney("100.00", "0.10")).toBe("99.90");
    expect(subtractMoney("0", "0")).toBe("0.00");
  });

  it("compares by value, not by text (1.1 equals 1.10)", () => {
    expect(compareMoney("1.10", "1.1")).toBe(0);
    expect(compareMoney("1.09", "1.1")).toBe(-1);
    expect(compareMoney("1.11", "1.1")).toBe(1);
    expect(compareMoney("-5", "2")).toBe(-1);
  });

  it("positive means strictly greater than zero", () => {
    expect(isPositiveMoney("0.01")).toBe(true);
    expect(isPositiveMoney("0.00")).toBe(false);
    expect(isPositiveMoney("-0.01")).toBe(false);
  });

  it("dec builds a Decimal with the exact value", () => {
    expect(dec("0.1").plus("0.2").toString()).toBe("0.3");
  });
});

describe("formatMoney", () => {
  it("formats per locale and currency: es-MX, es-CO and en-US", () => {
    expect(formatMoney("1234.5", "MXN", "es-MX")).toBe("$1,234.50");
    expect(formatMoney("1234.5", "COP", "es-CO")).toBe("$\u00a01.234,50");
    expect(formatMoney("-1234.56", "USD", "en-US")).toBe("-$1,234.56");
  });

  it("shows two decimals for every currency, COP included", () => {
    expect(formatMoney("1000", "COP", "es-CO")).toBe("$\u00a01.000,00");
    expect(formatMoney("0", "MXN", "es-MX")).toBe("$0.00");
  });

  it("formats the decimal string exactly, without going through a double", () => {
    expect(formatMoney("9007199254740993.01", "MXN", "es-MX")).toBe("$9,007,199,254,740,993.01");
  });

  it("keeps one formatter per locale and currency: the same locale with another currency shows that currency", () => {
    expect(formatMoney("1", "MXN", "es-MX")).toBe("$1.00");
    expect(formatMoney("1", "USD", "es-MX")).toBe("USD\u00a01.00");
    expect(formatMoney("1", "MXN", "en-US")).toBe("MX$1.00");
  });
});

describe("totalsByCurrency", () => {
  it("sums each currency on its own, never across currencies, in order of first appearance", () => {
    const rows = [
      { c: "USD" as const, a: "10.005" },
      { c: "MXN" as const, a: "100.10" },
      { c: "USD" as const, a: "0.005" },
      { c: "MXN" as const, a: "0.20" },
    ];
    expect(
      totalsByCurrency(
        rows,
        (r) => r.c,
        (r) => r.a,
      ),
    ).toEqual([
      { currency: "USD", amount: "10.01" },
      { currency: "MXN", amount: "100.30" },
    ]);
  });

  it("no rows, no totals", () => {
    expect(
      totalsByCurrency(
        [],
        () => "MXN",
        () => "1",
      ),
    ).toEqual([]);
  });

  it("knows the three ledger currencies", () => {
    expect(CURRENCIES).toEqual(["MXN", "COP", "USD"]);
  });
});

describe("parseAmount (an amount as a person types it, in the account's locale)", () => {
  it.each([
    ["es-CO", "1.000.000", "1000000.00"],
    ["es-CO", "100,50", "100.50"],
    ["es-CO", "$ 1.234.567,8", "1234567.80"],
    ["es-CO", "$\u00a01.000,00", "1000.00"],
    ["es-CO", "1000", "1000.00"],
    ["es-CO", "COP 250.000", "250000.00"],
    ["es-MX", "$100,000.00", "100000.00"],
    ["es-MX", "100000", "100000.00"],
    ["es-MX", "1,000", "1000.00"],
    ["es-MX", "1000.5", "1000.50"],
    ["es-MX", " 12,345.67 MXN ", "12345.67"],
    ["es-MX", ".5", "0.50"],
    ["es-MX", "007", "7.00"],
    ["en-US", "1,000.25", "1000.25"],
  ])("%s reads %j as %s", (locale, text, expected) => {
    expect(parseAmount(text, locale)).toEqual({ ok: true, value: expected });
  });

  it.each([
    // Another locale's format is refused, never reinterpreted ("100,50" once became 10050).
    ["es-MX", "100,50", "format"],
    ["es-CO", "100.50", "format"],
    ["es-CO", "$100,000.00", "format"],
    ["es-MX", "1.000.000", "format"],
    ["es-MX", "1,00,000", "format"],
    ["es-MX", "12.345.67", "format"],
    ["es-MX", "1.234", "decimals"],
    ["es-CO", "1,234", "decimals"],
    ["es-MX", "-100", "format"],
    ["es-MX", "abc", "format"],
    ["es-MX", "1e5", "format"],
    ["es-MX", "", "format"],
    ["es-MX", "$", "format"],
    ["es-MX", "1".repeat(17), "format"],
  ])("%s refuses %j (%s)", (locale, text, error) => {
    expect(parseAmount(text, locale)).toEqual({ ok: false, error });
  });
});
