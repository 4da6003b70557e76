// linesForAmount (app/domain/fiscal/lines-for-amount.ts): every amount is reached exactly with the
// ledger's per-line rounding, at Mexico's and Colombia's VAT rates and at zero, with one line when one
// line can, else one line and a one-cent rounding line whose tax is zero.
import { describe, expect, it } from "vitest";
import { computeFiscalTotals } from "~/domain/fiscal/fiscal-types";
import { linesForAmount } from "~/domain/fiscal/lines-for-amount";

const template = (taxRate: string) => ({
  sku: "NC-1",
  description: "Nota de crédito",
  unit: "Actividad",
  productCode: "84111506",
  unitCode: "ACT",
  taxRate,
});
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

describe("linesForAmount", () => {
  for (const rate of ["0.16", "0.19", "0.08", "0"]) {
    it(`reaches every amount from 0.01 to 60.00 and some large ones at ${rate}`, () => {
      const amounts = [...Array.from({ length: 6000 }, (_, i) => money(i + 1)), "7.00", "123456.78", "99999999.99"];
      let twoLines = 0;
      for (const amount of amounts) {
        const lines = linesForAmount(template(rate), amount, "Ajuste por redondeo");
        expect(computeFiscalTotals(lines).total, amount).toBe(amount);
        expect(lines.length).toBeLessThanOrEqual(2);
        if (lines.length === 2) {
          twoLines += 1;
          expect(lines[1]).toMatchObject({ unitPrice: "0.01", quantity: "1", description: "Ajuste por redondeo" });
        }
      }
      if (rate === "0") expect(twoLines).toBe(0);
    });
  }

  it("needs the rounding line for 7.00 at 16 %", () => {
    expect(linesForAmount(template("0.16"), "7.00", "R").map((l) => l.unitPrice)).toEqual(["6.03", "0.01"]);
  });

  it("refuses a non-positive amount", () => {
    expect(() => linesForAmount(template("0.16"), "0.00", "R")).toThrow();
  });
});
