// The customer's invoices: filters carried in the URL, keyset pages, the invoice's detail with its
// PDF and CFDI XML, a selection downloaded as one ZIP; and a collector's view of the same pages, open
// inside its portfolio and 404 outside it.
import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  expectNotFoundPage,
  readPdfQrCodes,
  readPdfText,
  readZipEntries,
  signIn,
  signOut,
  waitForHydration,
} from "./helpers";

const CUSTOMER = "compras@ferreteria-lopez.mx";

const rowFolios = (page: Page) => page.getByRole("table").locator("tbody").getByRole("rowheader");

async function downloadBytes(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { download, bytes: await readFile((await download.path())!) };
}

test("filters by status and folio in the URL, keeps them on reload, and pages forward and back", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, CUSTOMER);
  await page.getByRole("navigation", { name: "Menú" }).getByRole("link", { name: "Facturas" }).click();
  await expect(page).toHaveURL(/\/portal\/invoices$/);
  await expect(page.getByRole("heading", { level: 1, name: "Facturas" })).toBeVisible();
  await expectAccessible(page);

  // Keyset pages: 25 per page, the next page holds others, and "Anterior" brings the first back.
  const total = Number(
    /(\d+) documentos/.exec(await page.getByRole("heading", { name: /documentos$/ }).innerText())![1],
  );
  expect(total, "the demo customer has more than one page of invoices").toBeGreaterThan(25);
  const firstPage = await rowFolios(page).allInnerTexts();
  expect(firstPage).toHaveLength(25);
  await page.getByRole("link", { name: "Siguiente" }).click();
  await expect(page).toHaveURL(/[?&]after=/);
  await expect(rowFolios(page).first()).not.toHaveText(firstPage[0]);
  const secondPage = await rowFolios(page).allInnerTexts();
  expect(secondPage.length).toBe(Math.min(25, total - 25));
  expect(secondPage.filter((f) => firstPage.includes(f))).toEqual([]);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Anterior" }).click();
  await expect(page).toHaveURL(/[?&]before=/);
  await expect(rowFolios(page)).toHaveText(firstPage);

  // Overdue only: every row is marked overdue.
  await waitForHydration(page);
  await page.getByLabel("Estado", { exact: true }).selectOption({ label: "Vencidas" });
  await page.getByRole("button", { name: "Aplicar filtros" }).click();
  await expect(page).toHaveURL(/[?&]status=overdue/);
  const overdueRows = page.getByRole("table").locator("tbody tr");
  await expect(overdueRows.first()).toBeVisible();
  // The URL moves before the filtered rows replace the unfiltered ones: wait for the table itself.
  await expect(overdueRows.filter({ hasNotText: "Vencida" })).toHaveCount(0);
  for (const row of await overdueRows.all()) {
    await expect(row).toContainText("Vencida");
    await expect(row).toContainText("Días vencidos");
  }
  await expectAccessible(page);

  // Search by a folio read from the page.
  const folio = (await rowFolios(page).first().innerText()).trim();
  await page.getByLabel("Buscar", { exact: true }).fill(folio);
  await page.getByRole("button", { name: "Aplicar filtros" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(folio)}(&|$)`));
  expect(new URL(page.url()).searchParams.get("status")).toBe("overdue");
  await expect(rowFolios(page)).toHaveText([folio]);

  // The URL is the state: a reload shows the same filters and the same result.
  await page.reload();
  await expect(page.getByLabel("Estado", { exact: true })).toHaveValue("overdue");
  await expect(page.getByLabel("Buscar", { exact: true })).toHaveValue(folio);
  await expect(rowFolios(page)).toHaveText([folio]);
  await expect(page.getByRole("heading", { name: "1 documento" })).toBeVisible();
  await expectAccessible(page);
});

test("opens a paid invoice: fiscal data, lines, remissions, applications; downloads its PDF and CFDI XML", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, CUSTOMER);
  await page.goto("/portal/invoices?status=paid");
  await expect(page.getByLabel("Estado", { exact: true })).toHaveValue("paid");
  const folio = (await rowFolios(page).first().innerText()).trim();
  await rowFolios(page).first().getByRole("link").click();
  await expect(page).toHaveURL(/\/portal\/documents\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: folio })).toBeVisible();

  const fiscal = page.getByRole("region", { name: "Datos fiscales" });
  await expect(fiscal).toContainText("Folio fiscal (UUID)");
  await expect(fiscal).toContainText("Ferretería López");
  await expect(fiscal).toContainText(/RFC \/ NIT\s*:\s*[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}/);
  const uuid = (
    await fiscal.getByText(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i).innerText()
  ).trim();

  const lines = page.getByRole("region", { name: "Conceptos" });
  expect(await lines.locator("tbody tr").count()).toBeGreaterThan(0);
  const remissions = page.getByRole("region", { name: "Remisiones" });
  await expect(remissions.locator("tbody tr").first()).toContainText(/REM-\d+/);
  const applications = page.getByRole("region", { name: "Aplicaciones" });
  await expect(applications.locator("tbody tr").first()).toContainText(/(Pago|Nota de crédito) [A-Z]+-\d+/);
  await expect(page.getByText("Saldo pendiente").locator("xpath=following-sibling::dd")).toHaveText("$0.00");
  await expectAccessible(page);

  const pdf = await downloadBytes(page, () => page.getByRole("link", { name: "Descargar PDF" }).click());
  expect(pdf.download.suggestedFilename()).toBe(`${folio}.pdf`);
  expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  const xml = await downloadBytes(page, () => page.getByRole("link", { name: "Descargar XML" }).click());
  expect(xml.download.suggestedFilename()).toBe(`${folio}.xml`);
  const text = xml.bytes.toString("utf8");
  expect(text).toMatch(/^<\?xml/);
  expect(text).toMatch(/<cfdi:Comprobante[^>]*xmlns:cfdi="http:\/\/www\.sat\.gob\.mx\/cfd\/4"/);
  const [series, number] = folio.split("-");
  expect(text).toContain(`Serie="${series}"`);
  expect(text).toContain(`Folio="${number}"`);
  expect(text).toMatch(new RegExp(`<tfd:TimbreFiscalDigital[^>]*UUID="${uuid}"`, "i"));

  // The PDF is the CFDI's printed representation: its QR is SAT's verification URL for this XML.
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(text)![1];
  const seal = attr("Sello");
  const qr = (await readPdfQrCodes(new Uint8Array(pdf.bytes))).filter((code) => code !== null);
  expect(qr).toHaveLength(1);
  expect(qr[0]).toMatch(
    new RegExp(
      `^https://verificacfdi\\.facturaelectronica\\.sat\\.gob\\.mx/default\\.aspx\\?id=${uuid}&re=[A-Z&Ñ0-9]+&rr=[A-Z&Ñ0-9]+&tt=\\d+\\.\\d+&fe=`,
      "i",
    ),
  );
  expect(qr[0].endsWith(`&fe=${seal.slice(-8)}`)).toBe(true);
  const printed = (await readPdfText(new Uint8Array(pdf.bytes))).replace(/\s+/g, "");
  expect(printed).toContain(seal);
  expect(printed).toContain("SellodigitaldelSAT");
  // Still on the invoice after the downloads.
  await expect(page.getByRole("heading", { level: 1, name: folio })).toBeVisible();
});

