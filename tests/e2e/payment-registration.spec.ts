// Registering a SPEI payment with its CEP as a customer meets it (axe, 390 px): the allocation is
// suggested oldest first, the provisional receipt downloads, the payment reads "En revisión"; an
// administrator confirms it from the cash application queue; the customer then sees it confirmed,
// applied, and (for PPD invoices) its REP downloads.
import { expect, test } from "./fixtures";
import { signOut } from "./helpers";

const PAYER = "compras@ferreteria-lopez.mx";
const CEP = `<?xml version="1.0" encoding="UTF-8"?>
<SPEI_Tercero FechaOperacion="2026-11-19" ClaveSPEI="40012" sello="x" numeroCertificado="1" cadenaCDA="x">
  <Ordenante BancoEmisor="BBVA" Nombre="FERRETERIA LOPEZ" Cuenta="012180001234567890" RFC="FLO980512KJ3"/>
  <Beneficiario BancoReceptor="BANORTE" Nombre="CARTERA DEMO" Cuenta="072180009876543210" RFC="CDE010101AB1" Concepto="Pago facturas" MontoPago="500.00"/>
</SPEI_Tercero>`;

test.beforeEach(() => test.slow());

test("a SPEI payment with its CEP is registered, confirmed by the collector and applied", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, PAYER);
  await page.goto("/portal/payments");
  await page.getByRole("link", { name: "Registrar un pago" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Registrar un pago" })).toBeVisible();
  const reference = `MBAN0100${Date.now()}`;
  await page.getByLabel("Importe", { exact: true }).fill("500.00");
  await page.getByLabel("Banco").fill("BBVA");
  await page.getByLabel("Referencia").fill(reference);
  await page.getByLabel("Comprobante").setInputFiles({
    name: "cep.xml",
    mimeType: "application/xml",
    buffer: Buffer.from(CEP),
  });
  // The suggestion fills the oldest invoices up to the amount: nothing left on account.
  await expect(page.getByText(/Queda a cuenta:\s*\$0\.00/)).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Registrar pago" }).click();

  await expect(page.getByText("En revisión").first()).toBeVisible();
  const folio = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
  expect(folio).toMatch(/^RP-\d+$/);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Descargar recibo provisional (PDF)" }).click();
  expect((await download).suggestedFilename()).toBe(`recibo-provisional-${folio}.pdf`);
  await expectAccessible(page);
  const url = page.url();

  await signOut(page);
  await login(page, "admin@cartera.demo");
  await page.goto("/staff/payments");
  await page.getByRole("link", { name: folio }).click();
  await expect(page.getByText("No encontramos posibles duplicados.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirmar y aplicar" }).click();
  await expect(page.getByText("Confirmado").first()).toBeVisible();

  await signOut(page);
  await login(page, PAYER);
  await page.goto(url);
  await expect(page.getByText("Confirmado").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Aplicado en el libro" })).toBeVisible();
  const reps = page.getByRole("heading", { name: "Complementos de pago (REP)" });
  if (await reps.isVisible()) {
    const xml = page.waitForEvent("download");
    await page.getByRole("link", { name: "XML" }).first().click();
    expect((await xml).suggestedFilename()).toMatch(/^REP-\d+\.xml$/);
  }
});
