// A claim settled by a credit note, end to end: the customer disputes part of an open invoice, staff
// resolve it as partly accepted with a credit note, and the customer sees the outcome, opens the
// credit note among its documents (with its CFDI XML) and finds the invoice's open amount reduced.
import { expect, test } from "./fixtures";
import { signOut, waitForHydration } from "./helpers";

const CUSTOMER = "compras@ferreteria-lopez.mx";
const ADMIN = "admin@cartera.demo";

test.describe.configure({ timeout: 120_000 });

test("staff resolve a claim as partly accepted with a credit note; the customer sees the outcome and the credit note", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, CUSTOMER);
  await page.goto("/portal/invoices?status=open");
  const rows = page.getByRole("table").locator("tbody").getByRole("rowheader");
  const folio = (await rows.first().innerText()).trim();
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: folio })).toBeVisible();
  const invoiceUrl = page.url();
  await page.getByRole("link", { name: "Aclarar / disputar" }).click();
  await expect(page).toHaveURL(/\/portal\/claims\/new\?documentId=/);
  await waitForHydration(page);
  await page.getByLabel("Tipo").selectOption({ label: "Diferencia de precio" });
  await page.getByLabel("Monto en disputa").fill("100.00");
  await page.getByLabel("Descripción").fill("El precio no es el pactado en la lista vigente");
  await page.getByRole("button", { name: "Enviar aclaración" }).click();
  await expect(page).toHaveURL(/\/portal\/claims\/(?!new)[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Aclaración \d+$/ })).toBeVisible();
  const claimPath = new URL(page.url()).pathname;
  const claimId = claimPath.split("/").pop()!;
  await signOut(page);

  await login(page, ADMIN);
  await page.goto(`/staff/claims/${claimId}`);
  await waitForHydration(page);
  const resolve = page.locator("form", { has: page.getByRole("button", { name: "Resolver" }) });
  await resolve.getByLabel("Resolución").selectOption({ label: "Procede en parte" });
  await resolve.getByLabel("Motivo").fill("Procede la diferencia de precio de una partida");
  await resolve.getByLabel("Monto aceptado").fill("40.00");
  await resolve.getByLabel("Cómo se salda").selectOption({ label: "Nota de crédito" });
  await resolve.getByRole("button", { name: "Resolver" }).click();
  const staffOutcome = page.getByRole("region", { name: "Resultado" });
  await expect(staffOutcome).toContainText(/Nota de crédito NC-\d+/);
  await signOut(page);

  await login(page, CUSTOMER);
  await page.goto(claimPath);
  const outcome = page.getByRole("region", { name: "Resultado" });
  await expect(outcome).toContainText(/Nota de crédito NC-\d+/);
  await expect(page.getByText("Procede en parte", { exact: true })).toBeVisible();
  await expectAccessible(page);
  const link = outcome.getByRole("link", { name: /^Ver NC-\d+$/ });
  const noteFolio = (await link.innerText()).replace(/^Ver /, "");
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: noteFolio })).toBeVisible();
  await expect(page.getByRole("link", { name: "Descargar XML" })).toBeVisible();
  const xml = await page.request.get(`${new URL(page.url()).pathname}/xml`);
  expect(xml.status()).toBe(200);
  const text = await xml.text();
  expect(text).toContain('TipoDeComprobante="E"');
  expect(text).toContain('Total="40.00"');
  expect(text).toContain('TipoRelacion="01"');
  await expectAccessible(page);

  // The invoice's applications now include the credit note.
  await page.goto(invoiceUrl);
  await expect(page.getByRole("region", { name: "Aplicaciones" }).first()).toContainText(noteFolio);
});