test("opens an applied credit note from the notes tab, and its related invoice from there", async ({
  page,
  login,
  expectAccessible,
  browserErrors,
}) => {
  await login(page, CUSTOMER);
  await page.goto("/portal/invoices?tab=notes&status=paid");
  await expect(page.getByRole("link", { name: "Notas de crédito y cargo" })).toHaveAttribute("aria-current", "page");
  const note = page.getByRole("table").locator("tbody tr").filter({ hasText: "Nota de crédito" }).first();
  await expect(note).toContainText("Aplicada");
  const noteFolio = (await note.getByRole("rowheader").innerText()).trim();
  await note.getByRole("link", { name: noteFolio }).click();
  await expect(page.getByRole("heading", { level: 1, name: noteFolio })).toBeVisible();
  const applied = page.getByRole("region", { name: "Aplicaciones" }).locator("tbody tr").first();
  await expect(applied).toContainText(/Factura [A-Z]+-\d+/);
  const related = page.getByRole("region", { name: "Documentos relacionados" });
  const invoiceLink = related.getByRole("link").first();
  const invoiceFolio = (await invoiceLink.innerText()).trim();
  await expectAccessible(page);
  await invoiceLink.click();
  await expect(page.getByRole("heading", { level: 1, name: invoiceFolio })).toBeVisible();
  await expect(page.getByRole("region", { name: "Aplicaciones" })).toContainText(`Nota de crédito ${noteFolio}`);

  // A document ID that is not the customer's is simply not found.
  await expectNotFoundPage(page, "/portal/documents/no-such-document", browserErrors, expectAccessible);
});

test("selects two invoices and downloads one ZIP with their PDFs and XMLs", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, CUSTOMER);
  await page.goto("/portal/invoices?status=paid");
  await waitForHydration(page);
  const [first, second] = (await rowFolios(page).allInnerTexts()).map((f) => f.trim());
  const button = page.getByRole("button", { name: /^Descargar seleccionados \(PDF y XML\)/ });
  await expect(button).toBeDisabled();
  await page.getByRole("checkbox", { name: `Seleccionar ${first}` }).check();
  await page.getByRole("checkbox", { name: `Seleccionar ${second}` }).check();
  await expect(button).toHaveText(/\(2\)$/);
  await expect(button).toBeEnabled();
  await expectAccessible(page);

  const zip = await downloadBytes(page, () => button.click());
  expect(zip.download.suggestedFilename()).toBe("documentos.zip");
  const entries = readZipEntries(zip.bytes);
  expect([...entries.keys()].sort()).toEqual([`${first}.pdf`, `${first}.xml`, `${second}.pdf`, `${second}.xml`].sort());
  for (const folio of [first, second]) {
    expect(entries.get(`${folio}.pdf`)!.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const xml = entries.get(`${folio}.xml`)!.toString("utf8");
    expect(xml).toContain("<cfdi:Comprobante");
    expect(xml).toContain(`Folio="${folio.split("-")[1]}"`);
  }
});

