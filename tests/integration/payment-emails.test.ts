// Payment emails read back over SMTP: queued in the change's transaction, delivered by the sweeper in the
// customer's language with the one link to the payment on APP_URL. Registering sends the provisional
// receipt (PDF attached); confirming lists what was applied and attaches the REP (XML valid against the
// schemas, and its PDF) of the PPD invoices; rejecting gives the reason (without any link it carried).
// A manual receipt goes to the account's payers. Promise reminders go out at 09:00 the day before the
// promise's date, and not at all when the promise was withdrawn, settled or already paid.
import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents, scheduledTasks, users } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { cancelPromise } from "~/domain/payments/cancel-promise.server";
import { confirmPayment } from "~/domain/payments/confirm-payment.server";
import { PROMISE_REMINDER_TASK, promiseReminderAt } from "~/domain/payments/promise-reminders.server";
import { PAYMENT_EMAIL_TASK } from "~/domain/payments/queue-payment-emails.server";
import { recordPromise } from "~/domain/payments/record-promise.server";
import { type RegisterPaymentInput, registerPayment } from "~/domain/payments/register-payment.server";
import { rejectPayment } from "~/domain/payments/reject-payment.server";
import { runDueTasks } from "~/jobs/scheduled-tasks.server";
import { TASK_HANDLERS } from "~/jobs/task-handlers.server";
import type { Db } from "~/utils/db.server";
import { createPaymentsSetting, issuePpdInvoice } from "../fixtures/payment-registrations";
import { createTestCustomer } from "../fixtures/users";
import { type TestMailbox, startTestSmtpServer } from "../setup/smtp";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

process.env.APP_URL = "https://cartera.example.com";

let database: TestDatabase;
let db: Db;
let mailbox: TestMailbox;
let s: Awaited<ReturnType<typeof createPaymentsSetting>>;
let secondPayer: Awaited<ReturnType<typeof createTestCustomer>>;
const now = new Date("2026-11-20T17:00:00Z");
const label = async (id: string) => {
  const [d] = await db
    .select({ series: documents.series, folio: documents.folio })
    .from(documents)
    .where(eq(documents.id, id));
  return `${d.series}-${d.folio}`;
};
const sweep = (at: Date) => runDueTasks(db, { now: at, workerId: "payment-mail-test", handlers: TASK_HANDLERS });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  mailbox = await startTestSmtpServer();
  process.env.SMTP_URL = mailbox.url;
  s = await createPaymentsSetting(db);
  await db.update(users).set({ language: "en" }).where(eq(users.id, s.customer.id));
  secondPayer = await createTestCustomer(db, [{ accountId: s.account.id, role: "viewer" }]);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await mailbox.close();
  await database.close();
});

const to = (m: ParsedMail) => [m.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address?.toLowerCase()) : []));
const mailsTo = (email: string) => mailbox.messages.filter((m) => to(m).includes(email.toLowerCase()));
const htmlLang = (m: ParsedMail) => /<html[^>]*lang="([a-z]+)"/.exec(String(m.html))?.[1];
const linksIn = (m: ParsedMail) => [...new Set((m.text ?? "").match(/https?:\/\/[^\s\]>)]+/g) ?? [])];
const customer = () => ({ userId: s.customer.id, label: s.customer.email });
const collector = () => ({ userId: s.collector.id, label: s.collector.email });

let ref = 0;
function register(input: Partial<RegisterPaymentInput> & { amount: string }, actor = customer()) {
  ref += 1;
  return registerPayment(
    db,
    actor,
    {
      accountId: s.account.id,
      method: "spei",
      paidOn: "2026-11-19",
      currency: "MXN",
      bank: "BBVA",
      reference: `MAIL${ref}SPEI${ref * 104729}`,
      allocations: [],
      proof: null,
      staffEntered: false,
      ...input,
    },
    { now },
  );
}

