// A claim raised from an invoice, end to end on the built server: the receipt email arrives over SMTP
// (sent by the server's own sweeper, woken by the claim's commit) with the link to the claim on
// APP_URL; the invoice is marked "En aclaración" on its page and in the list (table and phone card,
// axe on both); withdrawn, the marks go.
import { expect, test } from "./fixtures";
import { linkIn, parseMoney, waitForEmail, waitForHydration } from "./helpers";

const CUSTOMER = "compras@ferreteria-lopez.mx";

test("raising a claim emails its receipt with the claim's link and marks the invoice until it is withdrawn", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, CUSTOMER);
  await page.goto("/portal/invoices?status=open&sort=due_date&dir=desc");
  const firstRow = page.getByTestId("document-row").first();
  const folio = (await firstRow.getByRole("rowheader").innerText()).trim();
  // The demo seed's claims may already dispute part of it: the new claim adds 10.00 to that.
  const badge = firstRow.getByTestId("disputed-badge");
  const before = (await badge.count()) > 0 ? Number(parseMoney(await badge.innerText())) : 0;
  const mxn = new Intl.NumberFormat("es-MX", { style: "currency", currency: "MXN" });
  const amountPattern = (value: number) => mxn.format(value).replace(/[$.]/g, (c) => `\\${c}`);
  const after = amountPattern(before + 10);
  await firstRow.getByRole("rowheader").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: folio })).toBeVisible();

  await page.getByRole("link", { name: "Aclarar / disputar" }).click();
  await waitForHydration(page);
  await page.getByLabel("Monto en disputa").fill("10.00");
  await page.getByLabel("Descripción").fill("El precio no es el pactado");
  const since = new Date();
  await page.getByRole("button", { name: "Enviar aclaración" }).click();
  await expect(page).toHaveURL(/\/portal\/claims\/[A-Za-z0-9_-]+$/);
  const claimPath = new URL(page.url()).pathname;

  // This claim's receipt (the demo seed's claims send theirs too when the server starts).
  const number = /\d+/.exec(await page.getByRole("heading", { level: 1 }).innerText())![0];
  const mail = await waitForEmail(CUSTOMER, new RegExp(`^Recibimos tu aclaración ${number}$`), 10_000, since);
  expect(linkIn(mail.text, "/portal/claims")).toBe(claimPath);
  expect(mail.text).toContain("Respuesta a más tardar el");

  // The invoice's page and the list mark it.
  await page.goto(`/portal/invoices?q=${encodeURIComponent(folio)}`);
  const row = page.getByTestId("document-row").filter({ hasText: folio });
  await expect(row.getByTestId("disputed-badge")).toHaveText(new RegExp(`En aclaración ${after}`));
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(row.getByTestId("disputed-badge")).toBeVisible();
  await expectAccessible(page);
  await row.getByRole("rowheader").getByRole("link").click();
  await expect(page.getByTestId("disputed-note")).toContainText(new RegExp(after));
  await expectAccessible(page);

  // Withdrawn: what it disputed is no longer marked.
  await page.goto(claimPath);
  await waitForHydration(page);
  await page.getByRole("button", { name: "Retirar aclaración" }).click();
  await expect(page.getByText("Retirada").first()).toBeVisible();
  await page.goto(`/portal/invoices?q=${encodeURIComponent(folio)}`);
  await expect(page.getByTestId("document-row").filter({ hasText: folio })).toBeVisible();
  if (before === 0) await expect(page.getByTestId("disputed-badge")).toHaveCount(0);
  else
    await expect(page.getByTestId("disputed-badge").first()).toHaveText(
      new RegExp(`En aclaración ${amountPattern(before)}`),
    );
});
