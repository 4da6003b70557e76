// A real SMTP server on loopback for tests: collects what arrives, parsed with mailparser.
import { type AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestMailbox {
  url: string;
  messages: ParsedMail[];
  /** When the message arrived here. */
  receivedAt(mail: ParsedMail): Date;
  /** Waits for a message to the address (optionally matching the subject). */
  waitFor(to: string, subject?: RegExp, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback; port 0 (the default) picks a free one. */
export async function startTestSmtpServer(port = 0): Promise<TestMailbox> {
  const messages: ParsedMail[] = [];
  const arrivals = new WeakMap<ParsedMail, Date>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          arrivals.set(mail, new Date());
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.server.address() as AddressInfo;
  const recipients = (m: ParsedMail) =>
    [m.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address?.toLowerCase()) : []));
  return {
    url: `smtp://127.0.0.1:${bound}?tls=off`,
    messages,
    receivedAt: (mail) => arrivals.get(mail) ?? new Date(0),
    async waitFor(to, subject, timeoutMs = 5000) {
      const started = Date.now();
      for (;;) {
        const found = messages.find(
          (m) => recipients(m).includes(to.toLowerCase()) && (!subject || subject.test(m.subject ?? "")),
        );
        if (found) return found;
        if (Date.now() - started > timeoutMs) throw new Error(`no email to ${to} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
