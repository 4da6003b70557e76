// A sent reconciliation's timers and the one-time code by email, with the clock driven by the tests:
// the send writes its reminders and expiry (the seller's settings), the sweeper emails the signers who
// have not signed (read back over SMTP) and expires it at the end; signing or disputing cancels what is
// pending. A code is emailed, stored only as an HMAC, expires after ten minutes, allows five attempts
// and signs once; the signature records the method.
import { and, eq, inArray } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, envelopeSigners, envelopes, scheduledTasks, signingCodes, signingSettings } from "#db/schema";
import { prepareReconciliation } from "~/domain/signing/prepare-reconciliation.server";
import { readEnvelope } from "~/domain/signing/read-envelopes.server";
import { sendEnvelope } from "~/domain/signing/send-envelope.server";
import { signEnvelope } from "~/domain/signing/sign-envelope.server";
import { SIGNING_CODE_MAX_ATTEMPTS, requestSigningCode } from "~/domain/signing/signing-codes.server";
import { runDueTasks } from "~/jobs/scheduled-tasks.server";
import { TASK_HANDLERS } from "~/jobs/task-handlers.server";
import { settleBackgroundWork } from "~/utils/background.server";
import type { Db } from "~/utils/db.server";
import { auditActions } from "../fixtures/audit";
import {
  BASE_URL,
  CONSENT,
  CUTOFF,
  SIGNING_NOW,
  type SigningSetting,
  agreeForm,
  createSigningSetting,
} from "../fixtures/signing";
import { TEST_PASSWORD } from "../fixtures/users";
import { type TestMailbox, startTestSmtpServer } from "../setup/smtp";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let mailbox: TestMailbox;
let s: SigningSetting;
const DAY = 86_400_000;
const at = (days: number, extraMs = 0) => new Date(SIGNING_NOW.getTime() + days * DAY + extraMs);
const sweep = (now: Date) =>
  runDueTasks(db, { now, workerId: "signing-ops-test", handlers: TASK_HANDLERS, limit: 100 });
const rule = (code: string) => expect.objectContaining({ name: "SigningRuleError", code });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  mailbox = await startTestSmtpServer();
  process.env.SMTP_URL = mailbox.url;
  s = await createSigningSetting(db);
  // This seller reminds every 4 days and expires after 10: reminders on days 4 and 8.
  await db
    .insert(signingSettings)
    .values({ sellerId: s.org.seller.id, reminderEveryDays: 4, expireAfterDays: 10 })
    .onConflictDoUpdate({ target: signingSettings.sellerId, set: { reminderEveryDays: 4, expireAfterDays: 10 } });
});
afterAll(async () => {
  await settleBackgroundWork();
  delete process.env.SMTP_URL;
  await mailbox.close();
  await database?.close();
});

const to = (m: ParsedMail) => [m.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address?.toLowerCase()) : []));
const mailsTo = (email: string, subject: RegExp) =>
  mailbox.messages.filter((m) => to(m).includes(email.toLowerCase()) && subject.test(m.subject ?? ""));

async function sendOne(now = SIGNING_NOW) {
  const prepared = await prepareReconciliation(
    db,
    s.collectorActor,
    { accountId: s.account.id, cutoffDate: CUTOFF, message: "" },
    { now },
  );
  const sent = await sendEnvelope(
    db,
    s.collectorActor,
    { envelopeId: prepared.id, accountIds: [s.account.id], baseUrl: BASE_URL },
    { now },
  );
  await settleBackgroundWork();
  return { ...prepared, expiresAt: sent.expiresAt };
}
const tasksOf = (envelopeId: string) =>
  db
    .select({ kind: scheduledTasks.kind, status: scheduledTasks.status, dueAt: scheduledTasks.dueAt })
    .from(scheduledTasks)
    .where(
      and(
        eq(scheduledTasks.subjectId, envelopeId),
        inArray(scheduledTasks.kind, ["envelope.reminder", "envelope.expiry"]),
      ),
    )
    .orderBy(scheduledTasks.dueAt, scheduledTasks.kind);
const sign = (envelopeId: string, form: Parameters<typeof signEnvelope>[2]["form"], now: Date, actor = s.payerActor) =>
  signEnvelope(
    db,
    actor,
    { envelopeId, accountIds: [s.account.id], form, consentText: CONSENT, claimTitle: "Conciliación" },
    { now },
  );
