// What the statement's XLSX and CSV downloads hold, cell by cell: the header block (seller, customer,
// tax IDs, account, currency, term, credit limit, period), one row per movement with its due date,
// open amount and overdue flag only for charges, the opening and closing rows, the aging sheet with
// every bucket and the totals; dates as date cells in the locale's order, money as numbers in the
// currency's format; CSV fields quoted only when they must be.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportStatementCsv } from "~/domain/statements/export-statement-csv.server";
import { exportStatementXlsx } from "~/domain/statements/export-statement-xlsx.server";
import { getStatement } from "~/domain/statements/get-statement.server";
import type { Statement } from "~/domain/statements/types";
import type { Db } from "~/utils/db.server";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { databaseTest } from "../setup/route-test";
import { type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let statement: Statement;
let account: Awaited<ReturnType<typeof createTestAccount>>;
const ids: Record<string, string> = {};

const UUID = "5E2A0C3B-1111-4A2B-8C3D-0123456789AB";
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  const org = seller;
  account = await createTestAccount(db, org, { paymentTermDays: 30, creditLimit: "250000.00" });
  const a = account.id;
  await issueDocument(db, a, "invoice", "500.00", "2026-04-01", { dueDate: "2026-04-15" }); // opening 500
  ids.i1 = await issueDocument(db, a, "invoice", "1000.00", "2026-05-02", {
    series: "A",
    folio: "101",
    dueDate: "2026-05-20",
    fiscalId: UUID,
    notes: 'Pedido "urgente", parcial',
  });
  ids.i2 = await issueDocument(db, a, "invoice", "200.00", "2026-05-10", { series: "A", folio: "102" });
  ids.nc = await issueDocument(db, a, "credit_note", "50.00", "2026-05-12", { series: "NC", folio: "7" });
  ids.p1 = await issueDocument(db, a, "payment", "400.00", "2026-05-25", {
    series: "P",
    folio: "9",
    reference: "SPEI 42",
  });
  ids.ajc = await issueDocument(db, a, "adjustment", "10.00", "2026-05-26", {
    effect: "charge",
    series: "AJ",
    folio: "1",
  });
  ids.ajd = await issueDocument(db, a, "adjustment", "5.00", "2026-05-27", {
    effect: "credit",
    series: "AJ",
    folio: "2",
  });
  ids.nd = await issueDocument(db, a, "debit_note", "20.00", "2026-05-28", { series: "ND", folio: "3" });
  ids.usd = await issueDocument(db, a, "invoice", "99.99", "2026-05-30", { currency: "USD", series: "U", folio: "1" });
  await applyAmount(db, ids.p1, ids.i1, "400.00", "2026-05-25");
  await applyAmount(db, ids.nc, ids.i2, "50.00", "2026-05-12");
  statement = (await getStatement(db, { accountId: a, accountIds: [a], from: "2026-05-01", to: "2026-05-31" }))!;
});

async function readXlsx(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}
const values = (row: ExcelJS.Row, n: number) => Array.from({ length: n }, (_, i) => row.getCell(i + 1).value ?? null);

