// A payment plan above the seller's amount, end to end on the built server: the group's treasurer
// proposes, for MX-0003's overdue invoices no plan or promise holds (the demo seed leaves some,
// db/seed/plans.ts), two instalments whose total is above Mexico's 10,000 MXN; the account's collector
// accepts it and it waits for the supervisor, who approves it; the instalments then show as promises
// on the customer's home. axe on the proposal page (desktop and 390 px, no sideways scroll there).
import type { Page } from "@playwright/test";
import Decimal from "decimal.js";
import { expect, test } from "./fixtures";
import { parseMoney, signOut, waitForHydration } from "./helpers";

const CUSTOMER = "tesoreria@grupo-constructor.mx";
const ACCOUNT = "MX-0003";
// MX-0003's collector (db/seed/users.ts: every other Mexican account from MX-0001) and the supervisor.
const COLLECTOR = "cobranza1@cartera.demo";
const SUPERVISOR = "supervisor@cartera.demo";
const APPROVAL_ABOVE = "10000.00";

test.describe.configure({ timeout: 180_000 });

const isoToday = () =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/Mexico_City",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const money = (amount: string) =>
  new Intl.NumberFormat("es-MX", { style: "currency", currency: "MXN", minimumFractionDigits: 2 }).format(
    Number(amount),
  );

async function switchTo(page: Page, account: string) {
  await waitForHydration(page);
  const switcher = page.getByLabel("Cambiar de cuenta");
  const option = (await switcher.locator("option").allTextContents()).find((o) => o.includes(account))!;
  await switcher.selectOption({ label: option });
  const switched = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Cambiar", exact: true }).click();
  await switched;
}

test("the proposal page at 390 px: no sideways scroll, accessible", async ({ page, login, expectAccessible }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, CUSTOMER);
  await switchTo(page, ACCOUNT);
  await page.goto("/portal/promises/plan");
  await expect(page.getByRole("heading", { level: 1, name: "Planes de pago" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page wider than the viewport").toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

test("a plan above the seller's amount: proposed, accepted by the collector, approved by the supervisor, promises on home", async ({
  page,
  login,
  expectAccessible,
}) => {
  await login(page, CUSTOMER);
  await switchTo(page, ACCOUNT);
  await page.goto("/portal/promises/plan");
  await expect(page.getByRole("heading", { level: 1, name: "Planes de pago" })).toBeVisible();
  await expect(page.getByText(`Cuenta: `, { exact: false }).first()).toContainText(ACCOUNT);
  await expectAccessible(page);

  // Every overdue invoice offered (none held by a plan or promise: the form offers only those).
  const documents = page.getByRole("group", { name: "Documentos vencidos que cubrirá el plan" });
  const boxes = documents.getByRole("checkbox");
  const count = await boxes.count();
  expect(count).toBeGreaterThan(0);
  let total = new Decimal(0);
  for (let i = 0; i < count; i++) {
    const label = await documents.locator(`label[for="plan-doc-${i}"]`).innerText();
    total = total.plus(parseMoney(/saldo (.+)$/.exec(label)![1]));
    await boxes.nth(i).check();
    if (total.gt(new Decimal(APPROVAL_ABOVE).plus(1000))) break;
  }
  expect(total.gt(APPROVAL_ABOVE), `overdue offered (${total}) above the approval amount`).toBe(true);
  const first = total.div(2).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(2);
  const second = total.minus(first).toFixed(2);
  const today = isoToday();
  const instalments = [
    { dueDate: plusDays(today, 2), amount: first },
    { dueDate: plusDays(today, 9), amount: second },
  ];
  for (const [i, instalment] of instalments.entries()) {
    await page.getByLabel(`Fecha de la parcialidad ${i + 1}`).fill(instalment.dueDate);
    await page.getByLabel(`Importe de la parcialidad ${i + 1}`).fill(instalment.amount);
  }
  await page.getByLabel("Nota para tu analista (opcional)").fill("Dos pagos mientras cobramos la obra.");
  await page.getByRole("button", { name: "Enviar la propuesta" }).click();
  await expect(page).toHaveURL(/\/portal\/promises\/plans\/[A-Za-z0-9_-]+$/);
  const planId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByText("Espera respuesta del analista").first()).toBeVisible();
  await signOut(page);

  // The collector accepts: above the amount, it goes to the supervisor.
  await login(page, COLLECTOR);
  await page.goto(`/staff/plans/${planId}`);
  await expect(page.getByText(`Por encima de ${money(APPROVAL_ABOVE)}`)).toBeVisible();
  await page.getByRole("button", { name: "Aceptar y enviar a aprobación" }).click();
  await expect(page.getByText("Plan aceptado; espera la aprobación del supervisor.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Aprobar el plan" })).toHaveCount(0);
  await signOut(page);

  // The supervisor finds it waiting and approves it.
  await login(page, SUPERVISOR);
  await page.goto("/staff/promises");
  const waiting = page.locator('section[aria-labelledby="plans-approval"]');
  await expect(waiting).toContainText(ACCOUNT);
  await page.goto(`/staff/plans/${planId}`);
  await page.getByRole("button", { name: "Aprobar el plan" }).click();
  await expect(page.getByText("Plan aprobado: las parcialidades ya son promesas de pago.")).toBeVisible();
  await signOut(page);

  // The customer's home lists both instalments as pending promises.
  await login(page, CUSTOMER);
  await switchTo(page, ACCOUNT);
  await page.goto("/portal");
  const promises = page.locator('section[aria-labelledby="pending-promises"]');
  await expect(promises).toBeVisible();
  for (const instalment of instalments) await expect(promises).toContainText(money(instalment.amount));
  await page.goto(`/portal/promises/plans/${planId}`);
  await expect(page.getByText("En vigor").first()).toBeVisible();
});
