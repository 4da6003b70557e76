// Paying (part of) an invoice by card, as a customer meets it: from the invoice's page "Pagar con tarjeta"
// opens the card form with that invoice chosen; the form (axe, 390 px) sends the browser to the
// checkout page (the in-repo fake of Stripe's, tests/setup/fake-stripe.ts), whose payment fires the
// signed webhook twice; back on the portal the payment reads "Pagado", the invoice's balance is 1.00
// less, and "Pagos y saldos a favor" lists one card payment for it.
import { expect, test } from "./fixtures";
import { parseMoney } from "./helpers";

const PAYER = "compras@ferreteria-lopez.mx";

test.beforeEach(() => test.slow());

test("an open invoice paid by card through the checkout page is applied once and shows paid", async ({
  page,
  login,
  expectAccessible,
}, testInfo) => {
  await login(page, PAYER);
  await page.goto("/portal/invoices?status=open&sort=due_date");
  const firstRow = page.locator("table tbody tr").first();
  const folio = (await firstRow.locator("a").first().innerText()).trim();
  await firstRow.locator("a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(folio);
  await page.getByRole("link", { name: "Pagar con tarjeta" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Pagar con tarjeta" })).toBeVisible();
  const checkbox = page.getByRole("checkbox", { name: `Pagar ${folio}` });
  await expect(checkbox).toBeChecked();
  const amount = page.getByLabel(new RegExp(`^Importe a pagar de ${folio}`));
  // Its balance (the suggested amount leaves out what open claims dispute).
  const openCell = await page.getByRole("row").filter({ has: checkbox }).locator("td").nth(3).innerText();
  const open = /\$[\d,]+\.\d{2}/.exec(openCell)![0];
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("card-form-390.png"), fullPage: true });
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  // An amount in another locale's format is refused in the browser, before anything is sent.
  await amount.fill("10,5");
  await amount.blur();
  await expect(page.getByText("Escribe un importe mayor que cero")).toBeVisible();
  // A part of it (the other flows read this demo account's figures: they stay as they were but for 1.00).
  await amount.fill("1.00");
  await page.getByRole("button", { name: "Continuar al pago seguro" }).click();

  await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
  await expect(page.locator("output")).toHaveText("1.00 MXN");
  await page.getByRole("button", { name: "Pagar con tarjeta" }).click();

  await expect(page).toHaveURL(/\/portal\/payments\/card\/[a-z0-9]+\?session_id=cs_test_/);
  await expect(page.getByRole("status")).toContainText("Pagado");
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath("card-paid.png"), fullPage: true });
  const reference = (await page.getByText(/^Referencia de Stripe: /).innerText()).replace("Referencia de Stripe: ", "");

  // What is left of the invoice is 1.00 less than before.
  const cents = (v: string) => BigInt(parseMoney(v).replace(".", ""));
  const left = page.getByRole("row").filter({ has: page.getByRole("link", { name: new RegExp(folio) }) });
  await expect(left.locator("td").last()).toHaveText(/\$/);
  expect(cents(await left.locator("td").last().innerText())).toBe(cents(open) - 100n);
  // The payments page finds the one card payment by its Stripe reference (the webhook came twice).
  await page.goto(`/portal/payments?q=${encodeURIComponent(reference)}`);
  await expect(
    page.getByRole("list", { name: "Pagos y saldos a favor" }).getByRole("heading", { level: 2 }),
  ).toHaveCount(1);
});
