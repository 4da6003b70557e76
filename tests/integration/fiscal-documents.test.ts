// The fiscal documents of the demo seed, as a customer receives them: every stored CFDI validates
// against SAT's schemas and every stored UBL document against OASIS UBL 2.1; and each PDF, read back
// (text by pdfjs, QR rasterised and decoded), carries what its XML says: for a CFDI what Anexo 20 asks
// of a printed representation, for a DIAN document the resolution, CUFE/CUDE and DIAN QR.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed/index";
import { getDocumentDetail } from "~/domain/documents/get-document-detail.server";
import { getDocumentFiscalRecord } from "~/domain/documents/get-document-fiscal-record.server";
import { renderInvoicePdf } from "~/domain/documents/render-invoice-pdf.server";
import { readFiscalXmlStrict } from "~/domain/fiscal/read-fiscal-xml";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { validateUblXml } from "~/domain/fiscal/validate-ubl-xml.server";
import { queryRows } from "~/utils/db.server";
import { formatQuantity } from "~/utils/i18n";
import { readPdfQrCodes, readPdfText } from "../setup/read-documents";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const TODAY = "2026-11-20";

let database: TestDatabase;

interface StoredXml {
  id: string;
  account_id: string;
  kind: string;
  country: "MX" | "CO";
  series: string;
  folio: string;
  fiscal_id: string;
  file_name: string;
  xml: string;
}
let stored: StoredXml[];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, { invoices: 250, today: TODAY });
  const rows = await queryRows<Omit<StoredXml, "xml"> & { content: Uint8Array }>(
    database.db,
    sql`
    select d.id, d.account_id, d.kind::text as kind, se.country, d.series, d.folio, d.fiscal_id, f.file_name, s.content
    from documents d join sellers se on se.id = d.seller_id
    join document_files f on f.document_id = d.id and f.role = 'xml' join stored_files s on s.id = f.file_id
    order by d.series, d.folio`,
  );
  stored = rows.map(({ content, ...r }) => ({ ...r, xml: new TextDecoder().decode(content) }));
}, 240_000);
afterAll(async () => {
  await database?.close();
});

/** An attribute of the first element named `element` (any prefix) in an XML text. */
function xmlAttr(xml: string, element: string, name: string): string {
  const tag = new RegExp(`<(?:\\w+:)?${element}\\b[^>]*>`).exec(xml)?.[0];
  const value = tag ? new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] : undefined;
  if (value === undefined) throw new Error(`${element}/@${name} not in XML`);
  return value.replace(/&amp;/g, "&");
}
/** The text of the first element named `element` (any prefix). */
function xmlText(xml: string, element: string): string {
  const value = new RegExp(`<(?:\\w+:)?${element}\\b[^>]*>([^<]*)</`).exec(xml)?.[1];
  if (value === undefined) throw new Error(`${element} not in XML`);
  return value;
}
const squash = (s: string) => s.replace(/\s+/g, "");

async function renderStored(doc: StoredXml, language: "es" | "en", locale: string) {
  const scope = { accountIds: [doc.account_id], documentId: doc.id };
  const detail = (await getDocumentDetail(database.db, { ...scope, asOf: TODAY }))!;
  const fiscal = await getDocumentFiscalRecord(database.db, scope);
  const pdf = await renderInvoicePdf(detail, fiscal, { language, locale });
  const pages = await readPdfQrCodes(pdf);
  // One QR per document, on the page where the fiscal block starts (after the lines and totals).
  expect(pages.filter((code) => code !== null)).toHaveLength(1);
  return { text: await readPdfText(pdf), qr: pages.filter((code) => code !== null) };
}

