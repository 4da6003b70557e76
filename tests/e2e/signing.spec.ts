// Balance reconciliation end to end: the administrator prepares and sends one for MX-0001 at the end
// of last month, the payer opens the emailed link, signs with one difference (an amount that
// differs on an open invoice), the claim it raised shows in the portal, the sealed PDF downloads and
// the public verification page accepts it by upload and by its code, and refuses a copy with bytes
// appended. Pages checked with axe.
import { expect, test } from "./fixtures";
import { DEMO_PASSWORD, linkIn, readPdfText, signOut, waitForEmail, waitForHydration } from "./helpers";

const PAYER = "compras@ferreteria-lopez.mx";

test("a reconciliation is sent, signed with a difference, sealed and verified", async ({
  page,
  login,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  await login(page, "admin@cartera.demo");
  await page.goto("/staff?q=MX-0001");
  await page
    .getByRole("link", { name: /Ferretería López/ })
    .first()
    .click();
  await page.waitForURL(/\/staff\/accounts\/[a-z0-9]+$/);
  await page
    .getByRole("navigation", { name: /MX-0001/ })
    .getByRole("link", { name: "Conciliaciones" })
    .click();
  await expect(page.getByRole("heading", { name: "Conciliaciones de saldos" })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);
  const lastMonthEnd = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 0))
    .toISOString()
    .slice(0, 10);
  await page.getByLabel("Fecha de corte").fill(lastMonthEnd);
  await page.getByLabel("Mensaje para el cliente").fill("Favor de confirmar el saldo al cierre de mes.");
  await page.getByRole("button", { name: "Preparar" }).click();
  await expect(page.getByText(/preparada/)).toBeVisible();
  await page.getByRole("button", { name: "Enviar a los firmantes" }).first().click();
  await expect(page.getByText(/enviada a \d+ firmantes/)).toBeVisible();
  await signOut(page);

  const mail = await waitForEmail(PAYER, /saldo/);
  const link = linkIn(mail.text ?? "", "/portal/reconciliations");
  await login(page, PAYER);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: /Conciliación \d+/ })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel("Tengo diferencias").check();
  await page.getByLabel(/Saldo según tus registros/).fill("1000.00");
  await page.getByLabel("Tipo de diferencia").selectOption("amount_differs");
  const item = page.getByLabel("Partida", { exact: true });
  const firstInvoice = await item.locator("option", { hasText: "Factura" }).first().getAttribute("value");
  await item.selectOption(firstInvoice!);
  await page.getByLabel("Importe", { exact: true }).fill("1.00");
  await page.getByLabel("Explicación").fill("El precio pactado era menor");
  await page.getByLabel("Tu nombre completo").fill("Compras Ferretería López");
  await page.getByLabel(/Tu contraseña/).fill(DEMO_PASSWORD);
  await page.getByLabel(/Revisé esta conciliación/).check();
  await page.getByRole("button", { name: "Firmar" }).click();
  await expect(page.getByText(/firmada con 1 diferencias/)).toBeVisible();
  await expect(page.getByText("Firmada con diferencias").first()).toBeVisible();
  const claimLink = page.getByRole("link", { name: /Aclaración \d+/ });
  await expect(claimLink).toBeVisible();

  // The sealed PDF (it may take a moment after signing).
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: "Descargar PDF sellado" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Descargar PDF sellado" }).click(),
  ]);
  const file = await download.path();
  const { readFileSync, writeFileSync } = await import("node:fs");
  const bytes = new Uint8Array(readFileSync(file));
  const text = await readPdfText(bytes);
  expect(text).toContain("Certificado de firma");
  expect(text).toContain("Compras Ferretería López");

  await claimLink.click();
  await expect(page.getByText("El precio pactado era menor")).toBeVisible();
  await signOut(page);

  // The public page: the sealed copy, then one with bytes appended, then the code.
  await page.goto("/verify");
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel("Copia del PDF").setInputFiles(file);
  await page.getByRole("button", { name: "Verificar archivo" }).click();
  await expect(page.getByText("Este archivo es, byte por byte, el PDF sellado.")).toBeVisible();
  await expect(page.getByText("La firma del archivo es válida y es la del sello de la plataforma.")).toBeVisible();
  const appended = `${file}-appended.pdf`;
  writeFileSync(appended, Buffer.concat([bytes, Buffer.from("\n% after sealing\n")]));
  await page.getByLabel("Copia del PDF").setInputFiles(appended);
  await page.getByRole("button", { name: "Verificar archivo" }).click();
  await expect(page.getByText(/bytes agregados después de sellarlo/)).toBeVisible();
  const code = /Código de verificación\s+([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1];
  expect(code).toBeTruthy();
  await page.getByLabel("Código de verificación").fill(code!);
  await page.getByRole("button", { name: "Verificar código" }).click();
  await expect(page.getByText(/Firmó .* \(Compras Ferretería López\)/)).toBeVisible();
});
