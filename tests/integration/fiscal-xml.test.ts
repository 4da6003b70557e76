// Fiscal XML: generated CFDI 4.0 invoices and credit notes validate against SAT's schemas (with the
// TimbreFiscalDigital complement checked strictly), broken ones do not; DIAN UBL carries a CUFE that
// is the SHA-384 of DIAN's field chain.
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { buildCfdiXml, type CfdiInput, toCfdiName } from "~/domain/fiscal/build-cfdi-xml";
import { buildUblXml, computeCufe, computeNitCheckDigit } from "~/domain/fiscal/build-ubl-xml";
import { computeFiscalTotals } from "~/domain/fiscal/fiscal-types";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { addMoney, dec, toMoney } from "~/utils/money";

const issuer = {
  taxId: "AMN950315QK2",
  legalName: "Aceros y Materiales del Norte, S.A. de C.V.",
  taxRegime: "601",
  postalCode: "64000",
};
const receiver = {
  taxId: "FLO980512HT4",
  legalName: "Ferretería López, S.A. de C.V.",
  taxRegime: "601",
  postalCode: "06600",
};
const invoiceUuid = "5f2c1a3e-1234-4abc-9def-0123456789ab";

const invoice: CfdiInput = {
  kind: "invoice",
  series: "A",
  folio: "12345",
  issuedAt: "2026-01-10T10:15:00",
  currency: "MXN",
  paymentMethod: "PPD",
  paymentForm: "99",
  paymentTerms: "Crédito 30 días",
  issuer,
  receiver,
  lines: [
    {
      sku: "VAR-38",
      description: 'Varilla corrugada 3/8" x 12 m',
      unit: "Pieza",
      productCode: "30102404",
      unitCode: "H87",
      quantity: "120",
      unitPrice: "182.5000",
      taxRate: "0.16",
    },
    {
      sku: "CEM-50",
      description: "Cemento gris CPC 30R & bulto 50 kg",
      unit: "Bulto",
      productCode: "30111601",
      unitCode: "XBG",
      quantity: "35.5",
      unitPrice: "241.3333",
      taxRate: "0.16",
    },
  ],
  stamp: { uuid: invoiceUuid, stampedAt: "2026-01-10T10:16:02" },
};

const creditNote: CfdiInput = {
  ...invoice,
  kind: "credit_note",
  series: "NC",
  folio: "801",
  issuedAt: "2026-01-15T09:00:00",
  paymentMethod: "PUE",
  paymentForm: "15",
  paymentTerms: undefined,
  lines: [
    {
      sku: "VAR-38",
      description: 'Devolución: varilla corrugada 3/8"',
      unit: "Pieza",
      productCode: "30102404",
      unitCode: "H87",
      quantity: "10",
      unitPrice: "182.5000",
      taxRate: "0.16",
    },
  ],
  related: { relationType: "01", uuids: [invoiceUuid] },
  stamp: { uuid: "0b7e4d2c-5555-4e3a-8f1b-abcdefabcdef", stampedAt: "2026-01-15T09:01:10" },
};

describe("CFDI 4.0", () => {
  it("builds an invoice (type I) that validates against SAT's schemas, stamp included", async () => {
    const xml = buildCfdiXml(invoice);
    expect(xml).toContain('TipoDeComprobante="I"');
    expect(xml).toContain(`UUID="${invoiceUuid.toUpperCase()}"`);
    // 120 × 182.50 = 21900.00; 35.5 × 241.3333 = 8567.33215 → 8567.33; IVA 3504.00 + 1370.77
    expect(xml).toContain('SubTotal="30467.33"');
    expect(xml).toContain('Total="35342.10"');
    expect(xml).toContain("&amp; bulto");
    const result = await validateCfdiXml([{ fileName: "A-12345.xml", xml }]);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("builds a credit note (type E) related to its invoice that validates", async () => {
    const xml = buildCfdiXml(creditNote);
    expect(xml).toContain('TipoDeComprobante="E"');
    expect(xml).toContain(`<cfdi:CfdiRelacionados TipoRelacion="01">`);
    expect(xml).toContain(`<cfdi:CfdiRelacionado UUID="${invoiceUuid}"/>`);
    const result = await validateCfdiXml([{ fileName: "NC-801.xml", xml }]);
    expect(result.errors).toEqual([]);
  });

  it("rejects a CFDI without Receptor", async () => {
    const xml = buildCfdiXml(invoice).replace(/<cfdi:Receptor[^>]*\/>/, "");
    const result = await validateCfdiXml([{ fileName: "broken.xml", xml }]);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/Receptor/);
  });

  it("rejects a malformed stamp UUID (the complement is validated, not skipped)", async () => {
    const xml = buildCfdiXml({ ...invoice, stamp: { ...invoice.stamp, uuid: "not-a-uuid" } });
    const result = await validateCfdiXml([{ fileName: "bad-stamp.xml", xml }]);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/UUID/);
  });

  it("writes the receiver's name without its capital regime, as CFDI 4.0 requires", () => {
    expect(toCfdiName("Ferretería López, S.A. de C.V.")).toBe("FERRETERÍA LÓPEZ");
    expect(toCfdiName("Materiales Guanajuato, S. de R.L. de C.V.")).toBe("MATERIALES GUANAJUATO");
  });
});

