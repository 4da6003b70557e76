// What the printed representations compute themselves: the QR contents (SAT's total format, RFCs
// with "&", DIAN's hosts), reading a stored XML leniently, cutting seals into whole lines, and the
// QR module matrix the PDF paints decoding back to its text.
import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { cutLines } from "~/domain/documents/pdf/invoice-pdf";
import { qrModulesPath } from "~/domain/documents/pdf/qr-code";
import { describeCode, PAYMENT_METHODS, TAX_REGIMES } from "~/domain/fiscal/fiscal-catalogs";
import { readFiscalXml, readFiscalXmlStrict } from "~/domain/fiscal/read-fiscal-xml";
import { buildDianQrUrl, buildSatVerificationUrl, formatQrTotal } from "~/domain/fiscal/verification-urls";

describe("SAT verification URL", () => {
  it("writes the total without non-significant zeros, keeping one decimal, from the decimal string", () => {
    expect(formatQrTotal("35342.10")).toBe("35342.1");
    expect(formatQrTotal("1218.00")).toBe("1218.0");
    expect(formatQrTotal("0.50")).toBe("0.5");
    expect(formatQrTotal("0012345678901234567.123456")).toBe("12345678901234567.123456");
  });

  it("carries id, re, rr, tt and the last 8 characters of the seal; an RFC's & is written &amp;", () => {
    expect(
      buildSatVerificationUrl({
        uuid: "5F2C1A3E-1234-4ABC-9DEF-0123456789AB",
        issuerRfc: "AMN950315QK2",
        receiverRfc: "M&M980512HT4",
        total: "35342.10",
        seal: "abcdefghijklmnopqrstuv+/wxyz12==",
      }),
    ).toBe(
      "https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=5F2C1A3E-1234-4ABC-9DEF-0123456789AB" +
        "&re=AMN950315QK2&rr=M&amp;M980512HT4&tt=35342.1&fe=wxyz12==",
    );
  });

  it("sends DIAN documents to the production catalogue, test-environment ones to habilitación", () => {
    expect(buildDianQrUrl("ab12")).toBe("https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=ab12");
    expect(buildDianQrUrl("ab12", "2")).toBe(
      "https://catalogo-vpfe-hab.dian.gov.co/document/searchqr?documentkey=ab12",
    );
  });
});

describe("reading stored fiscal XML", () => {
  it("gives null for XML that is no stamped CFDI nor UBL, and says why when asked strictly", () => {
    const stub = `<?xml version="1.0"?><cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Total="1.00"/>`;
    expect(readFiscalXml(stub)).toBeNull();
    expect(() => readFiscalXmlStrict(stub)).toThrow(/TimbreFiscalDigital/);
    expect(readFiscalXml("not xml <")).toBeNull();
    expect(readFiscalXml("<Order/>")).toBeNull();
  });

  it("describes codes with SAT's catalogue text, in the reader's language when there is a gloss", () => {
    expect(describeCode(PAYMENT_METHODS, "PPD", "es")).toBe("PPD - Pago en parcialidades o diferido");
    expect(describeCode(TAX_REGIMES, "601", "es")).toBe("601 - General de Ley Personas Morales");
    expect(describeCode(TAX_REGIMES, "606", "en")).toBe("606 - Arrendamiento");
    expect(describeCode(TAX_REGIMES, "999", "es")).toBe("999");
    expect(describeCode(TAX_REGIMES, null, "es")).toBeNull();
  });
});

describe("printing", () => {
  it("cuts a seal into lines that join back to it", () => {
    const seal = "A".repeat(150) + "B".repeat(150) + "==";
    const lines = cutLines(seal, 140);
    expect(lines.map((l) => l.length)).toEqual([140, 140, 22]);
    expect(lines.join("")).toBe(seal);
  });

  it("paints a QR matrix that a decoder reads back as the URL", () => {
    const url = buildDianQrUrl("f".repeat(96));
    const { size, d } = qrModulesPath(url);
    // Rasterise the path's unit squares at 4 px a module with a 4-module quiet zone.
    const scale = 4;
    const side = (size + 8) * scale;
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const match of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      const [x, y, w] = match.slice(1).map(Number);
      for (let px = x * scale; px < (x + w) * scale; px++)
        for (let py = y * scale; py < (y + 1) * scale; py++) {
          const i = ((py + 4 * scale) * side + px + 4 * scale) * 4;
          pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }
    }
    expect(jsQR(pixels, side, side)?.data).toBe(url);
  });
});
