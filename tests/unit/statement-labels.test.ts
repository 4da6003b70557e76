// Statement copy (app/domain/statements/labels.ts): the language picks the labels, an adjustment is
// labelled by its effect, and statement dates print day first except in en-US, without shifting
// the calendar date through a time zone.
import { describe, expect, it } from "vitest";
import { formatStatementDate, getKindLabel, getStatementLabels } from "~/domain/statements/labels";

describe("labels", () => {
  it("Spanish labels for es, English labels for en", () => {
    expect(getStatementLabels("es").title).toBe("Estado de cuenta");
    expect(getStatementLabels("en").title).toBe("Statement of account");
    expect(getStatementLabels("en").page(2, 5)).toBe("Page 2 of 5");
    expect(getStatementLabels("es").page(2, 5)).toBe("Página 2 de 5");
  });

  it("an adjustment is labelled by its effect; other kinds by their kind", () => {
    const es = getStatementLabels("es");
    const en = getStatementLabels("en");
    expect(getKindLabel(es, "adjustment", "charge")).toBe("Ajuste (cargo)");
    expect(getKindLabel(es, "adjustment", "credit")).toBe("Ajuste (abono)");
    expect(getKindLabel(en, "adjustment", "charge")).toBe("Adjustment (charge)");
    expect(getKindLabel(en, "adjustment", "credit")).toBe("Adjustment (credit)");
    expect(getKindLabel(es, "invoice", "charge")).toBe("Factura");
    expect(getKindLabel(es, "payment", "credit")).toBe("Pago");
    expect(getKindLabel(en, "credit_note", "credit")).toBe("Credit note");
    expect(getKindLabel(en, "debit_note", "charge")).toBe("Debit note");
  });

  it("every aging bucket has a label in both languages", () => {
    expect(Object.values(getStatementLabels("es").buckets)).toEqual([
      "Por vencer",
      "1-30 días",
      "31-60 días",
      "61-90 días",
      "91-180 días",
      "Más de 180 días",
    ]);
    expect(Object.values(getStatementLabels("en").buckets)).toEqual([
      "Current",
      "1-30 days",
      "31-60 days",
      "61-90 days",
      "91-180 days",
      "Over 180 days",
    ]);
  });
});

describe("statement dates", () => {
  it("print day first in Spanish (es-MX, es-CO) and month first in en-US, two digits each", () => {
    expect(formatStatementDate("2026-01-05", "es-MX")).toBe("05/01/2026");
    expect(formatStatementDate("2026-01-05", "es-CO")).toBe("05/01/2026");
    expect(formatStatementDate("2026-01-05", "en-US")).toBe("01/05/2026");
  });

  it("keep the calendar date whatever the process time zone (the last day of a month stays that day)", () => {
    expect(formatStatementDate("2026-12-31", "es-MX")).toBe("31/12/2026");
    expect(formatStatementDate("2026-03-01", "en-US")).toBe("03/01/2026");
  });

  it("use one formatter per locale: alternating locales keeps each one's order", () => {
    expect(formatStatementDate("2026-02-03", "en-US")).toBe("02/03/2026");
    expect(formatStatementDate("2026-02-03", "es-MX")).toBe("03/02/2026");
    expect(formatStatementDate("2026-02-03", "en-US")).toBe("02/03/2026");
  });
});
