// The statement PDF paginates and measures its movements table itself (app/domain/statements/pdf):
// every page it plans is one LETTER page of output (react-pdf never splits one, so the static
// "Página X de Y" is right), every movement is printed once, and text that does not fit a column
// (long descriptions and folios, words wider than the column, characters Helvetica lacks) is
// broken or replaced, never lost off the page.
import { describe, expect, it } from "vitest";
import { getStatementLabels } from "~/domain/statements/labels";
import { renderStatementPdfDocument } from "~/domain/statements/pdf/render-statement-pdf-document";
import { paginateStatement } from "~/domain/statements/pdf/statement-pdf";
import { breakLines, textWidth } from "~/domain/statements/pdf/table";
import type { Statement } from "~/domain/statements/types";
import { formatMoney } from "~/utils/money";
import { buildLargeStatement } from "../fixtures/large-statement";

async function readPages(bytes: Uint8Array) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: { text: string; width: number; height: number }[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ("str" in item ? item.str : ""))
      .join(" ")
      .replace(/\s+/g, " ");
    pages.push({ text, width, height });
  }
  await doc.destroy();
  return pages;
}

/** 400 MXN movements with awkward text, and a USD section of 40. */
function awkwardStatement(): Statement {
  const statement = buildLargeStatement(400);
  const [mxn] = statement.sections;
  mxn.movements[3].description = "W".repeat(120);
  mxn.movements[7].description = 'Entrega parcial, "urgente"\nsegunda línea ✓ — 5 € ñ';
  mxn.movements[10].serieFolio = "SERIELARGA-0000123456";
  mxn.movements[11].description = `REF${"9".repeat(60)}`;
  const usd = buildLargeStatement(40).sections[0];
  usd.currency = "USD";
  for (const m of usd.movements) m.serieFolio = `U${m.serieFolio}`;
  statement.sections.push(usd);
  return statement;
}

describe("statement PDF layout", () => {
  it("plans pages that are each exactly one LETTER page, numbered 'Página X de Y', with every movement once", async () => {
    const statement = awkwardStatement();
    const planned = paginateStatement(statement, getStatementLabels("es"), "es-MX");
    const pages = await readPages(await renderStatementPdfDocument(statement, { language: "es", locale: "es-MX" }));
    expect(pages.length).toBe(planned.length);
    pages.forEach((page, i) => {
      expect([page.width, page.height]).toEqual([612, 792]);
      expect(page.text).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(page.text).toContain("Aceros del Norte SA de CV");
      expect(page.text).toContain("Concepto / Folio fiscal");
    });
    const all = pages.map((p) => p.text).join(" ");
    for (const section of statement.sections)
      for (const m of section.movements) {
        if (m.serieFolio.startsWith("SERIELARGA")) continue;
        const occurrences = all.match(new RegExp(`(?<![\\w-])${m.serieFolio}(?![\\w-])`, "g")) ?? [];
        expect(occurrences.length, m.serieFolio).toBe(1);
      }
    // Cut between characters where a folio or word is wider than its column, but all there.
    const squeezed = all.replace(/\s+/g, "");
    expect(squeezed).toContain("SERIELARGA-0000123456");
    expect(squeezed).toContain(`REF${"9".repeat(60)}`);
    // Descriptions are shortened to 80 characters; newlines and missing glyphs do not break the row.
    expect(squeezed).toContain(`Factura-${"W".repeat(77)}...`);
    expect(all).toContain('Entrega parcial, "urgente" segunda línea ? — 5 € ñ');
    for (const section of statement.sections) {
      const closing = formatMoney(section.closingBalance, section.currency, "es-MX").replace(/\s+/g, " ");
      expect(all).toContain(`Saldo final ${closing}`);
    }
    expect(all).toMatch(/Antigüedad de saldos \(\s*USD\s*\)/);
  });

  it("never leaves the aging alone under empty column titles, nor the closing rows without movements", () => {
    const labels = getStatementLabels("es");
    let agingPages = 0;
    for (let n = 20; n <= 140; n += 1) {
      const pages = paginateStatement(buildLargeStatement(n), labels, "es-MX");
      for (const [index, page] of pages.entries()) {
        const rows = page.filter((item) => item.type === "rows").reduce((sum, item) => sum + item.rows.length, 0);
        if (page.some((item) => item.type === "aging")) {
          agingPages += 1;
          // totals + closing + at least three movements above them
          expect(rows, `${n} movements, page ${index + 1}`).toBeGreaterThanOrEqual(5);
        }
        if (page.some((item) => item.type === "notes")) expect(page.some((item) => item.type === "aging")).toBe(true);
      }
    }
    expect(agingPages).toBe(121);
  });

  it("breaks text at spaces to the column's width, and cuts a word wider than the column", () => {
    const width = 122;
    const lines = breakLines(`Factura - ${"Pedido muy largo ".repeat(6)} ${"X".repeat(50)}`, width, "Helvetica", 7.5);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(textWidth(line, "Helvetica", 7.5)).toBeLessThanOrEqual(width);
    expect(lines.join("")).toContain("X".repeat(50).slice(0, 10));
    expect(lines.join("").replace(/\s/g, "")).toContain("X".repeat(50));
    expect(breakLines("  ", width, "Helvetica", 7.5)).toEqual([]);
    expect(breakLines("$12,345.67", 63, "Helvetica", 7.5)).toEqual(["$12,345.67"]);
  });
});
