// Minutes end to end: MX-0001's collector records a meeting with Elena (the customer's attendee) and
// two people of the seller, two topics and two agreements, the second a payment promise of 100.00 of
// the oldest open invoice, and sends it; Elena opens the emailed link and proposes a correction to a
// topic; the collector accepts it, which sends version 2 and keeps version 1 (superseded, still
// readable on both sides); Elena signs version 2 with her password, full name and consent; the
// sealed PDF downloads and the public verification page accepts it; the promise is among the
// account's promises in the portal. The customer's pages are checked with axe and at 390 px for
// sideways scroll (screenshots kept in the test's output).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO_PASSWORD, linkIn, readPdfText, signOut, waitForEmail, waitForHydration } from "./helpers";

const COLLECTOR = "cobranza1@cartera.demo";
const CUSTOMER = "compras@ferreteria-lopez.mx";
const TOPIC = "Saldo vencido de la factura más antigua";
const CORRECTED = "Se acordó pagar 100.00 de la factura más antigua; el resto en enero.";

async function expectNoSidewaysScrollAt390(page: Page, shot: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot, fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "sideways scroll at 390 px").toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** `date` (YYYY-MM-DD) plus `days`. */
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("minutes are recorded, corrected into a new version, signed, sealed and verified, and the promise shows", async ({
  page,
  login,
  expectAccessible,
}, testInfo) => {
  test.setTimeout(180_000);
  const started = new Date();

  // The collector records the meeting.
  await login(page, COLLECTOR);
  await page.goto("/staff?q=MX-0001");
  await page
    .getByRole("link", { name: /Ferretería López/ })
    .first()
    .click();
  await page.waitForURL(/\/staff\/accounts\/[a-z0-9]+$/);
  await page
    .getByRole("navigation", { name: /MX-0001/ })
    .getByRole("link", { name: "Minutas" })
    .click();
  await expect(page.getByRole("heading", { name: "Minutas" })).toBeVisible();
  await page.getByRole("link", { name: "Registrar minuta" }).click();
  await expect(page.getByRole("heading", { name: "Nueva minuta" })).toBeVisible();
  await waitForHydration(page);
  const today = (await page.getByLabel("Fecha de la reunión").getAttribute("max"))!;
  await page.getByLabel("Medio").selectOption("meeting");
  await page.getByLabel("Lugar o enlace").fill("Oficinas de Ferretería López, Monterrey");
  await page.getByLabel(/Elena López/).check();
  const sellerSide = page.getByLabel("Asistentes del proveedor (uno por línea)");
  await sellerSide.fill(`${await sellerSide.inputValue()}\nGerencia de crédito`);
  const topic1 = page.getByRole("group", { name: "Tema 1" });
  await topic1.getByLabel("Tema", { exact: true }).fill(TOPIC);
  await topic1.getByLabel("Notas").fill("Se acordó pagar 150.00 de la factura más antigua.");
  await page.getByRole("button", { name: "Agregar tema" }).click();
  await page.getByRole("group", { name: "Tema 2" }).getByLabel("Tema", { exact: true }).fill("Pedidos de diciembre");
  await page.getByRole("button", { name: "Agregar acuerdo" }).click();
  const agreement1 = page.getByRole("group", { name: "Acuerdo 1" });
  await agreement1.getByLabel("Acuerdo", { exact: true }).fill("Enviar el estado de cuenta actualizado");
  await agreement1.getByLabel("Responsable").fill("Cobranza");
  await agreement1.getByLabel("Fecha compromiso").fill(plusDays(today, 2));
  await page.getByRole("button", { name: "Agregar acuerdo" }).click();
  const agreement2 = page.getByRole("group", { name: "Acuerdo 2" });
  await agreement2.getByLabel("Acuerdo", { exact: true }).fill("Pago parcial de la factura más antigua");
  await agreement2.getByLabel("Responsable").fill("Elena López");
  await agreement2.getByLabel("Fecha compromiso").fill(plusDays(today, 7));
  const invoice = agreement2.getByRole("checkbox").first();
  const invoiceLabel = (await agreement2.locator(`label[for="${await invoice.getAttribute("id")}"]`).innerText())
    .split(" · ")[0]
    .trim();
  await invoice.check();
  await agreement2.getByLabel(new RegExp(`^Importe ${invoiceLabel}`)).fill("100.00");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Guardar minuta" }).click();
  await expect(page.getByText(/Minuta \d+ registrada/)).toBeVisible();
  const v1Heading = page.getByRole("heading", { level: 1, name: /Minuta \d+ · versión 1/ });
  await expect(v1Heading).toBeVisible();
  const v1Number = /Minuta (\d+)/.exec((await v1Heading.textContent())!)![1];
  const staffV1 = new URL(page.url()).pathname;
  await expect(page.getByText("Promesa de pago por $100.00")).toBeVisible();
  await page.getByRole("button", { name: "Enviar a los asistentes para firma" }).click();
  await expect(page.getByText("Minuta enviada a 1 asistentes.")).toBeVisible();
  await signOut(page);

  // The customer opens the emailed link and proposes a correction.
  const mail = await waitForEmail(CUSTOMER, /minuta/, 15_000, started);
  await login(page, CUSTOMER);
  await page.goto(linkIn(mail.text ?? "", "/portal/minutes"));
  await expect(page.getByRole("heading", { level: 1, name: `Minuta ${v1Number} · versión 1` })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);
  await expectNoSidewaysScrollAt390(page, testInfo.outputPath("portal-minutes-390.png"));
  await page.getByLabel(`T1. ${TOPIC}`).fill("El pago acordado fue de 100.00, no de 150.00.");
  await page.getByRole("button", { name: "Enviar correcciones" }).click();
  await expect(page.getByText("Enviamos tus correcciones; te avisaremos de la respuesta.")).toBeVisible();
  await expect(page.getByText(/Hay correcciones propuestas/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Firmar la minuta" })).toHaveCount(0);
  await signOut(page);

  // The collector accepts it: version 2 is sent, version 1 stays, superseded.
  await login(page, COLLECTOR);
  await page.goto(staffV1);
  await expect(page.getByText("El pago acordado fue de 100.00, no de 150.00.")).toBeVisible();
  await page.getByRole("link", { name: "Aceptar y preparar una nueva versión" }).click();
  await expect(page.getByRole("heading", { name: `Nueva versión de la minuta ${v1Number}` })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("group", { name: "Tema 1" }).getByLabel("Notas").fill(CORRECTED);
  await expect(page.getByRole("group", { name: "Acuerdo 2" }).getByRole("checkbox").first()).toBeChecked();
  const revisedAt = new Date();
  await page.getByRole("button", { name: "Guardar y enviar la nueva versión" }).click();
  await expect(page.getByText(/Minuta \d+ \(versión 2\) enviada a los asistentes/)).toBeVisible();
  const v2Heading = page.getByRole("heading", { level: 1, name: /Minuta \d+ · versión 2/ });
  await expect(v2Heading).toBeVisible();
  const v2Number = /Minuta (\d+)/.exec((await v2Heading.textContent())!)![1];
  await page.getByRole("link", { name: "Ver la versión anterior" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Minuta ${v1Number} · versión 1` })).toBeVisible();
  await expect(page.getByText(`Esta versión fue reemplazada por la minuta ${v2Number} (versión 2).`)).toBeVisible();
  await expect(page.getByText("Aceptada en una nueva versión")).toBeVisible();
  await signOut(page);

  // The customer signs version 2.
  const mail2 = await waitForEmail(CUSTOMER, /minuta/, 15_000, revisedAt);
  await login(page, CUSTOMER);
  await page.goto(linkIn(mail2.text ?? "", "/portal/minutes"));
  await expect(page.getByRole("heading", { level: 1, name: `Minuta ${v2Number} · versión 2` })).toBeVisible();
  await expect(page.getByText(CORRECTED)).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);
  await expectNoSidewaysScrollAt390(page, testInfo.outputPath("portal-minutes-v2-390.png"));
  await page.getByLabel("Tu nombre completo").fill("Elena López");
  await page.getByLabel(/Tu contraseña/).fill(DEMO_PASSWORD);
  await page.getByLabel(/Revisé esta minuta/).check();
  await page.getByRole("button", { name: "Firmar la minuta" }).click();
  await expect(page.getByText(`Minuta ${v2Number} firmada por todos los asistentes.`)).toBeVisible();
  await expect(page.getByText("Registrada como promesa de pago")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: "Descargar PDF sellado" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await waitForHydration(page);
  await expectAccessible(page);
  await expectNoSidewaysScrollAt390(page, testInfo.outputPath("portal-minutes-signed-390.png"));
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Descargar PDF sellado" }).click(),
  ]);
  const file = await download.path();
  const { readFileSync } = await import("node:fs");
  const text = await readPdfText(new Uint8Array(readFileSync(file)));
  expect(text).toContain("Certificado de firma");
  expect(text).toContain("Elena López");

  // Version 1 stays readable in the portal, marked as replaced.
  await page.getByRole("link", { name: "Ver la versión anterior" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Minuta ${v1Number} · versión 1` })).toBeVisible();
  await expect(page.getByText(`Esta versión fue reemplazada por la minuta ${v2Number} (versión 2).`)).toBeVisible();

  // The payment promise is among the account's promises.
  await page.goto("/portal/promises");
  const promise = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: invoiceLabel, exact: true }) });
  await expect(promise).toContainText("$100.00");
  await expect(promise).toContainText("Pendiente");
  await signOut(page);

  // The public verification page accepts the sealed file.
  await page.goto("/verify");
  await waitForHydration(page);
  await page.getByLabel("Copia del PDF").setInputFiles(file);
  await page.getByRole("button", { name: "Verificar archivo" }).click();
  await expect(page.getByText("Este archivo es, byte por byte, el PDF sellado.")).toBeVisible();
  await expect(page.getByText("La firma del archivo es válida y es la del sello de la plataforma.")).toBeVisible();
  await expect(page.getByText(/Firmó .* \(Elena López\)/)).toBeVisible();
});