describe("payment emails", () => {
  let registrationId: string;
  let number: number;

  it("registering: the customer gets the provisional receipt in its language, nothing before the sweeper runs", async () => {
    const reg = await register({
      amount: "1500.00",
      allocations: [
        { documentId: s.oldest.id, amount: "1160.00" },
        { documentId: s.newer.id, amount: "200.00" },
      ],
    });
    registrationId = reg.id;
    number = reg.number;
    expect(mailbox.messages).toHaveLength(0);
    const tasks = await db.select().from(scheduledTasks).where(eq(scheduledTasks.kind, PAYMENT_EMAIL_TASK));
    expect(tasks.map((t) => t.subjectId)).toEqual([reg.id]);
    expect((await sweep(now)).done).toBe(1);
    const mail = await mailbox.waitFor(s.customer.email, /We received your payment/);
    expect(mail.subject).toBe(`We received your payment RP-${number}`);
    expect(htmlLang(mail)).toBe("en");
    expect(mail.text).toContain(`${await label(s.oldest.id)}: MX$1,160.00`);
    expect(mail.text).toContain("MX$140.00 stays on account");
    expect(linksIn(mail)).toEqual([`https://cartera.example.com/portal/payments/registrations/${reg.id}`]);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`recibo-provisional-RP-${number}.pdf`, "application/pdf"],
    ]);
    expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe("%PDF-");
    // Only the customer who registered it: the other users of the account hear nothing.
    expect(mailsTo(secondPayer.email)).toHaveLength(0);
  });

  it("confirming: what was applied, what stays on account, and the REP attached as XML (valid) and PDF", async () => {
    await confirmPayment(db, collector(), { registrationId, version: 1, now });
    await sweep(now);
    const mail = await mailbox.waitFor(s.customer.email, /We confirmed your payment/);
    expect(mail.subject).toBe(`We confirmed your payment RP-${number}`);
    expect(mail.text).toContain("We applied it to these documents:");
    expect(mail.text).toContain(`${await label(s.oldest.id)}: MX$1,160.00`);
    expect(mail.text).toContain(`${await label(s.newer.id)}: MX$200.00`);
    expect(mail.text).toContain("MX$140.00 stays on account");
    expect(mail.text).toContain(`REP-${number}`);
    expect(linksIn(mail)).toEqual([`https://cartera.example.com/portal/payments/registrations/${registrationId}`]);
    const names = mail.attachments.map((a) => a.filename);
    expect(names).toEqual([`REP-${number}.xml`, `REP-${number}.pdf`]);
    const xml = mail.attachments[0].content.toString("utf8");
    expect((await validateCfdiXml([{ fileName: "rep.xml", xml }])).errors).toEqual([]);
    expect(xml).toContain('ImpSaldoInsoluto="380.00"');
    expect(mail.attachments[1].content.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("rejecting: the reason, in Spanish for a Spanish reader, without the links a reason may carry", async () => {
    await db.update(users).set({ language: "es" }).where(eq(users.id, s.customer.id));
    const reg = await register({ amount: "99.00" });
    await rejectPayment(db, collector(), {
      registrationId: reg.id,
      version: 1,
      reason: "La transferencia no llegó; ver https://phish.example/x",
      now,
    });
    await sweep(now);
    const mail = await mailbox.waitFor(s.customer.email, /No pudimos confirmar/);
    expect(mail.subject).toBe(`No pudimos confirmar tu pago RP-${reg.number}`);
    expect(htmlLang(mail)).toBe("es");
    expect(mail.text).toContain("Motivo: La transferencia no llegó; ver […]");
    expect(mail.text).not.toContain("phish");
    expect(linksIn(mail)).toEqual([`https://cartera.example.com/portal/payments/registrations/${reg.id}`]);
    expect(mail.attachments).toHaveLength(0);
  });

  it("a manual receipt a collector entered goes to the account's payers and administrators, not its viewers", async () => {
    const before = mailsTo(s.customer.email).length;
    await register({ amount: "10.00", staffEntered: true }, collector());
    await sweep(now);
    await mailbox.waitFor(s.customer.email, /Recibimos tu pago/);
    expect(mailsTo(s.customer.email)).toHaveLength(before + 1);
    expect(mailsTo(s.collector.email)).toHaveLength(0);
    expect(mailsTo(secondPayer.email)).toHaveLength(0);
  });

  it("a disabled customer gets nothing (the task completes)", async () => {
    const reg = await register({ amount: "11.00" });
    await db.update(users).set({ disabledAt: now }).where(eq(users.id, s.customer.id));
    const before = mailbox.messages.length;
    expect((await sweep(now)).done).toBe(1);
    expect(mailbox.messages).toHaveLength(before);
    await db.update(users).set({ disabledAt: null }).where(eq(users.id, s.customer.id));
    expect(reg.number).toBeGreaterThan(number);
  });
});

describe("promise reminders", () => {
  // Mexico City is UTC−6: 09:00 local on 2026-11-24 is 15:00 UTC.
  const promise = (date: string, documentId: string, amount: string) =>
    recordPromise(db, SYSTEM_ACTOR, {
      accountId: s.account.id,
      userId: s.customer.id,
      promisedDate: date,
      items: [{ documentId, amount }],
      now,
    });

  it("is due at 09:00 the day before, in the seller's time zone", () => {
    expect(promiseReminderAt("2026-11-25", "America/Mexico_City").toISOString()).toBe("2026-11-24T15:00:00.000Z");
  });

  it("reaches the customer the day before with what it covers, and only then", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 5, "2026-10-01", "2026-11-01");
    const p = await promise("2026-11-25", invoice.id, "300.00");
    const before = mailsTo(s.customer.email).length;
    await sweep(new Date("2026-11-24T14:59:00Z"));
    expect(mailsTo(s.customer.email)).toHaveLength(before);
    await sweep(new Date("2026-11-24T15:00:00Z"));
    const mail = await mailbox.waitFor(s.customer.email, /Mañana vence tu promesa/);
    expect(mail.subject).toBe("Mañana vence tu promesa de pago de $300.00");
    expect(mail.text).toContain(`${await label(invoice.id)}: $300.00`);
    expect(mail.text).not.toContain("Ya se aplicaron");
    expect(linksIn(mail)).toEqual(["https://cartera.example.com/portal/promises"]);
    // Run again (a crash before marking it done): the task is done, nothing more is sent.
    await sweep(new Date("2026-11-24T16:00:00Z"));
    expect(mailsTo(s.customer.email)).toHaveLength(before + 1);
    // The promise settles at the end of its day; its reminder had already gone.
    await sweep(new Date("2026-11-26T07:00:00Z"));
    expect(p.id).toBeTruthy();
  });

  it("is cancelled when the promise is withdrawn, and none is written for a promise due today or tomorrow past 09:00", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 5, "2026-10-01", "2026-11-01");
    const p = await promise("2026-12-10", invoice.id, "50.00");
    const [task] = await db.select().from(scheduledTasks).where(eq(scheduledTasks.subjectId, p.id));
    expect(task).toBeDefined();
    await cancelPromise(db, SYSTEM_ACTOR, { promiseId: p.id, accountIds: [s.account.id] });
    const reminders = await db.select().from(scheduledTasks).where(eq(scheduledTasks.subjectId, p.id));
    expect(reminders.filter((t) => t.kind === PROMISE_REMINDER_TASK).map((t) => t.status)).toEqual(["cancelled"]);
    // now is 11:00 in Mexico City on 2026-11-20: a promise for the 21st is past its reminder time.
    const tomorrow = await promise("2026-11-21", invoice.id, "10.00");
    const tasks = await db.select().from(scheduledTasks).where(eq(scheduledTasks.subjectId, tomorrow.id));
    expect(tasks.map((t) => t.kind)).toEqual(["promise.due"]);
  });

  it("sends nothing for a promise already paid in full by the eve", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 5, "2026-10-01", "2026-11-01");
    const p = await promise("2026-12-15", invoice.id, "20.00");
    const reg = await register({ amount: "20.00", allocations: [{ documentId: invoice.id, amount: "20.00" }] });
    await confirmPayment(db, collector(), { registrationId: reg.id, version: 1, now });
    await sweep(now); // the payment's own mails
    const before = mailsTo(s.customer.email).length;
    await sweep(promiseReminderAt("2026-12-15", "America/Mexico_City"));
    expect(mailsTo(s.customer.email)).toHaveLength(before);
    const [task] = (await db.select().from(scheduledTasks).where(eq(scheduledTasks.subjectId, p.id))).filter(
      (t) => t.kind === PROMISE_REMINDER_TASK,
    );
    expect(task.status).toBe("done");
  });
});
