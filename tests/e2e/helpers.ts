// Shared steps of the end-to-end flows: signing in through the form and reading the SMTP sink.
import { inflateRawSync } from "node:zlib";
import { expect, type Page } from "@playwright/test";

import { DEMO_PASSWORD } from "../../db/seed/demo-credentials";

export { DEMO_PASSWORD };
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
  attachments: { filename: string; contentType: string; size: number; head: string }[];
  receivedAt: string;
}

/** Waits for an email to the address that arrived over SMTP (after `since`, when given); returns the newest. */
export async function waitForEmail(to: string, subject: RegExp, timeoutMs = 10_000, since?: Date): Promise<SinkMessage> {
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
  const [whole, cents] = decimalSeparator === "." ? [digits.slice(0, -3).replace(/,/g, ""), digits.slice(-2)] : [digits.slice(0, -3).replace(/\./g, ""), digits.slice(-2)];
  return `${negative ? "-" : ""}${whole || "0"}.${cents}`;
}

/** A ZIP's entries (name → bytes), read through its central directory. */
export function readZipEntries(bytes: Buffer): Map<string, Buffer> {
  let eocd = bytes.length - 22;
  while (eocd >= 0 && bytes.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error("not a ZIP: no end of central directory");
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new Error("broken central directory");
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
