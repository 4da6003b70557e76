// The home page lists the seeded customer accounts with their balances. It will change when sign-in
// arrives; keep this spec to what a visitor sees today.
import { expect, test } from "./fixtures";

// "$1,234.50" (es-MX) or "$ 1.234,50" (es-CO): a currency sign, digits with separators, two decimals.
const money = /^-?\s*\$\s?-?\d{1,3}([.,\u00a0]\d{3})*[.,]\d{2}$/;

test("lists the seeded accounts with their balances", async ({ page, expectAccessible }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Cartera/);
  await expect(page.getByRole("heading", { level: 1, name: "Cartera" })).toBeVisible();

  const table = page.getByRole("table", { name: "Saldos por cuenta" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Saldo" })).toBeVisible();

  const lopez = table.getByRole("row").filter({ hasText: "MX-0001" });
  await expect(lopez).toContainText("Ferretería López");
  const andina = table.getByRole("row").filter({ hasText: "CO-0001" });
  await expect(andina).toContainText("Distribuidora Andina");

  for (const row of [lopez, andina]) {
    const cells = row.getByRole("cell");
    const balance = (await cells.nth(3).innerText()).trim();
    expect(balance, "balance formatted as money").toMatch(money);
  }

  await expectAccessible(page);
});

test("works on a phone without horizontal page overflow", async ({ page, expectAccessible }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const table = page.getByRole("table", { name: "Saldos por cuenta" });
  await expect(table.getByRole("row").filter({ hasText: "MX-0001" })).toBeVisible();

  // The table may scroll inside its own container; the page itself must not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page wider than the viewport").toBeLessThanOrEqual(0);

  await expectAccessible(page);
});
