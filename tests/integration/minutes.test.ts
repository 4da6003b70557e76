// Minutes end to end in the domain: recorded with attendees, topics and agreements (a payment promise
// checked against the ledger), sent to the customer's attendees only, signed by each of them (the last
// signature completes them and turns the promise agreement into a promise, exactly once), sealed as a
// PAdES file pdfsig accepts; or corrected: an attendee proposes corrections, the collector answers
// them (the minutes stay) or accepts them (a new version; the old one kept, superseded, linked).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  envelopeSigners,
  envelopes,
  minuteCorrectionResponses,
  minuteCorrections,
  minutePromises,
  paymentPromiseDocuments,
  paymentPromises,
} from "#db/schema";
import { listAccountPromises } from "~/domain/payments/read-promises.server";
import { answerMinutesCorrection } from "~/domain/signing/answer-minutes-correction.server";
import { canonicalSha256 } from "~/domain/signing/canonical-json";
import type { MinutesContent } from "~/domain/signing/minutes-content";
import { proposeMinutesCorrections } from "~/domain/signing/propose-minutes-corrections.server";
import { listAccountEnvelopes, readEnvelope } from "~/domain/signing/read-envelopes.server";
import { listAccountMinutes, readMinutes } from "~/domain/signing/read-minutes.server";
import { recordMinutes, reviseMinutes } from "~/domain/signing/record-minutes.server";
import { sealEnvelope } from "~/domain/signing/seal-envelope.server";
import { sendMinutes } from "~/domain/signing/send-minutes.server";
import { verifyUploadedPdf } from "~/domain/signing/verify-sealed-pdf.server";
import { settleBackgroundWork } from "~/utils/background.server";
import { type Database, type Db, openDatabase } from "~/utils/db.server";
import { auditActions } from "../fixtures/audit";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { minutesInput, sendTestMinutes, signMinutesAs } from "../fixtures/minutes";
import { BASE_URL, SIGNING_NOW, type SigningSetting, agreeForm, createSigningSetting } from "../fixtures/signing";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
const rule = (code: string) => expect.objectContaining({ name: "SigningRuleError", code });
const anonymous = { userId: null, label: "anonymous", ip: "198.51.100.1" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await settleBackgroundWork();
  await database?.close();
});

const envelopeRow = async (id: string) => (await db.select().from(envelopes).where(eq(envelopes.id, id)))[0];
const actions = (id: string) => auditActions(db, id, "envelope");
const promisesOf = async (s: SigningSetting) =>
  db.select().from(paymentPromises).where(eq(paymentPromises.accountId, s.account.id));

