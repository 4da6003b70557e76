// Minutes signed with a one-time code by email, exactly as reconciliations are (the shared
// reauthenticateSigner): the code is emailed for that minutes, signs them once and the signature
// records the method; a wrong or expired code is refused; a code asked for one minutes signs neither
// other minutes nor a reconciliation; a code for minutes cannot be asked through the reconciliation
// door nor by another account's signer.
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, envelopeSigners, signingCodes } from "#db/schema";
import { signEnvelope } from "~/domain/signing/sign-envelope.server";
import { signMinutes } from "~/domain/signing/sign-minutes.server";
import { requestSigningCode } from "~/domain/signing/signing-codes.server";
import { settleBackgroundWork } from "~/utils/background.server";
import type { Db } from "~/utils/db.server";
import { MINUTES_CONSENT, sendTestMinutes } from "../fixtures/minutes";
import {
  CONSENT,
  SIGNING_NOW,
  type SigningSetting,
  agreeForm,
  createSigningSetting,
  sendTestReconciliation,
} from "../fixtures/signing";
import { type TestMailbox, startTestSmtpServer } from "../setup/smtp";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let mailbox: TestMailbox;
let s: SigningSetting;
const rule = (code: string) => expect.objectContaining({ name: "SigningRuleError", code });
const at = (ms: number) => new Date(SIGNING_NOW.getTime() + ms);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  mailbox = await startTestSmtpServer();
  process.env.SMTP_URL = mailbox.url;
  s = await createSigningSetting(db);
});
afterAll(async () => {
  await settleBackgroundWork();
  delete process.env.SMTP_URL;
  await mailbox.close();
  await database?.close();
});

const codeIn = (m: ParsedMail) => /\b(\d{6})\b/.exec(m.text ?? "")?.[1];
async function askCode(envelopeId: string, now: Date, kind: "minutes" | "reconciliation" = "minutes") {
  const before = mailbox.messages.length;
  await requestSigningCode(db, s.payerActor, { envelopeId, kind, accountIds: [s.account.id] }, { now });
  await expect.poll(() => mailbox.messages.length).toBeGreaterThan(before);
  return codeIn(mailbox.messages.at(-1)!)!;
}
const signMinutesWith = (envelope: { id: string; contentSha256: string }, code: string, now: Date) =>
  signMinutes(
    db,
    s.payerActor,
    {
      envelopeId: envelope.id,
      accountIds: [s.account.id],
      form: {
        intent: "sign",
        contentSha256: envelope.contentSha256,
        method: "email_code",
        code,
        typedName: "Cliente Prueba",
        consent: "on",
      },
      consentText: MINUTES_CONSENT,
      promiseNote: "Minuta",
    },
    { now },
  );

describe("minutes signed with a one-time code", () => {
  it("the code is emailed for the minutes, signs them once, and the signature records the method", async () => {
    const minutes = await sendTestMinutes(db, s);
    const code = await askCode(minutes.id, at(60_000));
    const mail = mailbox.messages.at(-1)!;
    expect(mail.subject).toContain(`firmar la minuta ${minutes.number}`);
    const [stored] = await db.select().from(signingCodes).where(eq(signingCodes.envelopeId, minutes.id));
    expect(JSON.stringify(stored)).not.toContain(code);
    const signed = await signMinutesWith(minutes, code, at(120_000));
    expect(signed.remaining).toBe(1);
    const [signer] = await db
      .select({ status: envelopeSigners.status, method: envelopeSigners.method })
      .from(envelopeSigners)
      .where(and(eq(envelopeSigners.envelopeId, minutes.id), eq(envelopeSigners.userId, s.customer.id)));
    expect(signer).toEqual({ status: "signed", method: "email_code" });
    const [used] = await db.select().from(signingCodes).where(eq(signingCodes.id, stored.id));
    expect(used.consumedAt).not.toBeNull();
    const events = await db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, minutes.id));
    expect(events.map((e) => e.action)).toContain("envelope.code_sent");
    expect(events.find((e) => e.action === "envelope.signed")?.after).toMatchObject({ method: "email_code" });
    // Used once: the same code again is refused.
    await expect(signMinutesWith(minutes, code, at(130_000))).rejects.toEqual(rule("signer.code_expired"));
  });

  it("a wrong code is refused and an expired one too; neither signs", async () => {
    const minutes = await sendTestMinutes(db, s);
    const code = await askCode(minutes.id, at(60_000));
    const wrong = code === "000000" ? "111111" : "000000";
    await expect(signMinutesWith(minutes, wrong, at(61_000))).rejects.toEqual(rule("signer.wrong_code"));
    await expect(signMinutesWith(minutes, code, at(60_000 + 10 * 60_000))).rejects.toEqual(rule("signer.code_expired"));
    const [signer] = await db
      .select({ status: envelopeSigners.status })
      .from(envelopeSigners)
      .where(and(eq(envelopeSigners.envelopeId, minutes.id), eq(envelopeSigners.userId, s.customer.id)));
    expect(signer.status).not.toBe("signed");
  });

  it("a code for one minutes signs neither other minutes nor a reconciliation", async () => {
    const first = await sendTestMinutes(db, s);
    const second = await sendTestMinutes(db, s);
    const reconciliation = await sendTestReconciliation(db, s);
    const code = await askCode(first.id, at(60_000));
    await expect(signMinutesWith(second, code, at(61_000))).rejects.toEqual(rule("signer.code_expired"));
    await expect(
      signEnvelope(
        db,
        s.payerActor,
        {
          envelopeId: reconciliation.id,
          accountIds: [s.account.id],
          form: { ...agreeForm(reconciliation.contentSha256), password: undefined, method: "email_code", code },
          consentText: CONSENT,
          claimTitle: "Conciliación",
        },
        { now: at(62_000) },
      ),
    ).rejects.toEqual(rule("signer.code_expired"));
    // It still signs the minutes it was asked for.
    expect((await signMinutesWith(first, code, at(63_000))).remaining).toBe(1);
  });

  it("is asked only through the minutes' own door, and never by another account's signer", async () => {
    const minutes = await sendTestMinutes(db, s);
    await expect(
      requestSigningCode(
        db,
        s.payerActor,
        { envelopeId: minutes.id, kind: "reconciliation", accountIds: [s.account.id] },
        { now: at(60_000) },
      ),
    ).rejects.toEqual(rule("signer.not_allowed"));
    await expect(
      requestSigningCode(
        db,
        s.outsiderActor,
        { envelopeId: minutes.id, kind: "minutes", accountIds: [s.other.id] },
        { now: at(60_000) },
      ),
    ).rejects.toEqual(rule("signer.not_allowed"));
    await expect(
      requestSigningCode(
        db,
        s.viewerActor,
        { envelopeId: minutes.id, kind: "minutes", accountIds: [s.account.id] },
        { now: at(60_000) },
      ),
    ).rejects.toEqual(rule("signer.not_allowed"));
    expect(await db.select().from(signingCodes).where(eq(signingCodes.envelopeId, minutes.id))).toEqual([]);
  });
});