describe("stored fiscal XML of the demo seed", () => {
  it("has an XML for every invoice and credit note, in each country's standard", () => {
    const kinds = new Set(stored.map((d) => `${d.country}:${d.kind}`));
    expect([...kinds].sort()).toEqual(["CO:credit_note", "CO:invoice", "MX:credit_note", "MX:invoice"]);
    for (const d of stored) expect(d.xml).toContain(d.country === "MX" ? "<cfdi:Comprobante" : "urn:oasis:names");
  });

  it("every CFDI validates against SAT's schemas and carries a complete TimbreFiscalDigital", async () => {
    const cfdis = stored.filter((d) => d.country === "MX");
    const result = await validateCfdiXml(cfdis.map((d) => ({ fileName: d.file_name, xml: d.xml })));
    expect(result.errors).toEqual([]);
    for (const d of cfdis) {
      const record = readFiscalXmlStrict(d.xml);
      expect(record.standard).toBe("cfdi");
      if (record.standard !== "cfdi") continue;
      expect(record.stamp.uuid).toBe(d.fiscal_id.toUpperCase());
      // The stamp seals the voucher's own seal, after it was issued.
      expect(record.stamp.cfdSeal).toBe(record.seal);
      expect(record.stamp.stampedAt >= record.issuedAt).toBe(true);
      expect(record.stamp.satCertificateNumber).toMatch(/^\d{20}$/);
      expect(record.certificateNumber).toMatch(/^\d{20}$/);
    }
  });

  it("every UBL document validates against OASIS UBL 2.1 and carries its CUFE/CUDE and DIAN QR", async () => {
    const ubl = stored.filter((d) => d.country === "CO");
    expect(ubl.some((d) => d.kind === "credit_note")).toBe(true);
    const result = await validateUblXml(ubl.map((d) => ({ fileName: d.file_name, xml: d.xml })));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    for (const d of ubl) {
      const record = readFiscalXmlStrict(d.xml);
      expect(record.standard).toBe("ubl");
      if (record.standard !== "ubl") continue;
      expect(record.uniqueCode).toBe(d.fiscal_id);
      expect(record.qrUrl).toBe(`https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=${d.fiscal_id}`);
      if (d.kind === "invoice") expect(record.authorization?.prefix).toBe(d.series);
    }
  });

  it("a UBL document that breaks the schema is refused", async () => {
    const invoice = stored.find((d) => d.country === "CO" && d.kind === "invoice")!;
    const broken = invoice.xml.replace(
      /<cbc:IssueDate>[^<]*<\/cbc:IssueDate>/,
      "<cbc:IssueDate>20 de enero</cbc:IssueDate>",
    );
    const missing = invoice.xml.replace(/<cbc:ID>[^<]*<\/cbc:ID>\n<cbc:UUID/, "<cbc:UUID");
    expect(missing).not.toBe(invoice.xml);
    const result = await validateUblXml([
      { fileName: "bad-date.xml", xml: broken },
      { fileName: "no-id.xml", xml: missing },
    ]);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/bad-date\.xml.*IssueDate/);
    expect(result.errors.join("\n")).toMatch(/no-id\.xml/);
  });
});

