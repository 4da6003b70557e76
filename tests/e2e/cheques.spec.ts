// A post-dated cheque from registration to its return (axe, 390 px): the customer registers it for the
// oldest invoice it can pay, dated yesterday and to be deposited today; the collector confirms it, finds
// it in custody with its deposit date, deposits it, then marks it returned; the invoice's balance is open
// again and the customer sees the cheque returned on its payment and the invoice's balance back. The
// customer also asks for a pickup, which the collector sees on its day.
import { expect, test } from "./fixtures";
import { signOut } from "./helpers";

const PAYER = "compras@ferreteria-lopez.mx";
const COLLECTOR = "cobranza1@cartera.demo";

/** A calendar day in Mexico City, `offset` days from today. */
function mexicoDay(offset: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

test.beforeEach(() => test.slow());

test("a post-dated cheque is held, deposited on its date, returned, and its invoice is open again", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, PAYER);
  await page.goto("/portal/payments/new");
  await expect(page.getByRole("heading", { level: 1, name: "Registrar un pago" })).toBeVisible();
  await page.getByLabel("Forma de pago").selectOption({ label: "Cheque posfechado" });
  await page.getByLabel("Fecha de pago").fill(mexicoDay(-1));
  await page.getByLabel("Fecha de depósito (cheque posfechado)").fill(mexicoDay(0));
  // The amount: what the first (oldest) invoice of the suggestion can take, so the cheque pays it whole.
  const first = page.getByRole("group", { name: "Aplicación a facturas" }).getByRole("listitem").first();
  const invoiceLabel = (await first.locator("span").first().innerText()).trim();
  const payable = /Aplicable\s*\$?([\d,]+\.\d{2})/.exec(await first.innerText())?.[1];
  expect(payable, "the first invoice's payable amount").toBeTruthy();
  const amount = payable!.replace(/,/g, "");
  await page.getByLabel("Importe", { exact: true }).fill(amount);
  const number = `CHQ${Date.now()}`;
  await page.getByLabel("Banco").fill("Banorte");
  await page.getByLabel("Referencia").fill(number);
  await expect(page.getByText(/Queda a cuenta:\s*\$0\.00/)).toBeVisible();
  await page.getByRole("button", { name: "Registrar pago" }).click();
  await expect(page.getByText("En revisión").first()).toBeVisible();
  const folio = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
  const registrationUrl = page.url();
  // The invoice's page, from the payment's allocation: what is open on it now.
  await page.getByRole("link", { name: invoiceLabel }).first().click();
  const openAmount = page.locator('dt:text-is("Saldo pendiente") + dd');
  const openBefore = (await openAmount.innerText()).trim();
  const invoiceUrl = page.url();

  await signOut(page);
  await login(page, COLLECTOR);
  await page.goto("/staff/payments");
  await page.getByRole("link", { name: folio }).click();
  await page.getByRole("button", { name: "Confirmar y aplicar" }).click();
  await expect(page.getByText("Confirmado").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Cheque · En custodia$/ })).toBeVisible();

  // In custody, listed with its deposit date; found by its number.
  await page.getByRole("link", { name: "Cheques", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Cheques en custodia" })).toBeVisible();
  await page.getByLabel("Buscar (cheque, cuenta o cliente)").fill(number);
  await page.getByRole("button", { name: "Filtrar" }).click();
  const row = page.getByRole("listitem").filter({ hasText: `Cheque ${number}` });
  await expect(row).toContainText("En custodia");
  await expect(row).toContainText("Fecha de depósito:");
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > 391)
      .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
      .slice(0, 5),
  );
  expect(overflowing, "elements past 390 px").toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await row.getByRole("button", { name: `Depositar · ${number}` }).click();
  await expect(page.getByText(`Listo: cheque ${number} actualizado.`)).toBeVisible();

  await page.goto(`/staff/cheques?view=deposited&q=${number}`);
  const deposited = page.getByRole("listitem").filter({ hasText: `Cheque ${number}` });
  await expect(deposited).toContainText("Depositado");
  await deposited.getByLabel(`Motivo de la devolución · ${number}`).selectOption({ label: "Fondos insuficientes" });
  await deposited.getByRole("button", { name: `Marcar devuelto · ${number}` }).click();
  await expect(page.getByText(`Listo: cheque ${number} actualizado.`)).toBeVisible();
  await page.goto(`/staff/cheques?view=follow_up&q=${number}`);
  const returned = page.getByRole("listitem").filter({ hasText: `Cheque ${number}` });
  await expect(returned).toContainText("Devuelto");
  await expect(returned).toContainText("Seguimiento:");
  await expect(returned.getByRole("button", { name: `Redepositar · ${number}` })).toBeVisible();
  await expectAccessible(page);

  // The payment's history on the staff side.
  await returned.getByRole("link", { name: folio }).click();
  await expect(page.getByRole("heading", { name: /^Cheque · Devuelto$/ })).toBeVisible();
  await expect(page.getByText("Cheque devuelto").first()).toBeVisible();
  await expectAccessible(page);

  await signOut(page);
  await login(page, PAYER);
  await page.goto(registrationUrl);
  await expect(page.getByRole("heading", { name: /^Cheque · Devuelto$/ })).toBeVisible();
  await expect(page.getByText(/Fondos insuficientes/)).toBeVisible();
  await expectAccessible(page);
  await page.goto(invoiceUrl);
  // Paid by the cheque, open again once it bounced: the same balance as before the cheque.
  await expect(openAmount).toHaveText(openBefore);
  await expect(openAmount).not.toHaveText("$0.00");

  // A pickup for another cheque: asked for by the customer, seen by the collector on its day.
  await page.goto("/portal/payments/pickups");
  await expect(page.getByRole("heading", { level: 1, name: "Recolección de cheques" })).toBeVisible();
  await page.getByLabel("Día de la recolección").fill(mexicoDay(2));
  const address = `Av. Constitución ${Date.now() % 10000}, Monterrey`;
  await page.getByLabel("Dirección").fill(address);
  await page.getByLabel("Persona de contacto").fill("Luis Pérez");
  await page.getByLabel("Teléfono de contacto").fill("81 8123 4567");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Pedir recolección" }).click();
  await expect(page.getByText(address)).toBeVisible();

  await signOut(page);
  await login(page, COLLECTOR);
  await page.goto("/staff/cheques/pickups");
  const pickup = page.getByRole("listitem").filter({ hasText: address });
  await expect(pickup).toContainText("Por recolectar");
  await expectAccessible(page);
  await pickup.getByRole("button", { name: /Marcar recolectado/ }).click();
  await expect(page.getByRole("listitem").filter({ hasText: address })).toContainText("Recolectado");
});
