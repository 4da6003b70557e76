// The public verification: by the code printed on the certificate page, or by a copy of the PDF.
// For a copy it answers whether it is byte for byte the sealed file (SHA-256), whether its signature
// is valid and made with the platform seal, and whether bytes were appended after sealing (the
// signed revision is a sealed file and something follows it). What it tells about an envelope is
// what the certificate page prints anyway: number, parties, who signed and when. Each check that
// finds an envelope is audited (envelope.verified) under its account.
import { createHash, X509Certificate } from "node:crypto";
import { P12Signer } from "@libpdf/core";
import { eq } from "drizzle-orm";
import { customerAccounts, envelopeSigners, envelopes, sellers, users } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { sha256Hex } from "./canonical-json";
import { type PdfSignatureInspection, inspectPdfSignature } from "./inspect-pdf-signature.server";
import { getPlatformSeal } from "./platform-seal.server";

export type VerificationResult = "sealed_copy" | "bytes_appended" | "modified" | "not_sealed";

async function summary(db: DbOrTx, where: ReturnType<typeof eq>) {
  const [row] = await db
    .select({
      id: envelopes.id,
      number: envelopes.number,
      kind: envelopes.kind,
      status: envelopes.status,
      accountId: envelopes.accountId,
      cutoffDate: envelopes.cutoffDate,
      sealedAt: envelopes.sealedAt,
      sealedSha256: envelopes.sealedSha256,
      contentSha256: envelopes.contentSha256,
      accountName: customerAccounts.legalName,
      sellerName: sellers.legalName,
      timeZone: sellers.timeZone,
    })
    .from(envelopes)
    .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
    .innerJoin(sellers, eq(sellers.id, envelopes.sellerId))
    .where(where);
  if (!row) return null;
  const signers = await db
    .select({ name: users.name, typedName: envelopeSigners.typedName, signedAt: envelopeSigners.signedAt })
    .from(envelopeSigners)
    .innerJoin(users, eq(users.id, envelopeSigners.userId))
    .where(eq(envelopeSigners.envelopeId, row.id));
  return { ...row, signers: signers.filter((s) => s.signedAt) };
}
export type VerifiedEnvelope = NonNullable<Awaited<ReturnType<typeof summary>>>;

/** The envelope with this verification code (normalised: 12 characters, no dashes), sealed or not. */
export async function verifyByCode(db: DbOrTx, actor: Actor, code: string) {
  const envelope = await summary(db, eq(envelopes.verificationCode, code));
  if (!envelope || envelope.status === "draft") return null;
  await recordAuditEvent(db, actor, {
    action: "envelope.verified",
    entityType: "envelope",
    entityId: envelope.id,
    accountId: envelope.accountId,
    after: { via: "code", result: envelope.sealedAt ? "sealed_copy" : "not_sealed" },
  });
  return envelope;
}

let sealCertificateSha256: Promise<string> | undefined;
async function platformCertificateSha256(): Promise<string> {
  sealCertificateSha256 ??= (async () => {
    const seal = getPlatformSeal();
    const signer = await P12Signer.create(seal.p12, seal.password);
    return createHash("sha256")
      .update(new X509Certificate(Buffer.from(signer.certificate)).raw)
      .digest("hex");
  })();
  return sealCertificateSha256;
}

export interface UploadVerification {
  result: VerificationResult;
  envelope: VerifiedEnvelope | null;
  signature: PdfSignatureInspection & { byPlatformSeal: boolean };
  sha256: string;
  appendedBytes: number;
}

export async function verifyUploadedPdf(db: DbOrTx, actor: Actor, bytes: Uint8Array): Promise<UploadVerification> {
  const sha256 = sha256Hex(bytes);
  const inspection = await inspectPdfSignature(bytes);
  const byPlatformSeal =
    inspection.certificateSha256 !== null && inspection.certificateSha256 === (await platformCertificateSha256());
  let envelope = await summary(db, eq(envelopes.sealedSha256, sha256));
  let result: VerificationResult = "sealed_copy";
  let appendedBytes = 0;
  if (!envelope && inspection.signedLength !== null && inspection.signedLength < bytes.length) {
    // The signed revision may be a sealed file with something appended after it.
    envelope = await summary(db, eq(envelopes.sealedSha256, sha256Hex(bytes.subarray(0, inspection.signedLength))));
    if (envelope) {
      result = "bytes_appended";
      appendedBytes = bytes.length - inspection.signedLength;
    }
  }
  if (!envelope) result = inspection.found ? "modified" : "not_sealed";
  if (envelope)
    await recordAuditEvent(db, actor, {
      action: "envelope.verified",
      entityType: "envelope",
      entityId: envelope.id,
      accountId: envelope.accountId,
      after: { via: "upload", result },
    });
  return { result, envelope, signature: { ...inspection, byPlatformSeal }, sha256, appendedBytes };
}