describe("recording and sending", () => {
  let s: SigningSetting;
  beforeAll(async () => {
    s = await createSigningSetting(db);
  });

  it("freezes meeting, attendees, topics and agreements with their canonical hash, as a draft", async () => {
    const recorded = await recordMinutes(db, s.collectorActor, minutesInput(s), { now: SIGNING_NOW });
    const row = await envelopeRow(recorded.id);
    const content = row.content as MinutesContent;
    expect(row).toMatchObject({ kind: "minutes", status: "draft", version: 1, supersedesId: null, cutoffDate: null });
    expect(row.contentSha256).toBe(canonicalSha256(content));
    expect(content.customerAttendees.map((a) => a.userId).sort()).toEqual([s.customer.id, s.admin.id].sort());
    expect(content.topics.map((t) => t.id)).toEqual(["T1", "T2"]);
    expect(content.agreements.map((a) => [a.id, a.promise?.amount ?? null])).toEqual([
      ["A1", null],
      ["A2", "400.00"],
    ]);
    expect(content.agreements[1].promise).toMatchObject({
      currency: "MXN",
      documents: [{ documentId: s.invoice.id, amount: "400.00" }],
    });
    expect(await actions(recorded.id)).toEqual(["envelope.prepared"]);
    // Minutes are not reconciliations: the reconciliation reads do not list or open them.
    expect(
      await listAccountEnvelopes(db, { accountIds: [s.account.id], includeDrafts: true }, { now: SIGNING_NOW }),
    ).toEqual([]);
    expect(await readEnvelope(db, [s.account.id], recorded.id, { now: SIGNING_NOW })).toBeNull();
    expect(
      (await listAccountMinutes(db, { accountIds: [s.account.id], includeDrafts: false }, { now: SIGNING_NOW })).map(
        (r) => r.id,
      ),
    ).not.toContain(recorded.id);
  });

  it("refuses a viewer or an outsider as attendee, a future meeting, and promises the ledger would refuse", async () => {
    const record = (extra: Parameters<typeof minutesInput>[1]) =>
      recordMinutes(db, s.collectorActor, minutesInput(s, extra), { now: SIGNING_NOW });
    await expect(record({ customerAttendeeIds: [s.customer.id, s.viewer.id] })).rejects.toEqual(
      rule("minutes.attendee_not_signer"),
    );
    await expect(record({ customerAttendeeIds: [s.outsider.id] })).rejects.toEqual(rule("minutes.attendee_not_signer"));
    await expect(record({ meetingDate: "2026-12-03" })).rejects.toEqual(rule("minutes.meeting_future"));
    const promise = (dueDate: string, documentId: string, amount: string) => ({
      agreements: [{ text: "Pago", owner: "Cliente", dueDate, promiseItems: [{ documentId, amount }] }],
    });
    await expect(record(promise("2026-12-15", s.invoice.id, "892.01"))).rejects.toEqual(rule("minutes.promise_amount"));
    await expect(record(promise("2026-11-30", s.invoice.id, "100.00"))).rejects.toEqual(rule("minutes.promise_date"));
    await expect(record(promise("2027-03-15", s.invoice.id, "100.00"))).rejects.toEqual(rule("minutes.promise_date"));
    await expect(record(promise("2026-12-15", s.payment, "100.00"))).rejects.toEqual(rule("minutes.promise_document"));
    await expect(record(promise("2026-12-15", s.foreignInvoiceId, "1.00"))).rejects.toEqual(
      rule("minutes.promise_document"),
    );
  });

  it("sends to the customer's attendees only, once", async () => {
    const recorded = await recordMinutes(
      db,
      s.collectorActor,
      minutesInput(s, { customerAttendeeIds: [s.customer.id] }),
      { now: SIGNING_NOW },
    );
    const send = () =>
      sendMinutes(
        db,
        s.collectorActor,
        { envelopeId: recorded.id, accountIds: [s.account.id], baseUrl: BASE_URL },
        { now: SIGNING_NOW },
      );
    await expect(
      sendMinutes(
        db,
        s.collectorActor,
        { envelopeId: recorded.id, accountIds: [s.other.id], baseUrl: BASE_URL },
        { now: SIGNING_NOW },
      ),
    ).rejects.toEqual(rule("envelope.not_found"));
    expect(await send()).toMatchObject({ signers: 1 });
    await expect(send()).rejects.toEqual(rule("envelope.not_sendable"));
    const signers = await db.select().from(envelopeSigners).where(eq(envelopeSigners.envelopeId, recorded.id));
    expect(signers.map((x) => x.userId)).toEqual([s.customer.id]);
    expect(await actions(recorded.id)).toEqual(["envelope.prepared", "envelope.sent"]);
  });
});

