// A real SMTP server for end-to-end tests, started by Playwright next to the portal: the same sink as
// the vitest route tests (tests/setup/smtp.ts). The portal sends through
// SMTP_URL=smtp://127.0.0.1:<SMTP_PORT>; tests read what arrived from http://127.0.0.1:<HTTP_PORT>/messages.
import http from "node:http";
import { startTestSmtpServer } from "../setup/smtp";

const smtpPort = Number(process.env.SMTP_PORT ?? 2525);
const httpPort = Number(process.env.HTTP_PORT ?? 2526);
const mailbox = await startTestSmtpServer(smtpPort);

const summary = () =>
  mailbox.messages.map((mail) => ({
    to: (mail.to ? [mail.to].flat() : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase())),
    subject: mail.subject ?? "",
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : "",
    // `head`: the first bytes (latin1), enough to tell a PDF (%PDF-) or a ZIP (PK) apart.
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      head: a.content.subarray(0, 8).toString("latin1"),
    })),
    receivedAt: mailbox.receivedAt(mail).toISOString(),
  }));

http
  .createServer((req, res) => {
    if (req.url === "/health") return res.end("ok");
    if (req.url?.startsWith("/messages")) {
      res.setHeader("Content-Type", "application/json");
      return res.end(JSON.stringify(summary()));
    }
    res.statusCode = 404;
    res.end();
  })
  .listen(httpPort, "127.0.0.1");

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
