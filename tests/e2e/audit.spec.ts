// The audit trail as an auditor meets it: from the staff navigation to the trail, filtered by account
// in the URL, older and newer pages, the CSV of the filter downloaded and read back, and the page at
// phone width; a collector's navigation does not offer it.
import { readFile } from "node:fs/promises";
import { parseCsv } from "../setup/read-csv";
import { expect, test } from "./fixtures";

const AUDITOR = "auditoria@cartera.demo";
const COLLECTOR = "cobranza1@cartera.demo";

test("the auditor filters the trail by account, pages through it and downloads the CSV", async ({
  page,
  login,
  expectAccessible,
}) => {
  // One long flow: two axe runs, four page loads and a download (about 25 s on two shared cores).
  test.slow();
  await login(page, AUDITOR);
  await page.getByRole("navigation", { name: "Menú" }).getByRole("link", { name: "Auditoría" }).click();
  await expect(page).toHaveURL(/\/staff\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Bitácora de auditoría" })).toBeVisible();
  const table = page.getByRole("table", { name: "Eventos de auditoría, del más reciente al más antiguo" });
  await expect(table).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Cuenta (número o ID)").fill("MX-0001");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/[?&]account=MX-0001/);
  await expect(page.getByText("Eventos de la cuenta MX-0001 · Ferretería López")).toBeVisible();
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  // Every event on the page is MX-0001's (the entity cell names the account).
  const entityCells = await rows.locator("td:nth-child(4)").allInnerTexts();
  expect(entityCells.every((text) => text.includes("MX-0001"))).toBe(true);
  const firstTime = await rows.first().locator("th time").getAttribute("datetime");
  await expectAccessible(page);

  // Older events, then back to the newest: the filter stays in the URL throughout.
  await page.getByRole("link", { name: "Más antiguos" }).click();
  await expect(page).toHaveURL(/account=MX-0001.*after=/);
  await expect(rows.first().locator("th time")).not.toHaveAttribute("datetime", firstTime!);
  await page.getByRole("link", { name: "Más recientes" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(rows.first().locator("th time")).toHaveAttribute("datetime", firstTime!);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Descargar CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^auditoria-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile((await download.path())!)).toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header, ...records] = parseCsv(text.slice(1));
  expect(header[0]).toBe("Fecha y hora (Ciudad de México)");
  const account = header.indexOf("Cuenta");
  expect(records.length).toBeGreaterThan(50);
  expect(new Set(records.map((r) => r[account]))).toEqual(new Set(["MX-0001"]));
  // Newest first, like the page: the first record is the page's first event.
  const utc = header.indexOf("Fecha y hora (UTC)");
  expect(new Date(records[0][utc]).getTime()).toBe(Math.floor(new Date(firstTime!).getTime()));
  await expect(page).toHaveURL(/\/staff\/audit/);
});

test("the trail works at phone width", async ({ page, login, expectAccessible }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, AUDITOR);
  await page.goto("/staff/audit?account=MX-0001&action=document.issued");
  await expect(page.getByRole("heading", { level: 1, name: "Bitácora de auditoría" })).toBeVisible();
  await expect(page.getByLabel("Acción")).toHaveValue("document.issued");
  // The table scrolls inside its own region; the page itself does not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(
    page.getByRole("region", { name: "Eventos de auditoría, del más reciente al más antiguo" }),
  ).toBeVisible();
  await expectAccessible(page);
});

test("a collector's navigation does not offer the trail", async ({ page, login }) => {
  await login(page, COLLECTOR);
  await expect(page.getByRole("navigation", { name: "Menú" }).getByRole("link", { name: "Clientes" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Menú" }).getByRole("link", { name: "Auditoría" })).toHaveCount(0);
});
