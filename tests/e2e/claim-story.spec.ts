// The claim story of issue 11, end to end on the built server: the customer disputes one line of an
// invoice with a photo (PNG); the collector asks for information; the customer answers with a PDF;
// the L1 deadline passes unanswered and the server's own sweeper escalates the claim to L2 (its clock
// moved past the deadline through the test-only SWEEPER_CLOCK_FILE, app/jobs/sweeper-clock.server.ts);
// the supervisor resolves it as partly accepted with a credit note; the customer sees the outcome,
// opens the credit note and finds the invoice no longer disputed. axe on every customer page.
import { rmSync, writeFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { signOut, waitForHydration } from "./helpers";
import { currentE2eSlot, sweeperClockFile } from "./slots";

// The demo seed's claims dispute the oldest open invoices of each demo account (db/seed/claims.ts), and
// MX-0001 has no other: the story takes an undisputed invoice of MX-0003, one of this customer's accounts.
const CUSTOMER = "tesoreria@grupo-constructor.mx";
const ACCOUNT = "MX-0003";
// MX-0003's collector (db/seed/users.ts: every other Mexican account, from MX-0001) and that
// collector's supervisor, who holds L2.
const COLLECTOR = "cobranza1@cartera.demo";
const SUPERVISOR = "supervisor@cartera.demo";

// A 1 × 1 PNG and a minimal PDF: the server sniffs their bytes, not their names.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const clockFile = sweeperClockFile(currentE2eSlot());

test.describe.configure({ timeout: 240_000 });
test.afterEach(() => rmSync(clockFile, { force: true }));

test("a disputed invoice line climbs to L2 past its deadline and is settled by a credit note", async ({
  page,
  login,
  expectAccessible,
}) => {
  // The customer picks an open invoice nothing disputes yet and one of its lines.
  await login(page, CUSTOMER);
  await waitForHydration(page);
  const switcher = page.getByLabel("Cambiar de cuenta");
  const option = (await switcher.locator("option").allTextContents()).find((o) => o.includes(ACCOUNT))!;
  await switcher.selectOption({ label: option });
  const switched = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Cambiar", exact: true }).click();
  await switched;
  await page.goto("/portal/invoices?status=open&sort=due_date&dir=desc");
  const row = page
    .getByTestId("document-row")
    .filter({ hasNot: page.getByTestId("disputed-badge") })
    .first();
  const folio = (await row.getByRole("rowheader").innerText()).trim();
  await row.getByRole("rowheader").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: folio })).toBeVisible();
  const invoicePath = new URL(page.url()).pathname;
  await expect(page.getByTestId("disputed-note")).toHaveCount(0);
  await expectAccessible(page);
  await page
    .getByRole("link", { name: /^Aclarar la partida 1:/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/portal\/claims\/new\?documentId=.+&lineId=/);
  await waitForHydration(page);

  // The line's link ticked it with its total; the customer disputes part of it, with a photo.
  await expect(page.getByLabel("Algunas partidas")).toBeChecked();
  await expect(page.getByLabel("Aclarar la partida 1", { exact: true })).toBeChecked();
  const amount = page.getByLabel(/^Importe a aclarar de la partida 1 /);
  const lineTotal = Number(await amount.inputValue());
  const disputed = Math.min(lineTotal, 50).toFixed(2);
  const accepted = (Number(disputed) / 2).toFixed(2);
  await page.getByLabel("Tipo").selectOption({ label: "Diferencia de precio" });
  await amount.fill(disputed);
  await page.getByLabel("Descripción").fill("La partida 1 viene a un precio distinto del pactado");
  await page.getByLabel("Evidencia").setInputFiles({ name: "foto-etiqueta.png", mimeType: "image/png", buffer: PNG });
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enviar aclaración" }).click();
  await expect(page).toHaveURL(/\/portal\/claims\/(?!new)[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Aclaración \d+$/ })).toBeVisible();
  const claimPath = new URL(page.url()).pathname;
  const claimId = claimPath.split("/").pop()!;
  await expect(page.getByTestId("claim-disputed-document")).toHaveCount(1);
  await expect(page.getByTestId("claim-disputed-document")).toContainText(`${folio} · partida 1:`);
  await expect(page.getByRole("link", { name: "foto-etiqueta.png" })).toBeVisible();
  await expect(page.getByText(/Respuesta a más tardar el/i)).toBeVisible();
  await expectAccessible(page);
  await page.goto(invoicePath);
  await expect(page.getByTestId("disputed-note")).toBeVisible();
  await signOut(page);

  // The collector who owns the account asks for information: the clock pauses.
  await login(page, COLLECTOR);
  await page.goto(`/staff/claims/${claimId}`);
  await waitForHydration(page);
  await expect(page.getByTestId("claim-disputed-document")).toContainText("partida 1:");
  await expect(page.getByTestId("claim-assignee")).toHaveText("Jorge Ramírez");
  const ask = page.locator("form", { has: page.getByRole("button", { name: "Pedir información" }) });
  await ask.getByLabel("Mensaje").fill("¿Nos comparte la orden de compra con el precio pactado?");
  await ask.getByRole("button", { name: "Pedir información" }).click();
  await expect(page.getByText("Solicitud de información").first()).toBeVisible();
  await signOut(page);

  // The customer answers with a PDF: the clock runs again with what was left of L1.
  await login(page, CUSTOMER);
  await page.goto(claimPath);
  await waitForHydration(page);
  await expect(page.getByText("¿Nos comparte la orden de compra con el precio pactado?")).toBeVisible();
  await expectAccessible(page);
  const answer = page.locator("form", { has: page.getByRole("button", { name: "Responder", exact: true }) });
  await answer.getByLabel("Mensaje").fill("Adjunto la orden de compra 4471");
  await answer
    .getByLabel("Evidencia")
    .setInputFiles({ name: "orden-4471.pdf", mimeType: "application/pdf", buffer: PDF });
  await answer.getByRole("button", { name: "Responder", exact: true }).click();
  await expect(page.getByText("Adjunto la orden de compra 4471")).toBeVisible();
  await expect(page.getByRole("link", { name: "orden-4471.pdf" })).toBeVisible();
  const promise = page.getByTestId("claim-promise");
  await expect(promise).toBeVisible();
  await expectAccessible(page);
  const dueAt = new Date((await promise.getAttribute("data-due-at"))!);

  // Nobody answers before L1's deadline: the server's sweeper, its clock a minute past it, escalates.
  writeFileSync(clockFile, new Date(dueAt.getTime() + 60_000).toISOString());
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("claim-level")).toHaveText("L2", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  rmSync(clockFile, { force: true });
  await expectAccessible(page);
  await signOut(page);

  // The supervisor holds it at L2 and resolves it as partly accepted, settled by a credit note.
  await login(page, SUPERVISOR);
  await page.goto(`/staff/claims/${claimId}`);
  await waitForHydration(page);
  await expect(page.getByTestId("claim-level")).toHaveText("L2");
  await expect(page.getByTestId("claim-assignee")).toHaveText("Mariana Treviño");
  const resolve = page.locator("form", { has: page.getByRole("button", { name: "Resolver" }) });
  await resolve.getByLabel("Resolución").selectOption({ label: "Procede en parte" });
  await resolve.getByLabel("Motivo").fill("Procede la mitad de la diferencia de la partida 1");
  await resolve.getByLabel("Monto aceptado").fill(accepted);
  await resolve.getByLabel("Cómo se salda").selectOption({ label: "Nota de crédito" });
  await resolve.getByRole("button", { name: "Resolver" }).click();
  await expect(page.getByRole("region", { name: "Resultado" })).toContainText(/Nota de crédito NC-\d+/);
  await signOut(page);

  // The customer sees the outcome, the credit note, and the invoice no longer disputed.
  await login(page, CUSTOMER);
  await page.goto(claimPath);
  await expect(page.getByText("Procede en parte", { exact: true })).toBeVisible();
  const outcome = page.getByRole("region", { name: "Resultado" });
  await expect(outcome).toContainText(/Nota de crédito NC-\d+/);
  await expectAccessible(page);
  const link = outcome.getByRole("link", { name: /^Ver NC-\d+$/ });
  const noteFolio = (await link.innerText()).replace(/^Ver /, "");
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: noteFolio })).toBeVisible();
  await expectAccessible(page);
  await page.goto(invoicePath);
  await expect(page.getByRole("heading", { level: 1, name: folio })).toBeVisible();
  await expect(page.getByTestId("disputed-note")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Aplicaciones" }).first()).toContainText(noteFolio);
  await expectAccessible(page);
  await page.goto(`/portal/invoices?q=${encodeURIComponent(folio)}`);
  const listed = page.getByTestId("document-row").filter({ hasText: folio });
  await expect(listed).toBeVisible();
  await expect(listed.getByTestId("disputed-badge")).toHaveCount(0);
  await expectAccessible(page);
});
