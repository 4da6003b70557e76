// Shared steps of the end-to-end flows: signing in through the form and reading the SMTP sink.
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/demo-credentials";
import { currentE2eSlot } from "./slots";

export { DEMO_PASSWORD };
/** The SMTP sink of this worker's slot (slots.ts). */
export const MAIL_SINK = `http://127.0.0.1:${currentE2eSlot().smtpHttpPort}`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
}

export async function signOut(page: Page) {
  await page.locator("summary", { hasText: "Menú de usuario" }).click();
  await page.getByRole("button", { name: "Cerrar sesión", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

interface SinkMessage {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number; head: string }[];
  receivedAt: string;
}

/** Waits for an email to the address that arrived over SMTP (after `since`, when given); returns the newest. */
export async function waitForEmail(
  to: string,
  subject: RegExp,
  timeoutMs = 10_000,
  since?: Date,
): Promise<SinkMessage> {
  const started = Date.now();
  for (;;) {
    const res = await fetch(`${MAIL_SINK}/messages`);
    const messages = ((await res.json()) as SinkMessage[]).filter(
      (m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject) && (!since || new Date(m.receivedAt) >= since),
    );
    if (messages.length > 0) return messages[messages.length - 1];
    if (Date.now() - started > timeoutMs) throw new Error(`no email to ${to} matching ${subject}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path}/[A-Za-z0-9_-]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in email:\n${text}`);
  return new URL(match[0]).pathname;
}

/** Waits until React has hydrated the page, so controlled inputs (checkboxes, selects) keep what a test sets. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactFiber"));
  });
}

/** "$1,234.50", "-$1,234.50" or "$ 1.234,50" (es-CO) as the ledger's decimal string ("1234.50"). */
export function parseMoney(text: string, decimalSeparator: "." | "," = "."): string {
  const negative = /-/.test(text);
  const digits = text.replace(/[^\d.,]/g, "");
  const [whole, cents] =
    decimalSeparator === "."
      ? [digits.slice(0, -3).replace(/,/g, ""), digits.slice(-2)]
      : [digits.slice(0, -3).replace(/\./g, ""), digits.slice(-2)];
  return `${negative ? "-" : ""}${whole || "0"}.${cents}`;
}

export { readPdfQrCodes, readPdfText, readZipEntries } from "../setup/read-documents";

/**
 * Opens a URL that must answer the 404 page (titled, accessible, without `mustNotShow`; under /portal or
 * /staff inside the signed-in shell). Chromium logs
 * a document answered 404 as a console error: that one was asked for on purpose, so it is taken off
 * the browser errors the fixture fails on.
 */
export async function expectNotFoundPage(
  page: Page,
  path: string,
  browserErrors: string[],
  expectAccessible: (page: Page) => Promise<void>,
  mustNotShow?: string,
) {
  const logged = page
    .waitForEvent("console", {
      predicate: (m) => m.type() === "error" && m.text().includes("status of 404") && m.location().url.endsWith(path),
      timeout: 5_000,
    })
    .catch(() => null);
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { name: "No encontramos esta página" })).toBeVisible();
  await expect(page).toHaveTitle(/Cartera/);
  if (mustNotShow) await expect(page.getByText(mustNotShow)).toHaveCount(0);
  if (/^\/(portal|staff)(\/|$)/.test(path)) {
    // inside the signed-in shell: header, navigation and sign-out stay
    await expect(page.getByRole("navigation", { name: "Menú" })).toBeVisible();
    await expect(page.locator("summary", { hasText: "Menú de usuario" })).toBeVisible();
  }
  await expectAccessible(page);
  await logged;
  const expected = (e: string) => e.includes("status of 404") && e.includes(`${path}:`);
  browserErrors.splice(0, browserErrors.length, ...browserErrors.filter((e) => !expected(e)));
}
