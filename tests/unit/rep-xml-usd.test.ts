// REPs of payments in dollars (app/domain/payments/build-rep-xml.ts): MonedaP USD with the confirmed
// TipoCambioP; per invoice EquivalenciaDR (1 for a dollar invoice, the pesos per dollar for a peso
// invoice); Monto and ImpuestosP in dollars, the Totales in pesos; every figure exact (decimal, rounded
// half-up once at 2 places, Monto rounded up so it is never below what the invoices were paid); each XML
// valid against SAT's CFDI 4.0 + Pagos 2.0 schemas.
import { describe, expect, it } from "vitest";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { type RepInput, buildRepXml, repPaymentFigures } from "~/domain/payments/build-rep-xml";

const party = (taxId: string, legalName: string, postalCode: string) => ({
  taxId,
  legalName,
  taxRegime: "601",
  postalCode,
});
const base = (extra: Partial<RepInput>): RepInput => ({
  series: "REP",
  folio: "2001",
  issuedAt: "2026-11-20T10:00:00",
  issuer: party("DCA010101AB1", "Distribuidora Cartera, S.A. de C.V.", "06600"),
  receiver: party("FLO980512KJ3", "Ferretería López, S.A. de C.V.", "44100"),
  paidOn: "2026-11-19",
  paymentForm: "03",
  currency: "USD",
  exchangeRate: "17.2345",
  operationNumber: "SPEI-USD-1",
  invoices: [],
  stamp: { uuid: "0a1b2c3d-0000-4000-8000-0000000000aa", stampedAt: "2026-11-20T10:01:00" },
  ...extra,
});
const invoice = (currency: "USD" | "MXN", extra: Partial<RepInput["invoices"][number]> = {}) => ({
  uuid: `6f1c3c1e-2b7a-4b8e-9a51-00000000${currency === "USD" ? "0101" : "0202"}`,
  series: "A",
  folio: currency === "USD" ? "501" : "502",
  currency,
  instalment: 1,
  balanceBefore: "1160.00",
  paid: "400.00",
  invoiceTotal: "1160.00",
  taxBases: [{ rate: "0.16", base: "1000.00" }],
  ...extra,
});
const attr = (xml: string, element: string, name: string) =>
  new RegExp(`<pago20:${element}[^>]* ${name}="([^"]+)"`).exec(xml)?.[1];