describe("signing: every attendee signs, the last signature makes the promise", () => {
  let s: SigningSetting;
  let minutes: Awaited<ReturnType<typeof sendTestMinutes>>;
  beforeAll(async () => {
    s = await createSigningSetting(db);
    minutes = await sendTestMinutes(db, s);
  });

  it("a viewer, an outsider, a wrong password and a reconciliation's signing are refused", async () => {
    await expect(signMinutesAs(db, s.viewerActor, minutes, { accountId: s.account.id })).rejects.toEqual(
      rule("signer.not_allowed"),
    );
    await expect(signMinutesAs(db, s.outsiderActor, minutes, { accountId: s.other.id })).rejects.toEqual(
      rule("envelope.not_found"),
    );
    await expect(
      signMinutesAs(db, s.payerActor, minutes, { accountId: s.account.id, password: "not-the-password" }),
    ).rejects.toEqual(rule("signer.wrong_password"));
    const { signEnvelope } = await import("~/domain/signing/sign-envelope.server");
    await expect(
      signEnvelope(
        db,
        s.payerActor,
        {
          envelopeId: minutes.id,
          accountIds: [s.account.id],
          form: agreeForm(minutes.contentSha256),
          consentText: "x",
          claimTitle: "x",
        },
        { now: SIGNING_NOW },
      ),
    ).rejects.toEqual(rule("envelope.not_found"));
  });

  it("the first signature records the signer and leaves the minutes open, without a promise", async () => {
    const first = await signMinutesAs(db, s.payerActor, minutes, { accountId: s.account.id });
    expect(first).toMatchObject({ status: "sent", remaining: 1, promises: [] });
    await expect(signMinutesAs(db, s.payerActor, minutes, { accountId: s.account.id })).rejects.toEqual(
      rule("envelope.already_signed"),
    );
    expect((await envelopeRow(minutes.id)).status).toBe("sent");
    expect(await promisesOf(s)).toEqual([]);
    const [signer] = await db
      .select()
      .from(envelopeSigners)
      .where(and(eq(envelopeSigners.envelopeId, minutes.id), eq(envelopeSigners.userId, s.customer.id)));
    expect(signer).toMatchObject({
      status: "signed",
      typedName: "Cliente Prueba",
      ip: "203.0.113.7",
      userAgent: "Vitest/1.0",
      contentSha256: minutes.contentSha256,
      signedTimeZone: "America/Mexico_City",
    });
  });

  it("the last signature completes the minutes and records the promise agreement as a promise, once", async () => {
    const last = await signMinutesAs(db, s.adminActor, minutes, { accountId: s.account.id });
    expect(last).toMatchObject({ status: "signed", remaining: 0 });
    const row = await envelopeRow(minutes.id);
    expect(row.status).toBe("signed");
    expect(row.completedAt).toEqual(SIGNING_NOW);
    const promises = await promisesOf(s);
    expect(promises).toHaveLength(1);
    expect(promises[0]).toMatchObject({
      amount: "400.00",
      currency: "MXN",
      promisedDate: "2026-12-15",
      status: "pending",
      createdById: s.admin.id,
    });
    expect(
      await db.select().from(paymentPromiseDocuments).where(eq(paymentPromiseDocuments.promiseId, promises[0].id)),
    ).toMatchObject([{ documentId: s.invoice.id, amount: "400.00" }]);
    expect(await db.select().from(minutePromises).where(eq(minutePromises.envelopeId, minutes.id))).toMatchObject([
      { agreementId: "A2", promiseId: promises[0].id, refusedCode: null },
    ]);
    // It is among the account's promises, as the promise pages read them.
    const listed = await listAccountPromises(db, [s.account.id]);
    expect(listed.rows.map((p) => p.id)).toEqual([promises[0].id]);
    await expect(signMinutesAs(db, s.adminActor, minutes, { accountId: s.account.id })).rejects.toEqual(
      rule("envelope.already_signed"),
    );
    expect(await promisesOf(s)).toHaveLength(1);
    expect(await actions(minutes.id)).toEqual([
      "envelope.prepared",
      "envelope.sent",
      "envelope.signed",
      "envelope.signed",
    ]);
    const detail = await readMinutes(db, [s.account.id], minutes.id, { now: SIGNING_NOW });
    expect(detail?.promises).toEqual([{ agreementId: "A2", promiseId: promises[0].id, refusedCode: null }]);
    expect(await readMinutes(db, [s.other.id], minutes.id, { now: SIGNING_NOW })).toBeNull();
  });

  it("a promise the ledger refuses by the last signature is recorded with its reason; the minutes still complete", async () => {
    const t = await createSigningSetting(db);
    const other = await sendTestMinutes(db, t, { customerAttendeeIds: [t.customer.id] });
    // Paid in full before the customer signs: nothing left to promise.
    const payment = await issueDocument(db, t.account.id, "payment", "892.00", "2026-12-02");
    await applyAmount(db, payment, t.invoice.id, "892.00", "2026-12-02");
    const signed = await signMinutesAs(db, t.payerActor, other, { accountId: t.account.id });
    expect(signed).toMatchObject({
      status: "signed",
      promises: [{ agreementId: "A2", promiseId: null, refused: "document.not_payable" }],
    });
    expect(await promisesOf(t)).toEqual([]);
  });
});