const codeIn = (m: ParsedMail) => /\b(\d{6})\b/.exec(m.text ?? "")?.[1];

describe("reminders and expiry", () => {
  it("the send schedules reminders every N days before the expiry, and the expiry, in its transaction", async () => {
    const e = await sendOne();
    expect(e.expiresAt).toEqual(at(10));
    expect(await tasksOf(e.id)).toEqual([
      { kind: "envelope.reminder", status: "pending", dueAt: at(4) },
      { kind: "envelope.reminder", status: "pending", dueAt: at(8) },
      { kind: "envelope.expiry", status: "pending", dueAt: at(10) },
    ]);
  });

  it("a reminder emails the signers who have not signed; the last day expires it; nothing runs twice", async () => {
    const e = await sendOne();
    // Nothing is due before day 4.
    await sweep(at(3));
    expect(mailsTo(s.customer.email, /Recordatorio/)).toHaveLength(0);
    await sweep(at(4)); // the reminder task queues one email task per signer…
    await sweep(at(4, 1000)); // …which the next sweep delivers.
    await mailbox.waitFor(s.customer.email, /Recordatorio/);
    await mailbox.waitFor(s.admin.email, /Recordatorio/);
    const reminders = mailsTo(s.customer.email, /Recordatorio/).filter((m) => m.text?.includes(e.id));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text).toContain(`/portal/reconciliations/${e.id}`);
    expect(mailsTo(s.viewer.email, /Recordatorio/)).toHaveLength(0);
    const before = mailsTo(s.customer.email, /Recordatorio/).length;
    await sweep(at(9));
    await sweep(at(9, 1000));
    await mailbox.waitFor(s.customer.email, /Recordatorio/);
    expect(mailsTo(s.customer.email, /Recordatorio/).length).toBeGreaterThan(before);
    await sweep(at(10));
    const [row] = await db.select().from(envelopes).where(eq(envelopes.id, e.id));
    expect(row.status).toBe("expired");
    const events = await auditActions(db, e.id, "envelope");
    expect(events.filter((a) => a === "envelope.reminded")).toHaveLength(2);
    expect(events.filter((a) => a === "envelope.expired")).toHaveLength(1);
    // An expired reconciliation cannot be signed, and a code cannot be asked for it.
    await expect(sign(e.id, agreeForm(e.contentSha256), at(10, 1))).rejects.toEqual(rule("envelope.not_signable"));
    await expect(
      requestSigningCode(
        db,
        s.payerActor,
        { envelopeId: e.id, kind: "reconciliation", accountIds: [s.account.id] },
        { now: at(10, 1) },
      ),
    ).rejects.toEqual(rule("envelope.not_signable"));
    expect((await tasksOf(e.id)).every((t) => t.status === "done" || t.status === "cancelled")).toBe(true);
  });

  it("signing cancels every pending timer: no reminder, no expiry", async () => {
    const e = await sendOne();
    await sign(e.id, agreeForm(e.contentSha256), at(1), s.adminActor);
    expect((await tasksOf(e.id)).map((t) => t.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    await sweep(at(30));
    const reminded = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityId, e.id), inArray(auditEvents.action, ["envelope.reminded", "envelope.expired"])),
      );
    expect(reminded).toHaveLength(0);
    expect((await readEnvelope(db, [s.account.id], e.id, { now: at(30) }))?.status).toBe("signed");
  });

  it("disputing cancels the pending reminders and the expiry too", async () => {
    const e = await sendOne();
    await sweep(at(4));
    await sign(
      e.id,
      {
        intent: "disagree",
        contentSha256: e.contentSha256,
        method: "password",
        password: TEST_PASSWORD,
        typedName: "Cliente Prueba",
        consent: "on",
        customerBalance: "800.00",
        differences: [{ kind: "unapplied_payment", amount: "92.00", description: "Pagamos el 28" }],
      },
      at(5),
    );
    const statuses = (await tasksOf(e.id)).map((t) => `${t.kind}:${t.status}`);
    expect(statuses).toEqual(["envelope.reminder:done", "envelope.reminder:cancelled", "envelope.expiry:cancelled"]);
  });
});