describe("DIAN UBL 2.1", () => {
  const supplier = {
    taxId: "900482713-5",
    legalName: "Materiales Andinos S.A.S.",
    taxRegime: "O-13",
    postalCode: "110111",
  };
  const customer = {
    taxId: "830114921-1",
    legalName: "Distribuidora Andina S.A.S.",
    taxRegime: "R-99-PN",
    postalCode: "110911",
  };
  const input = {
    kind: "invoice" as const,
    prefix: "FE",
    number: "10532",
    issueDate: "2026-01-10",
    issueTime: "10:15:00-05:00",
    dueDate: "2026-02-09",
    currency: "COP" as const,
    supplier,
    customer,
    lines: [
      {
        sku: "CEM-50",
        description: "Cemento gris uso general 50 kg",
        unit: "Bulto",
        productCode: "30111601",
        unitCode: "BG",
        quantity: "200",
        unitPrice: "32500",
        taxRate: "0.19",
      },
    ],
  };

  it("carries a CUFE equal to the SHA-384 of DIAN's field chain", async () => {
    const { xml, cufe } = buildUblXml(input);
    expect(cufe).toMatch(/^[0-9a-f]{96}$/);
    expect(cufe).toBe(
      computeCufe({
        number: "FE10532",
        issueDate: "2026-01-10",
        issueTime: "10:15:00-05:00",
        subtotal: "6500000",
        iva: "1235000",
        inc: "0",
        ica: "0",
        total: "7735000",
        supplierNit: "900482713",
        customerId: "830114921",
        technicalKey: "fc8eac422eba16e22ffd8c6f94b3f40a6e38162c",
        // Production (1) by default: DIAN's QR then points at catalogo-vpfe, not its test host.
        environment: "1",
      }),
    );
    expect(xml).toContain(`<cbc:UUID schemeID="1" schemeName="CUFE-SHA384">${cufe}</cbc:UUID>`);
    expect(xml).toContain(
      `<sts:QRCode>https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=${cufe}</sts:QRCode>`,
    );
    expect(xml).toContain(`<cbc:PayableAmount currencyID="COP">7735000.00</cbc:PayableAmount>`);
    // Well-formed XML (there is no offline DIAN schema set here; the shape is checked above).
    const parsed = await validateXML({ xml: [{ fileName: "FE10532.xml", contents: xml }], normalization: "format" });
    expect(parsed.valid).toBe(true);
    expect(parsed.normalized).toContain("<cac:InvoiceLine>");
  });

  it("changes the CUFE when an amount changes", () => {
    const a = buildUblXml(input).cufe;
    const b = buildUblXml({ ...input, lines: [{ ...input.lines[0], quantity: "201" }] }).cufe;
    expect(a).not.toBe(b);
  });

  it("computes NIT check digits as DIAN does", () => {
    expect(computeNitCheckDigit("900482713")).toBe("5");
    expect(computeNitCheckDigit("860002964")).toBe("4"); // a published NIT (Banco de Bogotá)
  });
});

describe("fiscal totals", () => {
  it("agree with the ledger's decimal arithmetic (line rounding half away from zero)", () => {
    // A fixed pseudo-random sweep of quantities, prices and rates with up to four decimals.
    let state = 7;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const fourDp = (max: number) => `${next(max)}.${String(next(10_000)).padStart(4, "0")}`;
    for (let i = 0; i < 2_000; i++) {
      const lines = Array.from({ length: 1 + next(5) }, () => ({
        sku: "S",
        description: "D",
        unit: "U",
        productCode: "30111601",
        unitCode: "H87",
        quantity: fourDp(500),
        unitPrice: fourDp(50_000),
        taxRate: ["0.16", "0.19", "0.08", "0", "0.1234"][next(5)],
      }));
      const reference = lines.map((l) => {
        const subtotal = toMoney(dec(l.quantity).times(l.unitPrice));
        const tax = toMoney(dec(subtotal).times(l.taxRate));
        return { subtotal, tax };
      });
      const totals = computeFiscalTotals(lines);
      expect(totals.lines.map((l) => ({ subtotal: l.subtotal, tax: l.tax }))).toEqual(reference);
      expect(totals.total).toBe(addMoney(...reference.map((r) => r.subtotal), ...reference.map((r) => r.tax)));
    }
  });
});