describe("printed representation read back", () => {
  // A credit note that names the invoices it credits (rebates settled later name none).
  const first = (country: "MX" | "CO", kind: string) =>
    stored.find(
      (d) =>
        d.country === country &&
        d.kind === kind &&
        (kind === "invoice" || /CfdiRelacionado |BillingReference/.test(d.xml)),
    )!;

  for (const kind of ["invoice", "credit_note"] as const) {
    it(`CFDI ${kind}: Anexo 20's fields, as in its XML, and a QR that SAT's verifier reads`, async () => {
      const doc = first("MX", kind);
      const xml = doc.xml;
      const { text, qr } = await renderStored(doc, "es", "es-MX");
      const uuid = xmlAttr(xml, "TimbreFiscalDigital", "UUID");
      const seal = xmlAttr(xml, "Comprobante", "Sello");
      const total = xmlAttr(xml, "Comprobante", "Total");
      const expectedTotal = total.replace(/0+$/, "").replace(/\.$/, ".0");
      expect(qr).toEqual([
        `https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=${uuid}` +
          `&re=${xmlAttr(xml, "Emisor", "Rfc")}&rr=${xmlAttr(xml, "Receptor", "Rfc")}` +
          `&tt=${expectedTotal}&fe=${seal.slice(-8)}`,
      ]);
      expect(seal.slice(-8)).toHaveLength(8);
      // Seals and the original chain print whole: no hyphen or break inside them.
      const flat = squash(text);
      expect(flat).toContain(squash(uuid));
      expect(flat).toContain(seal);
      expect(flat).toContain(xmlAttr(xml, "TimbreFiscalDigital", "SelloSAT"));
      expect(flat).toContain(
        `||1.1|${uuid}|${xmlAttr(xml, "TimbreFiscalDigital", "FechaTimbrado")}|${xmlAttr(xml, "TimbreFiscalDigital", "RfcProvCertif")}|${seal}|${xmlAttr(xml, "TimbreFiscalDigital", "NoCertificadoSAT")}||`,
      );
      const [stampDate, stampTime] = xmlAttr(xml, "TimbreFiscalDigital", "FechaTimbrado").split("T");
      const [y, m, d] = stampDate.split("-");
      const isCredit = kind === "credit_note";
      for (const expected of [
        "Sello digital del CFDI",
        "Sello digital del SAT",
        "Cadena original del complemento de certificación digital del SAT",
        `No. de serie del CSD del emisor ${xmlAttr(xml, "Comprobante", "NoCertificado")}`,
        `No. de serie del certificado del SAT ${xmlAttr(xml, "TimbreFiscalDigital", "NoCertificadoSAT")}`,
        `Fecha y hora de certificación ${d}/${m}/${y} ${stampTime}`,
        isCredit ? "Tipo de comprobante: E - Egreso" : "Tipo de comprobante: I - Ingreso",
        `Uso CFDI: ${isCredit ? "G02 - Devoluciones, descuentos o bonificaciones" : "G01 - Adquisición de mercancías"}`,
        "Régimen fiscal: 601 - General de Ley Personas Morales",
        `Lugar de expedición: C.P. ${xmlAttr(xml, "Comprobante", "LugarExpedicion")}`,
        "Este documento es una representación impresa de un CFDI 4.0.",
      ])
        expect(text).toContain(expected);
      const method = xmlAttr(xml, "Comprobante", "MetodoPago");
      expect(text).toContain(
        method === "PPD" ? "PPD - Pago en parcialidades o diferido" : "PUE - Pago en una sola exhibición",
      );
      const form = xmlAttr(xml, "Comprobante", "FormaPago");
      expect(text).toContain(
        {
          "99": "99 - Por definir",
          "15": "15 - Condonación",
          "17": "17 - Compensación",
          "03": "03 - Transferencia electrónica de fondos",
        }[form] ?? `${form} - `,
      );
      if (isCredit) {
        expect(text).toContain("CFDI relacionados: 01 - Nota de crédito de los documentos relacionados");
        expect(flat).toContain(xmlAttr(xml, "CfdiRelacionado", "UUID"));
      }
      expect(text).not.toMatch(/Factura electrónica de venta|CUFE|DIAN/i);
      // Quantities as the reader writes them: "49", never the stored "49.0000".
      const quantity = xmlAttr(xml, "Concepto", "Cantidad");
      expect(text).toContain(formatQuantity(quantity, "es-MX"));
      expect(text).not.toMatch(/\d\.0000\b/);
    });
  }

  it("CFDI in English keeps SAT's codes and the same QR, with English labels and the reader's date format", async () => {
    const doc = first("MX", "invoice");
    const { text, qr } = await renderStored(doc, "en", "en-US");
    const [date, time] = xmlAttr(doc.xml, "TimbreFiscalDigital", "FechaTimbrado").split("T");
    const [y, m, d] = date.split("-");
    expect(text).toContain(`Certification date and time ${m}/${d}/${y} ${time}`);
    expect(text).toContain("CFDI use: G01 - Purchase of goods");
    expect(qr[0]).toMatch(/^https:\/\/verificacfdi\.facturaelectronica\.sat\.gob\.mx\/default\.aspx\?id=/);
  });

  for (const kind of ["invoice", "credit_note"] as const) {
    it(`DIAN ${kind}: title, resolution and range, CUFE/CUDE and the DIAN QR; no Mexican legend`, async () => {
      const doc = first("CO", kind);
      const xml = doc.xml;
      const { text, qr } = await renderStored(doc, "es", "es-CO");
      const code = xmlText(xml, "UUID");
      expect(code).toBe(doc.fiscal_id);
      expect(qr).toEqual([`https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=${code}`]);
      expect(qr[0]).toBe(xmlText(xml, "QRCode"));
      const flat = squash(text);
      expect(flat).toContain(code);
      expect(text).toContain(`No. ${xmlText(xml, "ID")}`);
      if (kind === "invoice") {
        expect(text).toContain("FACTURA ELECTRÓNICA DE VENTA");
        const [y1, m1, d1] = xmlText(xml, "StartDate").split("-");
        const [y2, m2, d2] = xmlText(xml, "EndDate").split("-");
        expect(text).toContain(
          `Resolución de facturación DIAN No. ${xmlText(xml, "InvoiceAuthorization")} del ${d1}/${m1}/${y1}, ` +
            `vigente hasta ${d2}/${m2}/${y2}. Numeración autorizada: prefijo ${xmlText(xml, "Prefix")} ` +
            `del ${xmlText(xml, "From")} al ${xmlText(xml, "To")}.`,
        );
        expect(text).toContain("CUFE");
        expect(text).toContain("Representación gráfica de la factura electrónica de venta.");
      } else {
        expect(text).toContain("NOTA CRÉDITO ELECTRÓNICA");
        expect(text).toContain("CUDE");
        expect(text).toContain(`Factura que corrige ${xmlText(xml.split("<cac:BillingReference>")[1], "ID")}`);
      }
      expect(text).not.toMatch(/CFDI|SAT|Anexo|M\.N\.|representación impresa|Folio fiscal|RFC/);
    });
  }
});