describe("one-time code by email", () => {
  it("is emailed, kept only as a hash, signs once, and the signature records the method", async () => {
    const e = await sendOne();
    const { email } = await requestSigningCode(
      db,
      s.payerActor,
      { envelopeId: e.id, kind: "reconciliation", accountIds: [s.account.id] },
      { now: at(1) },
    );
    expect(email).toBe(s.customer.email);
    const mail = await mailbox.waitFor(s.customer.email, new RegExp(`firmar la conciliación ${e.number}`));
    const code = codeIn(mail)!;
    expect(code).toMatch(/^\d{6}$/);
    const [stored] = await db.select().from(signingCodes).where(eq(signingCodes.envelopeId, e.id));
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(code);
    const form = { ...agreeForm(e.contentSha256), password: undefined, method: "email_code" as const, code };
    const signed = await sign(e.id, form, at(1, 60_000));
    expect(signed.status).toBe("signed");
    const [signer] = await db
      .select({ method: envelopeSigners.method })
      .from(envelopeSigners)
      .where(and(eq(envelopeSigners.envelopeId, e.id), eq(envelopeSigners.userId, s.customer.id)));
    expect(signer.method).toBe("email_code");
    const [used] = await db.select().from(signingCodes).where(eq(signingCodes.id, stored.id));
    expect(used.consumedAt).not.toBeNull();
  });

  it("a wrong code counts an attempt; after five the code is dead even when right; asking again withdraws the old", async () => {
    const e = await sendOne();
    const ask = () =>
      requestSigningCode(
        db,
        s.payerActor,
        { envelopeId: e.id, kind: "reconciliation", accountIds: [s.account.id] },
        { now: at(1) },
      );
    await ask();
    const first = codeIn(mailsTo(s.customer.email, new RegExp(`conciliación ${e.number}`)).at(-1)!)!;
    const wrong = first === "000000" ? "111111" : "000000";
    const form = (code: string) => ({
      ...agreeForm(e.contentSha256),
      password: undefined,
      method: "email_code" as const,
      code,
    });
    for (let i = 0; i < SIGNING_CODE_MAX_ATTEMPTS; i++)
      await expect(sign(e.id, form(wrong), at(1, 1000))).rejects.toEqual(rule("signer.wrong_code"));
    await expect(sign(e.id, form(first), at(1, 2000))).rejects.toEqual(rule("signer.code_attempts"));
    // A new code works; the first one is withdrawn.
    const before = mailsTo(s.customer.email, new RegExp(`conciliación ${e.number}`)).length;
    await ask();
    await expect.poll(() => mailsTo(s.customer.email, new RegExp(`conciliación ${e.number}`)).length).toBe(before + 1);
    const second = codeIn(mailsTo(s.customer.email, new RegExp(`conciliación ${e.number}`)).at(-1)!)!;
    if (second !== first) await expect(sign(e.id, form(first), at(1, 3000))).rejects.toEqual(rule("signer.wrong_code"));
    expect((await sign(e.id, form(second), at(1, 4000))).status).toBe("signed");
    // Used once: the same code again is refused (and the envelope is signed anyway).
    await expect(sign(e.id, form(second), at(1, 5000))).rejects.toEqual(rule("signer.code_expired"));
  });

  it("expires after ten minutes", async () => {
    const e = await sendOne();
    await requestSigningCode(
      db,
      s.payerActor,
      { envelopeId: e.id, kind: "reconciliation", accountIds: [s.account.id] },
      { now: at(2) },
    );
    const code = codeIn(await mailbox.waitFor(s.customer.email, new RegExp(`conciliación ${e.number}`)))!;
    const form = { ...agreeForm(e.contentSha256), password: undefined, method: "email_code" as const, code };
    await expect(sign(e.id, form, at(2, 10 * 60_000))).rejects.toEqual(rule("signer.code_expired"));
  });

  it("is refused to a viewer and to a signer of another account", async () => {
    const e = await sendOne();
    await expect(
      requestSigningCode(
        db,
        s.viewerActor,
        { envelopeId: e.id, kind: "reconciliation", accountIds: [s.account.id] },
        { now: at(1) },
      ),
    ).rejects.toEqual(rule("signer.not_allowed"));
    await expect(
      requestSigningCode(
        db,
        s.outsiderActor,
        { envelopeId: e.id, kind: "reconciliation", accountIds: [s.other.id] },
        { now: at(1) },
      ),
    ).rejects.toEqual(rule("signer.not_allowed"));
  });
});