test("a collector opens its portfolio customer's invoices and statement, and gets 404 outside its portfolio", async ({
  page,
  login,
  expectAccessible,
  browserErrors,
}) => {
  // Two sign-ins, five pages each checked by axe and three 404s: more than the default 30 s on a busy 2-core machine.
  test.slow();
  // The admin sees every account: find one that belongs to another collector.
  await login(page, "admin@cartera.demo");
  await page.getByRole("searchbox").fill("MX-0002");
  await page.getByRole("button", { name: "Buscar" }).click();
  await expect(page).toHaveURL(/[?&]q=MX-0002/);
  const outsider = page.getByRole("table").getByRole("row").filter({ hasText: "MX-0002" });
  await expect(outsider).toHaveCount(1);
  const collectorOfOutsider = (await outsider.locator("td").nth(1).innerText()).trim();
  const outsiderHref = (await outsider.getByRole("link").getAttribute("href"))!;
  expect(outsiderHref).toMatch(/^\/staff\/accounts\/[^/]+$/);
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, "cobranza1@cartera.demo");
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByText("Mi cartera")).toBeVisible();
  const own = page.getByRole("table").getByRole("row").filter({ hasText: "MX-0001" });
  await expect(own.locator("td").nth(1)).not.toHaveText(collectorOfOutsider);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "MX-0002" })).toHaveCount(0);
  await own.getByRole("link").click();
  await expect(page).toHaveURL(/\/staff\/accounts\/[^/]+$/);
  const accountPath = new URL(page.url()).pathname;

  const tabs = page.getByRole("navigation", { name: "Cliente MX-0001" });
  await tabs.getByRole("link", { name: "Facturas" }).click();
  await expect(page).toHaveURL(`${accountPath}/invoices`);
  await expect(page.getByRole("heading", { level: 1, name: "Facturas" })).toBeVisible();
  await expect(rowFolios(page).first()).toHaveText(/^[A-Z]+-\d+$/);
  // Links stay on the staff side.
  expect(await rowFolios(page).first().getByRole("link").getAttribute("href")).toMatch(
    new RegExp(`^${accountPath}/documents/`),
  );
  await expectAccessible(page);

  await tabs.getByRole("link", { name: "Estado de cuenta" }).click();
  await expect(page).toHaveURL(`${accountPath}/statement`);
  await expect(page.getByRole("heading", { level: 1, name: "Estado de cuenta" })).toBeVisible();
  await expect(page.getByText(/MX-0001/).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Movimientos en MXN" }).getByText("Saldo final").first()).toBeVisible();
  await expectAccessible(page);

  for (const path of [outsiderHref, `${outsiderHref}/invoices`, `${outsiderHref}/statement`]) {
    await expectNotFoundPage(page, path, browserErrors, expectAccessible, "MX-0002");
  }
  const download = await page.request.get(`${outsiderHref}/statement/csv`);
  expect(download.status()).toBe(404);
});

test("a Colombian invoice's PDF is DIAN's graphic representation: resolution, CUFE and the DIAN QR of its UBL", async ({
  page,
  login,
}) => {
  await login(page, "pagos@distribuidora-andina.co");
  await page.goto("/portal/invoices");
  const folio = (await rowFolios(page).first().innerText()).trim();
  await rowFolios(page).first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: folio })).toBeVisible();
  const pdf = await downloadBytes(page, () => page.getByRole("link", { name: "Descargar PDF" }).click());
  const xml = (
    await downloadBytes(page, () => page.getByRole("link", { name: "Descargar XML" }).click())
  ).bytes.toString("utf8");
  const cufe = /<cbc:UUID[^>]*>([0-9a-f]{96})<\/cbc:UUID>/.exec(xml)![1];
  expect(await readPdfQrCodes(new Uint8Array(pdf.bytes))).toContain(
    `https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=${cufe}`,
  );
  const text = await readPdfText(new Uint8Array(pdf.bytes));
  expect(text).toContain("FACTURA ELECTRÓNICA DE VENTA");
  expect(text).toMatch(/Resolución de facturación DIAN No\. \d+ del \d{2}\/\d{2}\/\d{4}/);
  expect(text.replace(/\s+/g, "")).toContain(cufe);
  expect(text).not.toMatch(/CFDI|SAT|M\.N\./);
});
