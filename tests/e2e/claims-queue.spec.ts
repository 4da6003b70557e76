// The claims queue as staff meet it: the supervisor's team view with its header counter, a filter kept
// in the URL, the SLA dashboard's charts with their data tables, all accessible and at phone width.
import { expect, test } from "./fixtures";

test("the supervisor works the team queue, filters it and reads the SLA dashboard", async ({
  page,
  login,
  expectAccessible,
}) => {
  test.slow();
  await login(page, "supervisor@cartera.demo");
  await page
    .getByRole("navigation", { name: "Menú" })
    .getByRole("link", { name: /Aclaraciones/ })
    .click();
  await expect(page).toHaveURL(/\/staff\/claims$/);
  await expect(page.getByRole("link", { name: "Mi equipo" })).toHaveAttribute("aria-current", "page");
  const rows = page.locator("table tbody tr");
  await expect(rows.first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Nivel").selectOption("L2");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/[?&]level=L2/);
  for (const cell of await rows.locator("td:nth-child(6)").allInnerTexts()) expect(cell).toBe("L2");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/staff/claims?level=nope");
  await expect(page.getByRole("alert")).toContainText("no son válidos");
  // The table scrolls inside its own box; the page does not scroll sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);

  await page.goto("/staff/claims/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Tablero de plazos de aclaraciones" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Por nivel/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Por nivel/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /antigüedad/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});
