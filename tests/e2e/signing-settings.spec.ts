// The signing deadlines page: an administrator sees each seller's reminder interval and expiry as a
// form, is told when a reminder is not shorter than the expiry (a field error, in Spanish), and saving
// the same values changes nothing; an auditor reads them without a form. Checked with axe, and at
// 390 px for sideways scroll. (The seeded values stay as they are for the other specs.)
import { expect, test } from "./fixtures";
import { signOut, waitForHydration } from "./helpers";

test("an administrator edits the signing deadlines; an auditor only reads them", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, "admin@cartera.demo");
  await page.getByRole("navigation", { name: "Menú" }).getByRole("link", { name: "Plazos de firma" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plazos de firma por emisor" })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);
  const form = page.getByRole("form").first();
  const reminder = form.getByLabel("Recordar cada (días)");
  const expiry = form.getByLabel("Vence a los (días)");
  const [savedReminder, savedExpiry] = [await reminder.inputValue(), await expiry.inputValue()];
  await reminder.fill(String(Number(savedExpiry) + 1));
  await form.getByRole("button", { name: "Guardar plazos" }).click();
  await expect(form.getByText(/Los recordatorios deben ser más frecuentes que el vencimiento/)).toBeVisible();
  await expect(reminder).toHaveAttribute("aria-invalid", "true");
  await reminder.fill(savedReminder);
  await form.getByRole("button", { name: "Guardar plazos" }).click();
  await expect(page.getByText(/no cambiaron/)).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signOut(page);

  await login(page, "auditoria@cartera.demo");
  await page.goto("/staff/signing-settings");
  await expect(page.getByText("Puedes consultar estos plazos; solo un administrador puede cambiarlos.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Guardar plazos" })).toHaveCount(0);
  await expect(page.getByText("Recordar cada (días)").first()).toBeVisible();
  await expectAccessible(page);
});