describe("REPs in dollars", () => {
  it("a dollar payment to a dollar invoice: TipoCambioP, EquivalenciaDR 1, Totales in pesos", async () => {
    const input = base({ invoices: [invoice("USD", { equivalence: "1" })] });
    const xml = buildRepXml(input);
    expect(attr(xml, "Pago", "MonedaP")).toBe("USD");
    expect(attr(xml, "Pago", "TipoCambioP")).toBe("17.2345");
    expect(attr(xml, "Pago", "Monto")).toBe("400.00");
    expect(attr(xml, "DoctoRelacionado", "MonedaDR")).toBe("USD");
    expect(attr(xml, "DoctoRelacionado", "EquivalenciaDR")).toBe("1");
    expect(attr(xml, "DoctoRelacionado", "ImpSaldoInsoluto")).toBe("760.00");
    // 400 / 1160 of a 1000 base: 344.83 base, 55.17 VAT, in dollars…
    expect(attr(xml, "TrasladoDR", "BaseDR")).toBe("344.83");
    expect(attr(xml, "TrasladoP", "BaseP")).toBe("344.83");
    expect(attr(xml, "TrasladoP", "ImporteP")).toBe("55.17");
    // …and in pesos at 17.2345: 400 → 6,893.80; 344.83 → 5,942.97; 55.17 → 950.83.
    expect(attr(xml, "Totales", "MontoTotalPagos")).toBe("6893.80");
    expect(attr(xml, "Totales", "TotalTrasladosBaseIVA16")).toBe("5942.97");
    expect(attr(xml, "Totales", "TotalTrasladosImpuestoIVA16")).toBe("950.83");
    expect((await validateCfdiXml([{ fileName: "usd-usd.xml", xml }])).errors).toEqual([]);
  });

  it("a dollar payment to a peso invoice: EquivalenciaDR is the pesos per dollar, Monto never below what was paid", async () => {
    const input = base({
      exchangeRate: "17.5",
      invoices: [invoice("MXN", { paid: "1160.00", equivalence: "17.5" })],
    });
    const xml = buildRepXml(input);
    expect(attr(xml, "DoctoRelacionado", "MonedaDR")).toBe("MXN");
    expect(attr(xml, "DoctoRelacionado", "EquivalenciaDR")).toBe("17.5");
    expect(attr(xml, "DoctoRelacionado", "ImpPagado")).toBe("1160.00");
    expect(attr(xml, "DoctoRelacionado", "ImpSaldoInsoluto")).toBe("0.00");
    expect(attr(xml, "TrasladoDR", "BaseDR")).toBe("1000.00");
    // 1160 / 17.5 = 66.2857… → 66.29 (up); base 1000 / 17.5 = 57.14, VAT 160 / 17.5 = 9.14.
    expect(attr(xml, "Pago", "Monto")).toBe("66.29");
    expect(attr(xml, "TrasladoP", "BaseP")).toBe("57.14");
    expect(attr(xml, "TrasladoP", "ImporteP")).toBe("9.14");
    expect(attr(xml, "Totales", "MontoTotalPagos")).toBe("1160.08");
    expect(attr(xml, "Totales", "TotalTrasladosBaseIVA16")).toBe("999.95");
    expect((await validateCfdiXml([{ fileName: "usd-mxn.xml", xml }])).errors).toEqual([]);
  });

  it("one dollar payment to a dollar and a peso invoice sums each in dollars", async () => {
    const input = base({
      exchangeRate: "20",
      invoices: [
        invoice("USD", { paid: "100.00" }),
        invoice("MXN", { paid: "580.00", equivalence: "20", taxBases: [] }),
      ],
    });
    const figures = repPaymentFigures(input);
    // 100 + 580 / 20 = 129.00 dollars; in pesos × 20.
    expect(figures.amount).toBe("129.00");
    expect(figures.totals.amount).toBe("2580.00");
    const xml = buildRepXml(input);
    expect(xml).toContain('ObjetoImpDR="01"');
    expect((await validateCfdiXml([{ fileName: "usd-mixed.xml", xml }])).errors).toEqual([]);
  });

  it("refuses what SAT would: no exchange rate, a peso invoice without its equivalence, Monto below the invoices", () => {
    expect(() => buildRepXml(base({ exchangeRate: undefined, invoices: [invoice("USD")] }))).toThrow(/TipoCambioP/);
    expect(() => buildRepXml(base({ exchangeRate: "17.1234567", invoices: [invoice("USD")] }))).toThrow(/TipoCambioP/);
    expect(() => buildRepXml(base({ invoices: [invoice("MXN")] }))).toThrow(/EquivalenciaDR/);
    expect(() => buildRepXml(base({ invoices: [invoice("USD", { equivalence: "17" })] }))).toThrow(/EquivalenciaDR 1/);
    expect(() => buildRepXml(base({ amount: "22.85", invoices: [invoice("MXN", { equivalence: "17.5" })] }))).toThrow(
      /Monto/,
    );
    // 400 / 17.5 = 22.857…: 22.86 is enough.
    expect(
      repPaymentFigures(base({ amount: "22.86", invoices: [invoice("MXN", { equivalence: "17.5" })] })).amount,
    ).toBe("22.86");
  });

  it("a payment in pesos is unchanged: TipoCambioP 1, Totales equal to the payment", () => {
    const xml = buildRepXml(base({ currency: "MXN", exchangeRate: undefined, invoices: [invoice("MXN")] }));
    expect(attr(xml, "Pago", "TipoCambioP")).toBe("1");
    expect(attr(xml, "Totales", "MontoTotalPagos")).toBe("400.00");
    expect(attr(xml, "DoctoRelacionado", "EquivalenciaDR")).toBe("1");
  });
});
