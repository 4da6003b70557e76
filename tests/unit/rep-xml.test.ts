// The REP builder (app/domain/payments/build-rep-xml.ts): three partial payments of one PPD invoice
// give instalments 1, 2, 3 with each unpaid balance = the previous one − what was paid, the VAT in
// proportion, and every XML valid against SAT's CFDI 4.0 + Pagos 2.0 schemas.
import { describe, expect, it } from "vitest";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { type RepInput, buildRepXml, repInvoiceFigures } from "~/domain/payments/build-rep-xml";

const issuer = {
  taxId: "DCA010101AB1",
  legalName: "Distribuidora Cartera, S.A. de C.V.",
  taxRegime: "601",
  postalCode: "06600",
};
const receiver = {
  taxId: "FLO980512KJ3",
  legalName: "Ferretería López, S.A. de C.V.",
  taxRegime: "601",
  postalCode: "44100",
};
const INVOICE = {
  uuid: "6f1c3c1e-2b7a-4b8e-9a51-000000000001",
  series: "A",
  folio: "1001",
  currency: "MXN" as const,
  invoiceTotal: "1160.00",
  taxBases: [{ rate: "0.16", base: "1000.00" }],
};

function rep(n: number, balanceBefore: string, paid: string, extra: Partial<RepInput> = {}): RepInput {
  return {
    series: "REP",
    folio: String(n),
    issuedAt: "2026-11-20T10:00:00",
    issuer,
    receiver,
    paidOn: "2026-11-19",
    paymentForm: "03",
    currency: "MXN",
    operationNumber: `SPEI${n}`,
    invoices: [{ ...INVOICE, instalment: n, balanceBefore, paid }],
    stamp: { uuid: `0a1b2c3d-0000-4000-8000-00000000000${n}`, stampedAt: "2026-11-20T10:01:00" },
    ...extra,
  };
}

describe("REP instalments", () => {
  it("three partial payments: instalments in sequence, balances chained to zero, each XML valid", async () => {
    const payments = ["400.00", "500.00", "260.00"];
    let balance = "1160.00";
    const xmls: { fileName: string; xml: string }[] = [];
    for (const [i, paid] of payments.entries()) {
      const input = rep(i + 1, balance, paid);
      const figures = repInvoiceFigures(input.invoices[0]);
      const xml = buildRepXml(input);
      expect(xml).toContain(`NumParcialidad="${i + 1}"`);
      expect(xml).toContain(`ImpSaldoAnt="${balance}"`);
      expect(xml).toContain(`ImpPagado="${paid}"`);
      expect(xml).toContain(`ImpSaldoInsoluto="${figures.balanceAfter}"`);
      expect(xml).toMatch(/SubTotal="0"[^>]*Moneda="XXX"[^>]*Total="0"[^>]*TipoDeComprobante="P"/);
      expect(xml).toContain(`ClaveProdServ="84111506"`);
      expect(xml).toContain(`ObjetoImpDR="02"`);
      xmls.push({ fileName: `rep-${i + 1}.xml`, xml });
      balance = figures.balanceAfter;
    }
    expect(balance).toBe("0.00");
    // 400 / 1160 of a 1000 base: 344.83 base, 55.17 VAT.
    expect(xmls[0].xml).toContain(`BaseDR="344.83"`);
    expect(xmls[0].xml).toContain(`ImporteDR="55.17"`);
    expect(xmls[0].xml).toContain(`TotalTrasladosBaseIVA16="344.83"`);
    expect(xmls[0].xml).toContain(`MontoTotalPagos="400.00"`);
    const result = await validateCfdiXml(xmls);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("an invoice without VAT is ObjetoImpDR 01 and carries no taxes; several invoices in one payment", async () => {
    const xml = buildRepXml({
      ...rep(1, "500.00", "500.00"),
      invoices: [
        { ...INVOICE, instalment: 1, balanceBefore: "1160.00", paid: "1160.00" },
        {
          ...INVOICE,
          uuid: "6f1c3c1e-2b7a-4b8e-9a51-000000000002",
          folio: "1002",
          invoiceTotal: "300.00",
          taxBases: [{ rate: "0", base: "0" }],
          instalment: 2,
          balanceBefore: "300.00",
          paid: "100.00",
        },
      ],
    });
    expect(xml).toContain(`ObjetoImpDR="01"`);
    expect(xml).toContain(`MontoTotalPagos="1260.00"`);
    expect((await validateCfdiXml([{ fileName: "rep.xml", xml }])).errors).toEqual([]);
  });

  it("refuses paying above the balance and instalment 0; the schema refuses a REP without its unpaid balance", async () => {
    expect(() => repInvoiceFigures({ ...INVOICE, instalment: 1, balanceBefore: "100.00", paid: "100.01" })).toThrow();
    expect(() => repInvoiceFigures({ ...INVOICE, instalment: 0, balanceBefore: "100.00", paid: "1.00" })).toThrow();
    const broken = buildRepXml(rep(1, "1160.00", "400.00")).replace(/ ImpSaldoInsoluto="[^"]*"/, "");
    expect((await validateCfdiXml([{ fileName: "broken.xml", xml: broken }])).valid).toBe(false);
  });
});
