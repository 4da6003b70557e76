// A traceable balance, as a customer meets it: home's figures link to the documents that make them up
// (the list, filtered the way home counts), "Abonos sin aplicar" and each payment lead to "Pagos y
// saldos a favor", where every credit shows what it paid and what is left; adjustments have their tab;
// the filtered lists export every row (es-CO CSV with ";" and decimal comma). Axe at desktop and 390 px.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { parseMoney } from "./helpers";

const PAYER = "compras@ferreteria-lopez.mx";

// Each flow signs in and reads a few pages; on a busy machine that takes longer than the default.
test.beforeEach(() => test.slow());
const COLOMBIA = "pagos@distribuidora-andina.co";

/** The figure under a home stat's label (the first currency block). */
async function stat(page: Page, label: string) {
  const card = page
    .locator("dt", { hasText: new RegExp(`^${label}$`) })
    .first()
    .locator("..");
  return (await card.locator("dd").first().innerText()).trim();
}

test("home's unapplied credits lead to the payments page, which adds up to them", async ({
  page,
  login,
  expectAccessible,
}, testInfo) => {
  await login(page, PAYER);
  const unapplied = await stat(page, "Abonos sin aplicar");
  const balance = await stat(page, "Saldo total");
  await expect(page.getByText(/^Saldo = cargos pendientes .+ − abonos sin aplicar .+$/).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("home-desktop.png"), fullPage: true });

  await page.getByRole("link", { name: unapplied }).first().click();
  await expect(page).toHaveURL(/\/portal\/payments\?status=open/);
  await expect(page.getByRole("heading", { level: 1, name: "Pagos y saldos a favor" })).toBeVisible();
  const totals = page.locator('[data-testid="totals-MXN-credit"]');
  await expect(totals).toContainText(`Sin aplicar ${unapplied}`);
  // Every credit card on the (first) page shows its amount, what it applied and what is left.
  const cards = page
    .getByRole("list", { name: "Pagos y saldos a favor" })
    .getByRole("listitem")
    .filter({
      has: page.getByRole("heading", { level: 2 }),
    });
  expect(await cards.count()).toBeGreaterThan(0);
  await expect(cards.first()).toContainText("Sin aplicar");
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath("payments-desktop.png"), fullPage: false });

  // open charges (the list's "all charges", open) − unapplied = home's balance
  await page.goto("/portal/invoices?tab=charges&status=open&currency=MXN");
  const charges = await page.locator('[data-testid="totals-MXN-charge"]').innerText();
  const openCharges = /Saldo pendiente (.+)$/.exec(charges)![1];
  const cents = (v: string) => BigInt(parseMoney(v).replace(".", ""));
  expect(cents(openCharges) - cents(unapplied)).toBe(cents(balance));
});

test("home's overdue and aging rows open the list that holds them; each payment opens its entry", async ({
  page,
  login,
}) => {
  await login(page, PAYER);
  const overdue = await stat(page, "Vencido");
  await page.getByRole("link", { name: overdue }).first().click();
  await expect(page).toHaveURL(/tab=charges&status=overdue/);
  await expect(page.locator('[data-testid="totals-MXN-charge"]')).toContainText(`Saldo pendiente ${overdue}`);

  await page.goto("/portal");
  // The first overdue bucket that holds something today (the demo's dates move with the calendar).
  const buckets = [
    ["1–30 días", "d1_30"],
    ["31–60 días", "d31_60"],
    ["61–90 días", "d61_90"],
    ["91–180 días", "d91_180"],
  ] as const;
  let chosen: { label: string; code: string; amount: string } | null = null;
  for (const [label, code] of buckets) {
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: label, exact: true }) });
    if ((await row.count()) === 0) continue;
    const amount = (await row.first().locator("td").nth(1).innerText()).trim();
    if (parseMoney(amount) !== "0.00") {
      chosen = { label, code, amount };
      break;
    }
  }
  expect(chosen, "an overdue bucket with something in it").not.toBeNull();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: chosen!.label, exact: true }) });
  await row.first().getByRole("link", { name: chosen!.label, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`aging=${chosen!.code}`));
  await expect(page.getByText(`Antigüedad: ${chosen!.label}`)).toBeVisible();
  await expect(page.locator('[data-testid="totals-MXN-charge"]')).toContainText(`Saldo pendiente ${chosen!.amount}`);

  await page.goto("/portal");
  const payment = page.getByRole("link", { name: /^Ver P-\d+ en pagos y saldos a favor$/ }).first();
  const folio = (await payment.innerText()).trim();
  await payment.click();
  await expect(page).toHaveURL(new RegExp(`/portal/payments\\?q=${folio}#credit-`));
  await expect(page.getByRole("article", { name: new RegExp(folio) })).toBeVisible();
});

