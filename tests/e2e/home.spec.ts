// The way in: `/` sends a visitor to sign in, and a staff user lands on the customer accounts with
// their balances. Kept small: flows of each area get their own spec.
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";

// "$1,234.50" (es-MX) or "$ 1.234,50" (es-CO): a currency sign, digits with separators, two decimals.
const money = /^-?\s*(US)?\$\s?-?\d{1,3}([.,\u00a0]\d{3})*[.,]\d{2}$/;

/** The text of the cell under the column headed `header`, in `row` of `table`. */
async function cellUnder(table: Locator, row: Locator, header: string): Promise<string> {
  const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.trim());
  const index = headers.indexOf(header);
  expect(index, `column "${header}" among ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  return (await row.locator("th, td").nth(index).innerText()).trim();
}

test("a visitor is asked to sign in", async ({ page, expectAccessible }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();
  await expectAccessible(page);
});

test("staff see the seeded accounts with their balances", async ({ page, login, expectAccessible }) => {
  await login(page, "admin@cartera.demo");
  await page.goto("/");
  await expect(page).toHaveURL(/\/staff/);

  const table = page.getByRole("table");
  await expect(table).toBeVisible();
  const lopez = table.getByRole("row").filter({ hasText: "MX-0001" });
  await expect(lopez).toContainText("Ferretería López");
  const andina = table.getByRole("row").filter({ hasText: "CO-0001" });
  await expect(andina).toContainText("Distribuidora Andina");

  for (const row of [lopez, andina]) {
    expect(await cellUnder(table, row, "Saldo total"), "balance formatted as money").toMatch(money);
    expect(await cellUnder(table, row, "Vencido"), "overdue formatted as money").toMatch(money);
  }

  await expectAccessible(page);
});

test("works on a phone without horizontal page overflow", async ({ page, login, expectAccessible }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "admin@cartera.demo");
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "MX-0001" })).toBeVisible();

  // A wide table may scroll inside its own container; the page itself must not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page wider than the viewport").toBeLessThanOrEqual(0);

  await expectAccessible(page);
});
