// Shared steps of the end-to-end flows: signing in through the form and reading the SMTP sink.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-portal-2026";
export const MAIL_SINK = `http://127.0.0.1:${process.env.E2E_SMTP_HTTP_PORT ?? 2526}`;

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
  attachments: { filename: string; contentType: string; size: number }[];
}

/** Waits for an email to the address that arrived over SMTP; returns the newest. */
export async function waitForEmail(to: string, subject: RegExp, timeoutMs = 10_000): Promise<SinkMessage> {
  const started = Date.now();
  for (;;) {
    const res = await fetch(`${MAIL_SINK}/messages`);
    const messages = ((await res.json()) as SinkMessage[]).filter((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject));
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