describe("XLSX", () => {
  it("opens with the title and a header block: seller, tax IDs, customer, account, currency, term, credit limit and period", async () => {
    const sheet = (
      await readXlsx(await exportStatementXlsx(statement, { language: "es", locale: "es-MX" }))
    ).getWorksheet("Movimientos")!;
    expect(sheet.getCell("A1").value).toBe("Estado de cuenta - Aceros del Norte SA de CV");
    expect(sheet.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    const block = Array.from({ length: 10 }, (_, i) => values(sheet.getRow(i + 2), 2));
    expect(block).toEqual([
      ["Emisor", "Aceros del Norte SA de CV"],
      ["RFC / NIT", "ANO010101AB1"],
      ["Cliente", account.legalName],
      ["RFC / NIT", account.taxId],
      ["Número de cliente", account.number],
      ["Moneda", "MXN"],
      ["Plazo de pago", "30 días"],
      ["Límite de crédito", 250000],
      ["Periodo", date("2026-05-01")],
      ["", date("2026-05-31")],
    ]);
    for (let r = 2; r <= 11; r += 1) expect(sheet.getRow(r).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(9).getCell(2).numFmt).toBe('"MXN "#,##0.00;-"MXN "#,##0.00');
    expect(sheet.getRow(10).getCell(2).numFmt).toBe("dd/mm/yyyy");
    expect(sheet.getRow(11).getCell(2).numFmt).toBe("dd/mm/yyyy");
    expect(sheet.getRow(3).getCell(2).numFmt).toBeFalsy(); // text cells carry no number format
  });

  it("has a frozen, bold table header under the block, then per currency: a bold opening row, one row per movement, a bold closing row, a blank row", async () => {
    const sheet = (
      await readXlsx(await exportStatementXlsx(statement, { language: "es", locale: "es-MX" }))
    ).getWorksheet("Movimientos")!;
    const headerRow = 13;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
    expect(values(sheet.getRow(headerRow), 12)).toEqual([
      "Moneda",
      "Fecha",
      "Documento",
      "Tipo de fila",
      "Concepto",
      "Folio fiscal",
      "Vence",
      "Cargo",
      "Abono",
      "Saldo",
      "Pendiente",
      "Vencido",
    ]);
    expect(sheet.getRow(headerRow).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(12).getCell(1).value ?? null).toBeNull();

    const rows = Array.from({ length: 16 }, (_, i) => sheet.getRow(headerRow + 1 + i));
    expect(rows.map((r) => values(r, 12))).toEqual([
      ["MXN", date("2026-05-01"), null, "Saldo inicial", null, null, null, null, null, 500, null, null],
      [
        "MXN",
        date("2026-05-02"),
        "A-101",
        "Factura",
        'Pedido "urgente", parcial',
        UUID,
        date("2026-05-20"),
        1000,
        null,
        1500,
        600,
        "Sí",
      ],
      ["MXN", date("2026-05-10"), "A-102", "Factura", null, null, date("2026-06-09"), 200, null, 1700, 150, "No"],
      ["MXN", date("2026-05-12"), "NC-7", "Nota de crédito", null, null, null, null, 50, 1650, null, null],
      ["MXN", date("2026-05-25"), "P-9", "Pago", "SPEI 42", null, null, null, 400, 1250, null, null],
      ["MXN", date("2026-05-26"), "AJ-1", "Ajuste (cargo)", null, null, date("2026-06-25"), 10, null, 1260, 10, "No"],
      ["MXN", date("2026-05-27"), "AJ-2", "Ajuste (abono)", null, null, null, null, 5, 1255, null, null],
      ["MXN", date("2026-05-28"), "ND-3", "Nota de cargo", null, null, date("2026-06-27"), 20, null, 1275, 20, "No"],
      ["MXN", date("2026-05-31"), null, "Saldo final", null, null, null, null, null, 1275, null, null],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      ["USD", date("2026-05-01"), null, "Saldo inicial", null, null, null, null, null, 0, null, null],
      ["USD", date("2026-05-30"), "U-1", "Factura", null, null, date("2026-06-29"), 99.99, null, 99.99, 99.99, "No"],
      ["USD", date("2026-05-31"), null, "Saldo final", null, null, null, null, null, 99.99, null, null],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null, null, null, null, null, null],
    ]);
    const bold = (r: ExcelJS.Row) => Boolean(r.getCell(4).font?.bold);
    expect(rows.slice(0, 9).map(bold)).toEqual([true, false, false, false, false, false, false, false, true]);
    const money = (c: string) => `"${c} "#,##0.00;-"${c} "#,##0.00`;
    for (const [r, currency] of [
      [rows[1], "MXN"],
      [rows[0], "MXN"],
      [rows[11], "USD"],
    ] as const) {
      expect([2, 7].map((c) => r.getCell(c).numFmt)).toEqual(["dd/mm/yyyy", "dd/mm/yyyy"]);
      expect([8, 9, 10, 11].map((c) => r.getCell(c).numFmt)).toEqual([1, 2, 3, 4].map(() => money(currency)));
    }
  });

  it("the aging sheet lists per currency every bucket with its count and amount at the aging date, then the bold totals", async () => {
    const aging = (
      await readXlsx(await exportStatementXlsx(statement, { language: "es", locale: "es-MX" }))
    ).getWorksheet("Antigüedad")!;
    expect(values(aging.getRow(1), 5)).toEqual(["Moneda", "Antigüedad al", "Rango", "Documentos", "Importe"]);
    expect(aging.getRow(1).getCell(1).font?.bold).toBe(true);
    const asOf = date("2026-05-31");
    const rows = Array.from({ length: 22 }, (_, i) => aging.getRow(2 + i));
    // MXN at 05-31: opening invoice 500 (46 days), A-101 600 (11 days) overdue; A-102 150, AJ-1 10, ND-3 20 current.
    expect(rows.map((r) => values(r, 5))).toEqual([
      ["MXN", asOf, "Por vencer", 3, 180],
      ["MXN", asOf, "1-30 días", 1, 600],
      ["MXN", asOf, "31-60 días", 1, 500],
      ["MXN", asOf, "61-90 días", 0, 0],
      ["MXN", asOf, "91-180 días", 0, 0],
      ["MXN", asOf, "Más de 180 días", 0, 0],
      ["MXN", asOf, "Cargos pendientes", null, 1280],
      ["MXN", asOf, "Abonos sin aplicar", null, 5],
      ["MXN", asOf, "Saldo neto", null, 1275],
      ["MXN", asOf, "Total vencido", null, 1100],
      [null, null, null, null, null],
      ["USD", asOf, "Por vencer", 1, 99.99],
      ["USD", asOf, "1-30 días", 0, 0],
      ["USD", asOf, "31-60 días", 0, 0],
      ["USD", asOf, "61-90 días", 0, 0],
      ["USD", asOf, "91-180 días", 0, 0],
      ["USD", asOf, "Más de 180 días", 0, 0],
      ["USD", asOf, "Cargos pendientes", null, 99.99],
      ["USD", asOf, "Abonos sin aplicar", null, 0],
      ["USD", asOf, "Saldo neto", null, 99.99],
      ["USD", asOf, "Total vencido", null, 0],
      [null, null, null, null, null],
    ]);
    expect(rows.slice(0, 10).map((r) => Boolean(r.getCell(3).font?.bold))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(rows[0].getCell(2).numFmt).toBe("dd/mm/yyyy");
    expect(rows[0].getCell(5).numFmt).toBe('"MXN "#,##0.00;-"MXN "#,##0.00');
    expect(rows[11].getCell(5).numFmt).toBe('"USD "#,##0.00;-"USD "#,##0.00');
  });

  it("in English with en-US dates: English labels and sheet names, month first", async () => {
    const workbook = await readXlsx(await exportStatementXlsx(statement, { language: "en", locale: "en-US" }));
    const sheet = workbook.getWorksheet("Movements")!;
    expect(workbook.getWorksheet("Aging")).toBeDefined();
    expect(sheet.getCell("A1").value).toBe("Statement of account - Aceros del Norte SA de CV");
    expect(values(sheet.getRow(10), 2)).toEqual(["Period", date("2026-05-01")]);
    expect(sheet.getRow(10).getCell(2).numFmt).toBe("mm/dd/yyyy");
    expect(values(sheet.getRow(8), 2)).toEqual(["Payment term", "30 days"]);
    const a101 = sheet.getRow(15);
    expect(values(a101, 12).slice(2, 4)).toEqual(["A-101", "Invoice"]);
    expect(a101.getCell(12).value).toBe("Yes");
    expect(a101.getCell(7).numFmt).toBe("mm/dd/yyyy");
    expect(workbook.getWorksheet("Aging")!.getRow(2).getCell(2).numFmt).toBe("mm/dd/yyyy");
  });

  it("es-CO dates are day first too", async () => {
    const sheet = (
      await readXlsx(await exportStatementXlsx(statement, { language: "es", locale: "es-CO" }))
    ).getWorksheet("Movimientos")!;
    expect(sheet.getRow(10).getCell(2).numFmt).toBe("dd/mm/yyyy");
  });
});

describe("CSV", () => {
  it("quotes a field only when it holds a comma, quote or line break (quotes doubled); an absent value is an empty field", async () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      exportStatementCsv(statement, { language: "es" }),
    );
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Moneda,Fecha,Vence,Documento,Tipo de fila,Concepto,Folio fiscal,Cargo,Abono,Saldo,Pendiente,Vencido,En aclaración",
    );
    expect(lines[1]).toBe("MXN,2026-05-01,,,Saldo inicial,,,,,500.00,,,");
    expect(lines[2]).toBe(
      `MXN,2026-05-02,2026-05-20,A-101,Factura,"Pedido ""urgente"", parcial",${UUID},1000.00,,1500.00,600.00,Sí,`,
    );
    expect(lines[4]).toBe("MXN,2026-05-12,,NC-7,Nota de crédito,,,,50.00,1650.00,,,");
    expect(lines[5]).toBe("MXN,2026-05-25,,P-9,Pago,SPEI 42,,,400.00,1250.00,,,");
    expect(lines[6]).toBe("MXN,2026-05-26,2026-06-25,AJ-1,Ajuste (cargo),,,10.00,,1260.00,10.00,No,");
    expect(lines[7]).toBe("MXN,2026-05-27,,AJ-2,Ajuste (abono),,,,5.00,1255.00,,,");
    expect(lines.at(-1)).toBe("");
  });

  it('es-CO: ";" between fields and a decimal comma, as a Colombian spreadsheet reads it', async () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      exportStatementCsv(statement, { language: "es", locale: "es-CO" }),
    );
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Moneda;Fecha;Vence;Documento;Tipo de fila;Concepto;Folio fiscal;Cargo;Abono;Saldo;Pendiente;Vencido;En aclaración",
    );
    expect(lines[1]).toBe("MXN;2026-05-01;;;Saldo inicial;;;;;500,00;;;");
    expect(lines[2]).toBe(
      `MXN;2026-05-02;2026-05-20;A-101;Factura;"Pedido ""urgente"", parcial";${UUID};1000,00;;1500,00;600,00;Sí;`,
    );
    expect(lines[5]).toBe("MXN;2026-05-25;;P-9;Pago;SPEI 42;;;400,00;1250,00;;;");
    // es-MX keeps "," and the dot
    const mx = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      exportStatementCsv(statement, { language: "es", locale: "es-MX" }),
    );
    expect(mx.slice(1).split("\r\n")[1]).toBe("MXN,2026-05-01,,,Saldo inicial,,,,,500.00,,,");
  });

  it("a description a spreadsheet would run as a formula is written as text (CSV injection); negative amounts stay numbers", async () => {
    const section = statement.sections[0];
    const hostile = {
      ...statement,
      sections: [
        {
          ...section,
          movements: section.movements.map((m, i) =>
            i === 0 ? { ...m, description: '=HYPERLINK("http://evil.example")' } : m,
          ),
        },
      ],
    };
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(exportStatementCsv(hostile, { language: "es" }));
    const lines = text.slice(1).split("\r\n");
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const negative = {
      ...statement,
      sections: [{ ...section, openingBalance: "-500.00" as typeof section.openingBalance }],
    };
    const neg = new TextDecoder("utf-8", { ignoreBOM: true }).decode(exportStatementCsv(negative, { language: "es" }));
    expect(neg.slice(1).split("\r\n")[1]).toBe("MXN,2026-05-01,,,Saldo inicial,,,,,-500.00,,,");
  });

  it("in English: English headers and labels", async () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      exportStatementCsv(statement, { language: "en" }),
    );
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Currency,Date,Due,Document,Row type,Description,Fiscal ID,Charge,Credit,Balance,Open,Overdue,Under claim",
    );
    expect(lines[6]).toBe("MXN,2026-05-26,2026-06-25,AJ-1,Adjustment (charge),,,10.00,,1260.00,10.00,No,");
    expect(lines[7]).toBe("MXN,2026-05-27,,AJ-2,Adjustment (credit),,,,5.00,1255.00,,,");
  });
});
