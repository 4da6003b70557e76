// Balance reconciliations end to end in the domain: the snapshot at the cut-off comes from the
// ledger as the statement reads it; sending picks the payers and administrators (never viewers);
// signing re-checks the password, records who, when, where from and what hash, signs once; each
// difference becomes a claim of its type and amount; sealing gives a PAdES file pdfsig accepts, that
// the database then refuses to change, and that our verification tells apart from a tampered copy.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDocuments, claims, envelopeSigners, envelopes, reconciliationDifferences } from "#db/schema";
import { canonicalSha256, sha256Hex } from "~/domain/signing/canonical-json";
import { inspectPdfSignature } from "~/domain/signing/inspect-pdf-signature.server";
import { getPlatformSeal } from "~/domain/signing/platform-seal.server";
import { prepareReconciliation } from "~/domain/signing/prepare-reconciliation.server";
import { listAccountEnvelopes, listPortfolioEnvelopes, readEnvelope } from "~/domain/signing/read-envelopes.server";
import type { ReconciliationContent } from "~/domain/signing/reconciliation-content";
import { recordEnvelopeView } from "~/domain/signing/record-envelope-view.server";
import { sealEnvelope } from "~/domain/signing/seal-envelope.server";
import { signEnvelope } from "~/domain/signing/sign-envelope.server";
import { verifyByCode, verifyUploadedPdf } from "~/domain/signing/verify-sealed-pdf.server";
import { settleBackgroundWork } from "~/utils/background.server";
import { type Database, type Db, openDatabase } from "~/utils/db.server";
import { auditActions } from "../fixtures/audit";
import {
  BASE_URL,
  CONSENT,
  CUTOFF,
  SIGNING_NOW,
  type SigningSetting,
  agreeForm,
  createSigningSetting,
  sendTestReconciliation,
} from "../fixtures/signing";
import { TEST_PASSWORD } from "../fixtures/users";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let s: SigningSetting;
const rule = (code: string) => expect.objectContaining({ name: "SigningRuleError", code });
const anonymous = { userId: null, label: "anonymous", ip: "198.51.100.1" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  s = await createSigningSetting(db);
});
afterAll(async () => {
  await settleBackgroundWork();
  await database?.close();
});

const sign = (
  actor: SigningSetting["payerActor"],
  envelopeId: string,
  form: Parameters<typeof signEnvelope>[2]["form"],
  accountIds = [s.account.id],
) =>
  signEnvelope(
    db,
    actor,
    { envelopeId, accountIds, form, consentText: CONSENT, claimTitle: "Conciliación 1" },
    { now: SIGNING_NOW },
  );

const envelopeRow = async (id: string) => (await db.select().from(envelopes).where(eq(envelopes.id, id)))[0];
const actions = (id: string) => auditActions(db, id, "envelope");

describe("preparing and sending", () => {
  it("freezes the balance and open items at the cut-off from the ledger, with its canonical hash", async () => {
    const prepared = await prepareReconciliation(
      db,
      s.collectorActor,
      { accountId: s.account.id, cutoffDate: CUTOFF, message: "Favor de confirmar" },
      { now: SIGNING_NOW },
    );
    const row = await envelopeRow(prepared.id);
    const content = row.content as ReconciliationContent;
    expect(row.status).toBe("draft");
    expect(content.sections).toHaveLength(1);
    // The payment was applied on 2026-12-01, after the cut-off: then it was unapplied and the invoice wholly open.
    expect(content.sections[0]).toMatchObject({
      currency: "MXN",
      openCharges: "1392.00",
      unappliedCredits: "500.00",
      balance: "892.00",
    });
    expect(content.sections[0].items.map((i) => [i.kind, i.open])).toEqual([
      ["invoice", "1392.00"],
      ["payment", "500.00"],
    ]);
    expect(row.contentSha256).toBe(canonicalSha256(content));
    expect(row.verificationCode).toMatch(/^[0-9A-Z]{12}$/);
    expect(await actions(prepared.id)).toEqual(["envelope.prepared"]);
    // A cut-off after today (in Mexico City) is refused.
    await expect(
      prepareReconciliation(
        db,
        s.collectorActor,
        { accountId: s.account.id, cutoffDate: "2026-12-03" },
        { now: SIGNING_NOW },
      ),
    ).rejects.toEqual(rule("cutoff.future"));
  });

  it("sends to the payers and administrators, never a viewer, once", async () => {
    const prepared = await sendTestReconciliation(db, s);
    const signers = await db.select().from(envelopeSigners).where(eq(envelopeSigners.envelopeId, prepared.id));
    expect(signers.map((x) => x.userId).sort()).toEqual([s.customer.id, s.admin.id].sort());
    expect((await envelopeRow(prepared.id)).status).toBe("sent");
    const { sendEnvelope } = await import("~/domain/signing/send-envelope.server");
    await expect(
      sendEnvelope(
        db,
        s.collectorActor,
        { envelopeId: prepared.id, accountIds: [s.account.id], baseUrl: BASE_URL },
        { now: SIGNING_NOW },
      ),
    ).rejects.toEqual(rule("envelope.not_sendable"));
    // Another account's staff scope does not find it.
    await expect(
      sendEnvelope(
        db,
        s.collectorActor,
        { envelopeId: prepared.id, accountIds: [s.other.id], baseUrl: BASE_URL },
        { now: SIGNING_NOW },
      ),
    ).rejects.toEqual(rule("envelope.not_found"));
  });
});