describe("sealing signed minutes", () => {
  let s: SigningSetting;
  let envelopeId: string;
  let sealed: Uint8Array;
  let dir: string;
  beforeAll(async () => {
    s = await createSigningSetting(db);
    const minutes = await sendTestMinutes(db, s);
    await signMinutesAs(db, s.payerActor, minutes, { accountId: s.account.id });
    // Not sealed while an attendee has not signed.
    expect(await sealEnvelope(db, minutes.id, { now: SIGNING_NOW, baseUrl: BASE_URL })).toEqual({ sealed: false });
    await signMinutesAs(db, s.adminActor, minutes, { accountId: s.account.id });
    const result = await sealEnvelope(db, minutes.id, { now: SIGNING_NOW, baseUrl: BASE_URL });
    if (!result.sealed) throw new Error("not sealed");
    envelopeId = minutes.id;
    sealed = result.bytes;
    dir = mkdtempSync(path.join(tmpdir(), "cartera-minutes-"));
  });

  it("prints the meeting, topics, agreements and promise, a certificate page per signer and the audit log", () => {
    const file = path.join(dir, "text.pdf");
    writeFileSync(file, sealed);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Minuta");
    expect(text).toContain("Saldo vencido de octubre");
    expect(text).toContain("año, señor, ¿sí?");
    expect(text).toContain("Pago parcial de la factura");
    expect(text).toContain("Promesa de pago");
    expect(text).toContain("Llamada");
    expect(text.match(/Certificado de firma/g)).toHaveLength(2);
    expect(text).toContain("Minuta firmada por un asistente");
    expect(text).toContain("203.0.113.7");
  });

  it("pdfsig: signature valid, total document signed; our verification finds the sealed copy", async () => {
    const file = path.join(dir, "sealed.pdf");
    writeFileSync(file, sealed);
    const run = spawnSync("pdfsig", [file], { encoding: "utf8" });
    const out = `${run.stdout}${run.stderr}`;
    expect(out).toContain("Signature is Valid");
    expect(out).toContain("Total document signed");
    const ours = await verifyUploadedPdf(db, anonymous, sealed);
    expect(ours).toMatchObject({ result: "sealed_copy", appendedBytes: 0 });
    expect(ours.envelope).toMatchObject({ id: envelopeId, kind: "minutes" });
    const appended = new Uint8Array([...sealed, ...Buffer.from("\n% appended\n")]);
    expect((await verifyUploadedPdf(db, anonymous, appended)).result).toBe("bytes_appended");
  });

  it("after sealing the database refuses changes and additions", async () => {
    await expect(db.update(envelopes).set({ status: "viewed" }).where(eq(envelopes.id, envelopeId))).rejects.toThrow();
    await expect(
      db.insert(minutePromises).values({ envelopeId, agreementId: "A9", refusedCode: "x" }),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from minute_promises where envelope_id = ${envelopeId}`)).rejects.toThrow();
    expect(await actions(envelopeId)).toContain("envelope.sealed");
  });
});

describe("corrections", () => {
  let s: SigningSetting;
  let minutes: Awaited<ReturnType<typeof sendTestMinutes>>;
  beforeAll(async () => {
    s = await createSigningSetting(db);
    minutes = await sendTestMinutes(db, s);
  });
  const propose = (
    actor: SigningSetting["payerActor"],
    items: Parameters<typeof proposeMinutesCorrections>[2]["items"],
    id = minutes.id,
    sha = minutes.contentSha256,
  ) =>
    proposeMinutesCorrections(
      db,
      actor,
      { envelopeId: id, accountIds: [s.account.id], contentSha256: sha, items },
      { now: SIGNING_NOW },
    );

  it("an attendee proposes corrections per topic or agreement; the minutes wait and cannot be signed", async () => {
    await expect(propose(s.payerActor, [{ target: "topic", targetId: "T9", text: "x" }])).rejects.toEqual(
      rule("correction.target"),
    );
    await expect(propose(s.viewerActor, [{ target: "general", text: "x" }])).rejects.toEqual(
      rule("signer.not_allowed"),
    );
    await propose(s.payerActor, [
      { target: "agreement", targetId: "A2", text: "Pagaremos el 16, no el 15" },
      { target: "topic", targetId: "T1", text: "Fue la factura de septiembre" },
    ]);
    expect((await envelopeRow(minutes.id)).status).toBe("corrections_requested");
    await expect(signMinutesAs(db, s.adminActor, minutes, { accountId: s.account.id })).rejects.toEqual(
      rule("envelope.not_signable"),
    );
    await expect(propose(s.adminActor, [{ target: "general", text: "Otra" }])).rejects.toEqual(
      rule("minutes.not_correctable"),
    );
    // Append-only.
    await expect(
      db.update(minuteCorrections).set({ items: [] }).where(eq(minuteCorrections.envelopeId, minutes.id)),
    ).rejects.toThrow();
  });

  it("the collector answers: a message back, the minutes unchanged and signable again", async () => {
    const [correction] = await db.select().from(minuteCorrections).where(eq(minuteCorrections.envelopeId, minutes.id));
    const answer = () =>
      answerMinutesCorrection(
        db,
        s.collectorActor,
        { envelopeId: minutes.id, accountIds: [s.account.id], correctionId: correction.id, message: "Acordamos el 15" },
        { now: SIGNING_NOW },
      );
    await expect(
      answerMinutesCorrection(
        db,
        s.collectorActor,
        { envelopeId: minutes.id, accountIds: [s.other.id], correctionId: correction.id, message: "x" },
        { now: SIGNING_NOW },
      ),
    ).rejects.toEqual(rule("envelope.not_found"));
    await answer();
    await expect(answer()).rejects.toEqual(rule("correction.not_pending"));
    const row = await envelopeRow(minutes.id);
    expect(row.status).toBe("viewed");
    expect(row.contentSha256).toBe(minutes.contentSha256);
    const detail = await readMinutes(db, [s.account.id], minutes.id, { now: SIGNING_NOW });
    expect(detail?.corrections).toMatchObject([
      {
        response: "answered",
        responseMessage: "Acordamos el 15",
        items: [{ target: "agreement", targetId: "A2" }, { target: "topic" }],
      },
    ]);
    await signMinutesAs(db, s.payerActor, minutes, { accountId: s.account.id });
  });

  it("accepting makes a new version sent to the attendees; the old one is kept, superseded and linked", async () => {
    await propose(s.adminActor, [{ target: "agreement", targetId: "A2", text: "El pago es de 450" }]);
    const corrected = minutesInput(s);
    corrected.agreements![1].promiseItems = [{ documentId: s.invoice.id, amount: "450.00" }];
    await expect(
      reviseMinutes(
        db,
        s.collectorActor,
        { supersedesId: minutes.id, accountIds: [s.other.id], minutes: corrected, baseUrl: BASE_URL },
        { now: SIGNING_NOW },
      ),
    ).rejects.toEqual(rule("envelope.not_found"));
    const next = await reviseMinutes(
      db,
      s.collectorActor,
      { supersedesId: minutes.id, accountIds: [s.account.id], minutes: corrected, baseUrl: BASE_URL },
      { now: SIGNING_NOW },
    );
    const old = await envelopeRow(minutes.id);
    const row = await envelopeRow(next.id);
    expect(old.status).toBe("superseded");
    expect(old.contentSha256).toBe(minutes.contentSha256);
    expect(row).toMatchObject({ status: "sent", version: 2, supersedesId: minutes.id });
    expect((row.content as MinutesContent).supersedes).toEqual({ envelopeId: minutes.id, number: minutes.number });
    // The old version's signature stays on it; the new one starts unsigned.
    const oldSigners = await db.select().from(envelopeSigners).where(eq(envelopeSigners.envelopeId, minutes.id));
    expect(oldSigners.find((x) => x.userId === s.customer.id)?.status).toBe("signed");
    const newSigners = await db.select().from(envelopeSigners).where(eq(envelopeSigners.envelopeId, next.id));
    expect(newSigners.map((x) => x.status)).toEqual(["pending", "pending"]);
    const responses = await db.select().from(minuteCorrectionResponses);
    expect(responses.filter((r) => r.newEnvelopeId === next.id)).toHaveLength(1);
    const detail = await readMinutes(db, [s.account.id], minutes.id, { now: SIGNING_NOW });
    expect(detail?.supersededBy).toMatchObject({ id: next.id, version: 2 });
    expect((await readMinutes(db, [s.account.id], next.id, { now: SIGNING_NOW }))?.previous).toMatchObject({
      id: minutes.id,
    });
    await expect(signMinutesAs(db, s.adminActor, minutes, { accountId: s.account.id })).rejects.toEqual(
      rule("envelope.not_signable"),
    );
    expect(await actions(minutes.id)).toEqual([
      "envelope.prepared",
      "envelope.sent",
      "envelope.correction_proposed",
      "envelope.correction_answered",
      "envelope.signed",
      "envelope.correction_proposed",
      "envelope.superseded",
    ]);
    expect((await actions(next.id)).sort()).toEqual(["envelope.prepared", "envelope.sent"]);
    // The new version signed by both becomes the 450.00 promise.
    await signMinutesAs(db, s.payerActor, next, { accountId: s.account.id });
    await signMinutesAs(db, s.adminActor, next, { accountId: s.account.id });
    expect((await promisesOf(s)).map((p) => p.amount)).toEqual(["450.00"]);
    await expect(
      reviseMinutes(
        db,
        s.collectorActor,
        { supersedesId: next.id, accountIds: [s.account.id], minutes: corrected, baseUrl: BASE_URL },
        { now: SIGNING_NOW },
      ),
    ).rejects.toEqual(rule("minutes.not_revisable"));
  });
});

describe.runIf(onPostgres)("the last signatures at once on PostgreSQL", () => {
  let second: Database;
  beforeAll(async () => {
    second = await openDatabase({ url: database.url!, poolSize: 3 });
  });
  afterAll(async () => second?.close());

  it("two attendees signing at once complete the minutes once, with one promise; a double submit signs once", async () => {
    for (let round = 0; round < 3; round++) {
      const s = await createSigningSetting(db);
      const minutes = await sendTestMinutes(db, s);
      const results = await Promise.allSettled([
        signMinutesAs(db, s.payerActor, minutes, { accountId: s.account.id }),
        signMinutesAs(second.db, s.adminActor, minutes, { accountId: s.account.id }),
        signMinutesAs(second.db, s.payerActor, minutes, { accountId: s.account.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toEqual(rule("envelope.already_signed"));
      expect((await envelopeRow(minutes.id)).status).toBe("signed");
      expect(await promisesOf(s)).toHaveLength(1);
      expect(await db.select().from(minutePromises).where(eq(minutePromises.envelopeId, minutes.id))).toHaveLength(1);
      const completions = results.filter((r) => r.status === "fulfilled" && r.value.remaining === 0);
      expect(completions).toHaveLength(1);
    }
  });
});
