// The customer's statement of account: a period chosen on the page and carried in the URL, the PDF,
// XLSX and CSV downloads (the CSV's closing balance is the page's), "email it to me" arriving over
// SMTP with the PDF attached, and the page once in English.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { parseCsv } from "../setup/read-csv";
import { expect, test } from "./fixtures";
import { parseMoney, waitForEmail } from "./helpers";

const CUSTOMER = "compras@ferreteria-lopez.mx";

/** The month before the one `isoDate` falls in, as [first day, last day]. */
function previousMonth(isoDate: string): [string, string] {
  const [y, m] = isoDate.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return [first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)];
}

/** The value shown under a summary label ("Saldo final") of the currency's section. */
const summaryValue = (page: Page, currency: string, label: string) =>
  page
    .getByRole("region", { name: new RegExp(`${currency}$`) })
    .locator("dt", { hasText: label })
    .locator("xpath=following-sibling::dd");

async function openStatement(page: Page) {
  await page.getByRole("navigation", { name: "Menú" }).getByRole("link", { name: "Estado de cuenta" }).click();
  await expect(page).toHaveURL(/\/portal\/statement/);
  await expect(page.getByRole("heading", { level: 1, name: "Estado de cuenta" })).toBeVisible();
}

test("changes the period, downloads PDF, XLSX and CSV that agree with the page, and emails the PDF", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, CUSTOMER);
  await openStatement(page);
  await expect(page.getByText("Ferretería López, S.A. de C.V. · MX-0001")).toBeVisible();
  await expectAccessible(page);

  // Last month, chosen in the form; the URL carries it and a reload keeps it.
  const today = await page.getByLabel("Hasta").inputValue();
  const [from, to] = previousMonth(today);
  await page.getByLabel("Desde").fill(from);
  await page.getByLabel("Hasta").fill(to);
  await page.getByRole("button", { name: "Mostrar" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
  await page.reload();
  await expect(page.getByLabel("Desde")).toHaveValue(from);
  await expect(page.getByLabel("Hasta")).toHaveValue(to);
  const movements = page.getByRole("region", { name: "Movimientos en MXN" });
  await expect(movements.getByRole("table").first()).toBeVisible();
  await expectAccessible(page);

  const closingText = (await summaryValue(page, "MXN", "Saldo final").innerText()).trim();
  const closing = parseMoney(closingText);
  // The table's last row repeats the closing balance.
  await expect(movements.getByRole("row").filter({ hasText: "Saldo final" })).toContainText(closingText);

  const downloads = page.getByText("Descargar:").locator("..");
  const fetchFile = async (name: string, extension: string) => {
    const link = downloads.getByRole("link", { name, exact: true });
    const href = (await link.getAttribute("href"))!;
    expect(href).toContain(`from=${from}`);
    expect(href).toContain(`to=${to}`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`estado-de-cuenta-MX-0001-${from}-${to}.${extension}`);
    const bytes = await readFile((await download.path())!);
    // The same URL answered directly, for its headers.
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    return { bytes, contentType: response.headers()["content-type"] };
  };

  const pdf = await fetchFile("PDF", "pdf");
  expect(pdf.contentType).toBe("application/pdf");
  expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  const xlsx = await fetchFile("Excel (XLSX)", "xlsx");
  expect(xlsx.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(xlsx.bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");

  const csv = await fetchFile("CSV", "csv");
  expect(csv.contentType).toBe("text/csv; charset=utf-8");
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parseCsv(csv.bytes.subarray(3).toString("utf8"));
  expect(records[0].slice(0, 4)).toEqual(["Moneda", "Fecha", "Vence", "Documento"]);
  const balanceColumn = records[0].indexOf("Saldo");
  const csvClosing = records.find((r) => r[0] === "MXN" && r.includes("Saldo final"));
  expect(csvClosing?.[balanceColumn]).toBe(closing);
  expect(csvClosing?.[1]).toBe(to);
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}`));

  // "Email it to me": the toast confirms, and the PDF arrives over SMTP to the user's own address.
  const clickedAt = new Date();
  await page.getByRole("button", { name: "Enviármelo por correo" }).click();
  await expect(page.getByText(`Enviamos el estado de cuenta a ${CUSTOMER}.`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
  const mail = await waitForEmail(CUSTOMER, /^Estado de cuenta .*MX-0001/, 15_000, clickedAt);
  expect(mail.attachments).toHaveLength(1);
  expect(mail.attachments[0]).toMatchObject({
    filename: `estado-de-cuenta-MX-0001-${from}-${to}.pdf`,
    contentType: "application/pdf",
  });
  expect(mail.attachments[0].head.startsWith("%PDF-")).toBe(true);
  expect(mail.attachments[0].size).toBeGreaterThan(1000);
  await expectAccessible(page);
});

test("reads the statement in English once, then switches back to Spanish", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, CUSTOMER);
  await openStatement(page);
  const closingEs = parseMoney((await summaryValue(page, "MXN", "Saldo final").innerText()).trim());
  try {
    await page.getByRole("button", { name: "Idioma: English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Statement of account" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByLabel("From")).toBeVisible();
    await expect(page.getByRole("button", { name: "Email it to me" })).toBeVisible();
    // Same balance, now in en-US formatting.
    expect(parseMoney((await summaryValue(page, "MXN", "Closing balance").innerText()).trim())).toBe(closingEs);
    await expect(page.getByRole("region", { name: "Movements in MXN" })).toBeVisible();
    await expectAccessible(page);
  } finally {
    // The choice is saved on the user: put Spanish back so other tests of this customer read Spanish.
    await page.request.post("/language", {
      form: { language: "es", redirectTo: "/portal/statement" },
      headers: { Origin: new URL(page.url()).origin },
    });
  }
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Estado de cuenta" })).toBeVisible();
});