describe("signing", () => {
  it("refuses a wrong password, a viewer, another account, and a content hash other than the envelope's", async () => {
    const prepared = await sendTestReconciliation(db, s);
    await expect(
      sign(s.payerActor, prepared.id, agreeForm(prepared.contentSha256, { password: "wrong-password-1" })),
    ).rejects.toEqual(rule("signer.wrong_password"));
    await expect(sign(s.viewerActor, prepared.id, agreeForm(prepared.contentSha256))).rejects.toEqual(
      rule("signer.not_allowed"),
    );
    await expect(sign(s.outsiderActor, prepared.id, agreeForm(prepared.contentSha256), [s.other.id])).rejects.toEqual(
      rule("envelope.not_found"),
    );
    await expect(sign(s.payerActor, prepared.id, agreeForm("0".repeat(64)))).rejects.toEqual(
      rule("envelope.content_changed"),
    );
    expect(await readEnvelope(db, [s.other.id], prepared.id, { now: SIGNING_NOW })).toBeNull();
    expect((await envelopeRow(prepared.id)).status).toBe("sent");
  });

  it("records the view, then the signature: signer, time and zone, IP, device, consent and hash; once", async () => {
    const prepared = await sendTestReconciliation(db, s);
    expect(
      await recordEnvelopeView(db, s.payerActor, { id: prepared.id, accountId: s.account.id }, { now: SIGNING_NOW }),
    ).toBe(true);
    expect(
      await recordEnvelopeView(db, s.payerActor, { id: prepared.id, accountId: s.account.id }, { now: SIGNING_NOW }),
    ).toBe(false);
    expect((await envelopeRow(prepared.id)).status).toBe("viewed");
    const result = await sign(s.payerActor, prepared.id, agreeForm(prepared.contentSha256));
    expect(result.status).toBe("signed");
    const [signer] = await db
      .select()
      .from(envelopeSigners)
      .where(and(eq(envelopeSigners.envelopeId, prepared.id), eq(envelopeSigners.userId, s.customer.id)));
    expect(signer).toMatchObject({
      status: "signed",
      typedName: "Cliente Prueba",
      signedTimeZone: "America/Mexico_City",
      ip: "203.0.113.7",
      userAgent: "Vitest/1.0",
      consentText: CONSENT,
      contentSha256: prepared.contentSha256,
    });
    expect(signer.signedAt?.toISOString()).toBe(SIGNING_NOW.toISOString());
    // A double submit, or the other signer, signs nothing more.
    await expect(sign(s.payerActor, prepared.id, agreeForm(prepared.contentSha256))).rejects.toEqual(
      rule("envelope.already_signed"),
    );
    await expect(sign(s.adminActor, prepared.id, agreeForm(prepared.contentSha256))).rejects.toEqual(
      rule("envelope.already_signed"),
    );
    expect(await actions(prepared.id)).toEqual([
      "envelope.prepared",
      "envelope.sent",
      "envelope.viewed",
      "envelope.signed",
    ]);
  });

  it("turns each difference into a claim of its type and amount, linked to the reconciliation", async () => {
    const prepared = await sendTestReconciliation(db, s);
    const result = await sign(s.adminActor, prepared.id, {
      intent: "disagree",
      contentSha256: prepared.contentSha256,
      password: TEST_PASSWORD,
      typedName: "Admin Cliente",
      consent: "on",
      customerBalance: "450.00",
      differences: [
        { kind: "unknown_invoice", documentId: s.invoice.id, amount: "300.00", description: "No tenemos la remisión" },
        { kind: "amount_differs", documentId: s.invoice.id, amount: "42.00", description: "Precio pactado menor" },
        {
          kind: "unapplied_payment",
          amount: "100.00",
          reference: "SPEI 8841",
          description: "Pagamos el 28 de noviembre",
        },
        { kind: "expected_credit_note", amount: "0.50", description: "Bonificación de octubre" },
      ],
    });
    expect(result).toMatchObject({ status: "signed_with_differences", differences: 4 });
    const row = await envelopeRow(prepared.id);
    expect(row).toMatchObject({
      status: "signed_with_differences",
      customerBalance: "450.00",
      customerBalanceCurrency: "MXN",
    });
    const diffs = await db
      .select({
        kind: reconciliationDifferences.kind,
        amount: reconciliationDifferences.amount,
        claimType: claims.type,
        origin: claims.origin,
        accountId: claims.accountId,
        claimId: claims.id,
      })
      .from(reconciliationDifferences)
      .innerJoin(claims, eq(claims.id, reconciliationDifferences.claimId))
      .where(eq(reconciliationDifferences.envelopeId, prepared.id))
      .orderBy(reconciliationDifferences.createdAt, reconciliationDifferences.id);
    expect(diffs.map((d) => [d.kind, d.amount, d.claimType, d.origin])).toEqual(
      expect.arrayContaining([
        ["unknown_invoice", "300.00", "quantity_or_remission", "invoice"],
        ["amount_differs", "42.00", "price_difference", "invoice"],
        ["unapplied_payment", "100.00", "payment_not_applied", "general"],
        ["expected_credit_note", "0.50", "credit_note_missing", "general"],
      ]),
    );
    expect(new Set(diffs.map((d) => d.accountId))).toEqual(new Set([s.account.id]));
    const disputed = await db
      .select()
      .from(claimDocuments)
      .where(eq(claimDocuments.claimId, diffs.find((d) => d.kind === "amount_differs")!.claimId));
    expect(disputed).toEqual([
      expect.objectContaining({ documentId: s.invoice.id, disputedAmount: "42.00", currency: "MXN" }),
    ]);
    const detail = await readEnvelope(db, [s.account.id], prepared.id, { now: SIGNING_NOW });
    expect(detail?.differences).toHaveLength(4);
    // One transaction, one instant: the signature and its four differences (in any order among them).
    expect((await actions(prepared.id)).sort()).toEqual([
      "envelope.disputed",
      "envelope.disputed",
      "envelope.disputed",
      "envelope.disputed",
      "envelope.prepared",
      "envelope.sent",
      "envelope.signed",
    ]);
  });

  it("refuses a difference about a document that is not in the reconciliation, and writes nothing", async () => {
    const prepared = await sendTestReconciliation(db, s);
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(claims))[0].n;
    await expect(
      sign(s.payerActor, prepared.id, {
        intent: "disagree",
        contentSha256: prepared.contentSha256,
        password: TEST_PASSWORD,
        typedName: "Cliente Prueba",
        consent: "on",
        customerBalance: "0",
        differences: [{ kind: "unknown_invoice", documentId: s.foreignInvoiceId, amount: "1.00", description: "x" }],
      }),
    ).rejects.toEqual(rule("difference.document_not_found"));
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(claims))[0].n).toBe(before);
    expect((await envelopeRow(prepared.id)).status).toBe("sent");
  });

  it("lists per account (customers never see drafts) and per portfolio by status, expired past the deadline", async () => {
    const later = new Date(SIGNING_NOW.getTime() + 16 * 86_400_000);
    const portfolio = await listPortfolioEnvelopes(
      db,
      { id: s.collector.id, staffRole: "collector" },
      { status: "expired" },
      { now: later },
    );
    expect(portfolio.length).toBeGreaterThan(0);
    expect(portfolio.every((e) => e.status === "expired" && e.accountId === s.account.id)).toBe(true);
    const customer = await listAccountEnvelopes(
      db,
      { accountIds: [s.account.id], includeDrafts: false },
      { now: SIGNING_NOW },
    );
    expect(customer.some((e) => e.status === "draft")).toBe(false);
    const staff = await listAccountEnvelopes(
      db,
      { accountIds: [s.account.id], includeDrafts: true },
      { now: SIGNING_NOW },
    );
    expect(staff.some((e) => e.status === "draft")).toBe(true);
    expect(
      await listAccountEnvelopes(db, { accountIds: [s.other.id], includeDrafts: true }, { now: SIGNING_NOW }),
    ).toEqual([]);
    const strangers = await listPortfolioEnvelopes(
      db,
      { id: s.supervisor.id, staffRole: "collector" },
      {},
      { now: SIGNING_NOW },
    );
    expect(strangers).toEqual([]);
  });
});

