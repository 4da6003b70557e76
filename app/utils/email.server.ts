// Sends email through SMTP_URL, or, without it, writes each message as an .eml file under
// ./data/outbox (and logs its subject) so a local user can open it.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { render } from "@react-email/render";
import nodemailer, { type Transporter } from "nodemailer";
import type { ReactElement } from "react";
import { getEnv } from "./env.server";

export interface EmailAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  react: ReactElement;
  attachments?: EmailAttachment[];
}

let transport: Transporter | undefined;
let transportUrl: string | undefined;

function getTransport(smtpUrl: string): Transporter {
  if (!transport || transportUrl !== smtpUrl) {
    const url = new URL(smtpUrl);
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
      secure: url.protocol === "smtps:",
      ignoreTLS: url.searchParams.get("tls") === "off",
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
    });
    transportUrl = smtpUrl;
  }
  return transport;
}

export async function sendEmail(message: EmailMessage): Promise<{ messageId: string; outboxFile?: string }> {
  const env = getEnv();
  const html = await render(message.react);
  const text = await render(message.react, { plainText: true });
  const mail = {
    from: env.MAIL_FROM,
    to: message.to,
    subject: message.subject,
    html,
    text,
    attachments: message.attachments?.map((a) => ({
      filename: a.filename,
      content: Buffer.from(a.content),
      contentType: a.contentType,
    })),
  };
  const smtpUrl = process.env.SMTP_URL ?? env.SMTP_URL;
  if (smtpUrl) {
    const info = await getTransport(smtpUrl).sendMail(mail);
    return { messageId: info.messageId };
  }
  const outbox = process.env.OUTBOX_DIR ?? env.OUTBOX_DIR ?? path.resolve(process.cwd(), "data/outbox");
  mkdirSync(outbox, { recursive: true });
  const info = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    .sendMail(mail);
  const file = path.join(
    outbox,
    `${new Date().toISOString().replace(/[:.]/g, "-")}-${message.to.replace(/[^a-z0-9@.-]/gi, "_")}.eml`,
  );
  writeFileSync(file, info.message as Buffer);
  console.info(`[email] "${message.subject}" to ${message.to} → ${file}`);
  return { messageId: info.messageId, outboxFile: file };
}