test("adjustments have their own tab, are found by search and open from the statement", async ({ page, login }) => {
  // The demo's Colombian payer has adjustments in the last 90 days (the seed dates follow today, and which
  // fall in the window shifts with the weekday): the list, filtered to the statement's window, gives one.
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const from = iso(new Date(Date.now() - 90 * 24 * 3600 * 1000));
  await login(page, COLOMBIA);
  await page.goto(`/portal/invoices?tab=adjustments&issuedFrom=${from}`);
  await expect(page.getByRole("link", { name: "Ajustes", exact: true })).toHaveAttribute("aria-current", "page");
  const first = page
    .getByRole("table")
    .getByRole("link", { name: /^AJ-\d+$/ })
    .first();
  const folio = (await first.innerText()).trim();
  // The list's link carries its filters for "Volver a la lista" (?back=…); the document is the path.
  const href = (await first.getAttribute("href"))!.split("?")[0];
  await page.getByLabel("Buscar").fill(folio);
  await page.getByRole("button", { name: "Aplicar filtros" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${folio}`));
  await expect(page.getByRole("table").getByRole("link", { name: folio })).toBeVisible();

  await page.goto(`/portal/statement?from=${from}&to=${iso(new Date())}`);
  const fromStatement = page.locator(`a[href^="${href}"]`);
  await expect(fromStatement).toHaveText(`Ajuste ${folio}`);
  await fromStatement.click();
  await expect(page).toHaveURL(new RegExp(`${href}(\\?|$)`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(folio);
});

test("exports carry every row of the filter; es-CO CSV uses ';' and decimal comma", async ({ page, login }) => {
  await login(page, COLOMBIA);
  await page.goto("/portal/payments");
  const count = Number(/^(\d+)/.exec(await page.getByRole("heading", { name: /documentos?$/ }).innerText())![1]);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exportar CSV" }).click();
  const file = await (await download).path();
  const text = (await readFile(file!, "utf8")).replace(/^\uFEFF/, "");
  const lines = text.trim().split("\r\n");
  expect(lines).toHaveLength(count + 1);
  expect(lines[0].split(";")).toEqual(expect.arrayContaining(["Serie-folio", "Importe", "Sin aplicar", "Aplicado a"]));
  const amount = lines[1].split(";")[lines[0].split(";").indexOf("Importe")];
  expect(amount).toMatch(/^\d+,\d{2}$/);

  const xlsx = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exportar XLSX" }).click();
  expect((await xlsx).suggestedFilename()).toMatch(/^pagos-y-saldos-a-favor-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

test("the payments page on a phone: cards, no sideways scroll, accessible", async ({
  page,
  login,
  expectAccessible,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, PAYER);
  await page.screenshot({ path: testInfo.outputPath("home-phone.png"), fullPage: true });
  await page.goto("/portal/payments");
  await expect(page.getByRole("heading", { level: 1, name: "Pagos y saldos a favor" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page wider than the viewport").toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath("payments-phone.png"), fullPage: false });
  const reversed = page.getByText(/^Revertida el /).first();
  if (await reversed.count()) {
    await reversed.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath("payments-phone-reversal.png") });
  }
});