describe("sealing and verification", () => {
  let envelopeId: string;
  let sealed: Uint8Array;
  let dir: string;

  beforeAll(async () => {
    const prepared = await sendTestReconciliation(db, s, "Mensaje con acentos: año, señor, ¿sí?");
    await sign(s.payerActor, prepared.id, agreeForm(prepared.contentSha256));
    envelopeId = prepared.id;
    const started = performance.now();
    const result = await sealEnvelope(db, envelopeId, { now: SIGNING_NOW, baseUrl: BASE_URL });
    console.info(`sealEnvelope (render in the pool + PAdES B-B): ${Math.round(performance.now() - started)} ms`);
    if (!result.sealed) throw new Error("not sealed");
    sealed = result.bytes;
    dir = mkdtempSync(path.join(tmpdir(), "cartera-pdfsig-"));
    writeFileSync(path.join(dir, "root.pem"), getPlatformSeal().rootPem!);
    mkdirSync(path.join(dir, "nss"));
    execFileSync("certutil", ["-N", "-d", `sql:${path.join(dir, "nss")}`, "--empty-password"]);
  });

  const pdfsig = (bytes: Uint8Array, nss = false) => {
    const file = path.join(dir, `check-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, bytes);
    const args = nss ? ["-nssdir", `sql:${path.join(dir, "nss")}`, file] : [file];
    const run = spawnSync("pdfsig", args, { encoding: "utf8" });
    return `${run.stdout}${run.stderr}`;
  };

  it("stores original and sealed bytes with their hashes; a second seal stores nothing", async () => {
    const row = await envelopeRow(envelopeId);
    expect(row.sealedAt).not.toBeNull();
    expect(row.sealedSha256).toBe(sha256Hex(sealed));
    expect(row.originalPdf?.length).toBeGreaterThan(1000);
    expect(row.originalSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(sealed.subarray(0, 5)).toString()).toBe("%PDF-");
    expect((await sealEnvelope(db, envelopeId, { now: SIGNING_NOW, baseUrl: BASE_URL })).sealed).toBe(false);
    // Timing of a seal once the pool is warm (the first one above also started the worker threads).
    const other = await sendTestReconciliation(db, s);
    await sign(s.payerActor, other.id, agreeForm(other.contentSha256));
    const started = performance.now();
    expect((await sealEnvelope(db, other.id, { now: SIGNING_NOW, baseUrl: BASE_URL })).sealed).toBe(true);
    console.info(`sealEnvelope, warm pool: ${Math.round(performance.now() - started)} ms`);
    expect((await actions(envelopeId)).filter((a) => a === "envelope.sealed")).toHaveLength(1);
  });

  it("prints the content, a certificate page with the signer and the hash, and the audit log", () => {
    const file = path.join(dir, "text.pdf");
    writeFileSync(file, sealed);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Certificado de firma");
    expect(text).toContain("Cliente Prueba");
    expect(text).toContain("203.0.113.7");
    expect(text).toContain("Registro de auditor");
    expect(text).toContain("año, señor, ¿sí?");
    expect(text.replace(/\s+/g, "")).toContain("892.00".replace(".", ".")); // the balance
  });

  it("pdfsig: valid, total document signed, trusted with the root in an NSS database", () => {
    const plain = pdfsig(sealed);
    expect(plain).toContain("Signature is Valid");
    expect(plain).toContain("Total document signed");
    execFileSync("certutil", [
      "-A",
      "-d",
      `sql:${path.join(dir, "nss")}`,
      "-n",
      "cartera-root",
      "-t",
      "CT,C,C",
      "-i",
      path.join(dir, "root.pem"),
    ]);
    expect(pdfsig(sealed, true)).toContain("Certificate is Trusted");
  });

  it("a flipped byte and appended bytes fail pdfsig and our verification", async () => {
    const flipped = new Uint8Array(sealed);
    const text = Buffer.from(flipped).toString("latin1");
    const at = text.indexOf("Cliente Prueba") >= 0 ? text.indexOf("Cliente Prueba") : text.indexOf("stream") + 20;
    flipped[at] ^= 0x01;
    expect(pdfsig(flipped)).not.toContain("Signature is Valid");
    const appended = new Uint8Array([...sealed, ...Buffer.from("\n% appended after sealing\n")]);
    expect(pdfsig(appended)).not.toContain("Total document signed");

    const ours = await verifyUploadedPdf(db, anonymous, sealed);
    expect(ours).toMatchObject({ result: "sealed_copy", appendedBytes: 0 });
    expect(ours.signature).toMatchObject({ valid: true, coversWholeFile: true, byPlatformSeal: true });
    expect(ours.envelope?.id).toBe(envelopeId);

    const tampered = await verifyUploadedPdf(db, anonymous, flipped);
    expect(tampered.result).toBe("modified");
    expect(tampered.envelope).toBeNull();
    expect(tampered.signature.valid).toBe(false);

    const extra = await verifyUploadedPdf(db, anonymous, appended);
    expect(extra).toMatchObject({ result: "bytes_appended", appendedBytes: 26 });
    expect(extra.envelope?.id).toBe(envelopeId);
    expect(extra.signature.coversWholeFile).toBe(false);

    expect((await inspectPdfSignature(new TextEncoder().encode("%PDF-1.4 nothing"))).found).toBe(false);
  });

  it("finds it by its verification code, with who signed and when", async () => {
    const row = await envelopeRow(envelopeId);
    const found = await verifyByCode(db, anonymous, row.verificationCode);
    expect(found?.signers).toEqual([expect.objectContaining({ name: "Cliente Prueba", typedName: "Cliente Prueba" })]);
    expect(await verifyByCode(db, anonymous, "ZZZZZZZZZZZZ")).toBeNull();
  });

  it("the database refuses any change to a sealed envelope, its signers and differences", async () => {
    /** The database's own words (drizzle wraps them in "Failed query: …" with the cause). */
    const refusal = async (query: PromiseLike<unknown>) => {
      try {
        await query;
      } catch (error) {
        return String((error as { cause?: unknown }).cause ?? error);
      }
      return "accepted";
    };
    expect(await refusal(db.update(envelopes).set({ message: "otro" }).where(eq(envelopes.id, envelopeId)))).toMatch(
      /is sealed/,
    );
    expect(await refusal(db.delete(envelopes).where(eq(envelopes.id, envelopeId)))).toMatch(/never deleted/);
    expect(
      await refusal(
        db.update(envelopeSigners).set({ ip: "1.1.1.1" }).where(eq(envelopeSigners.envelopeId, envelopeId)),
      ),
    ).toMatch(/is recorded|is sealed/);
    expect(
      await refusal(db.insert(envelopeSigners).values({ envelopeId, userId: s.viewer.id, role: "viewer" })),
    ).toMatch(/is sealed/);
    expect((await envelopeRow(envelopeId)).message).not.toBe("otro");
  });
});

describe.runIf(onPostgres)("double submit on PostgreSQL", () => {
  let second: Database;
  beforeAll(async () => {
    second = await openDatabase({ url: database.url!, poolSize: 3 });
  });
  afterAll(async () => second?.close());

  it("two submits at once, and the two signers at once, sign exactly once", async () => {
    for (const pair of [
      [s.payerActor, s.payerActor],
      [s.payerActor, s.adminActor],
    ] as const) {
      const prepared = await sendTestReconciliation(db, s);
      const run = (d: Db, actor: SigningSetting["payerActor"]) =>
        signEnvelope(
          d,
          actor,
          {
            envelopeId: prepared.id,
            accountIds: [s.account.id],
            form: agreeForm(prepared.contentSha256),
            consentText: CONSENT,
            claimTitle: "x",
          },
          { now: SIGNING_NOW },
        );
      const results = await Promise.allSettled([run(db, pair[0]), run(second.db, pair[1]), run(db, pair[1])]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toEqual(rule("envelope.already_signed"));
      const signed = await db
        .select()
        .from(envelopeSigners)
        .where(and(eq(envelopeSigners.envelopeId, prepared.id), eq(envelopeSigners.status, "signed")));
      expect(signed).toHaveLength(1);
      expect((await actions(prepared.id)).filter((a) => a === "envelope.signed")).toHaveLength(1);
    }
  });
});
