// Seals a signed envelope once: renders its PDF (content, a certificate page per signer, the audit
// log) in the PDF pool, signs it with the platform seal as PAdES B-B (@libpdf/core, one signature
// over the whole file), and stores the original bytes, the sealed bytes and both SHA-256 by a
// conditional update (`sealed_at is null`), audited in the same transaction. From then on the
// database refuses any change to the envelope (trigger envelopes_sealed_guard); a second call, or two
// at once, store nothing more. After Documenso's seal-document.handler.ts.
import { X509Certificate, createHash } from "node:crypto";
import { P12Signer, PDF } from "@libpdf/core";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { auditEvents, envelopeSigners, envelopes, reconciliationDifferences, claims, sellers, users } from "#db/schema";
import { auditActionLabel } from "~/domain/audit/audit-labels";
import { type Actor, SYSTEM_ACTOR, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { renderPdf } from "~/domain/pdf/pdf-pool.server";
import type { es } from "~/i18n/es";
import type { DbOrTx } from "~/utils/db.server";
import { type Language, formatDate, formattingLocale, getFixedT } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import { sha256Hex } from "./canonical-json";
import type { MinutesContent } from "./minutes-content";
import { type EnvelopePdfData, MINUTES_PDF_LABELS } from "./pdf/envelope-pdf-data";
import { type PlatformSeal, getPlatformSeal } from "./platform-seal.server";
import type { ReconciliationContent } from "./reconciliation-content";

export interface SealOptions {
  now: Date;
  /** Public base URL (APP_URL) for the verification link and QR code. */
  baseUrl: string;
  seal?: PlatformSeal;
  language?: Language;
}

export function verificationUrl(baseUrl: string, code: string): string {
  return `${baseUrl}/verify?code=${code}`;
}

/** Seals the envelope if it is signed and not sealed yet; answers whether this call sealed it. */
export async function sealEnvelope(db: DbOrTx, envelopeId: string, options: SealOptions, actor: Actor = SYSTEM_ACTOR) {
  const data = await loadPdfData(db, envelopeId, options);
  if (!data) return { sealed: false as const };
  const original = await renderPdf({ kind: "envelope", data: data.pdf }, "queue");
  const seal = options.seal ?? getPlatformSeal();
  const signer = await P12Signer.create(seal.p12, seal.password);
  const pdf = await PDF.load(original);
  const { bytes: sealed } = await pdf.sign({
    signer,
    level: "B-B",
    reason: data.pdf.title,
    location: data.pdf.verificationUrl,
    signingTime: options.now,
  });
  const originalSha256 = sha256Hex(original);
  const sealedSha256 = sha256Hex(sealed);
  const certificate = new X509Certificate(Buffer.from(signer.certificate));
  return db.transaction(async (tx) => {
    const stored = await tx
      .update(envelopes)
      .set({ originalPdf: original, originalSha256, sealedPdf: sealed, sealedSha256, sealedAt: options.now })
      .where(
        and(
          eq(envelopes.id, envelopeId),
          isNull(envelopes.sealedAt),
          inArray(envelopes.status, ["signed", "signed_with_differences"]),
        ),
      )
      .returning({ id: envelopes.id });
    if (stored.length !== 1) return { sealed: false as const };
    await recordAuditEvent(tx, actor, {
      action: "envelope.sealed",
      entityType: "envelope",
      entityId: envelopeId,
      accountId: data.accountId,
      after: {
        originalSha256,
        sealedSha256,
        level: "PAdES B-B",
        certificateSubject: certificate.subject.replace(/\n/g, ", "),
        certificateSha256: createHash("sha256").update(certificate.raw).digest("hex"),
      },
    });
    return { sealed: true as const, sealedSha256, bytes: sealed };
  });
}

async function loadPdfData(db: DbOrTx, envelopeId: string, options: SealOptions) {
  const [envelope] = await db
    .select({
      id: envelopes.id,
      number: envelopes.number,
      accountId: envelopes.accountId,
      status: envelopes.status,
      content: envelopes.content,
      contentSha256: envelopes.contentSha256,
      verificationCode: envelopes.verificationCode,
      customerBalance: envelopes.customerBalance,
      customerBalanceCurrency: envelopes.customerBalanceCurrency,
      sealedAt: envelopes.sealedAt,
      country: sellers.country,
      timeZone: sellers.timeZone,
    })
    .from(envelopes)
    .innerJoin(sellers, eq(sellers.id, envelopes.sellerId))
    .where(eq(envelopes.id, envelopeId));
  if (!envelope || envelope.sealedAt) return null;
  if (envelope.status !== "signed" && envelope.status !== "signed_with_differences") return null;
  const language = options.language ?? "es";
  const t = getFixedT(language);
  const locale = formattingLocale(language, envelope.country);
  const content = envelope.content as ReconciliationContent | MinutesContent;
  const instant = new Intl.DateTimeFormat(locale, {
    timeZone: envelope.timeZone,
    dateStyle: "long",
    timeStyle: "long",
  });
  const at = (d: Date | null) => (d ? `${instant.format(d)} (${envelope.timeZone})` : "");

  const [signers, differences, audit] = await Promise.all([
    db
      .select({
        name: users.name,
        email: users.email,
        role: envelopeSigners.role,
        typedName: envelopeSigners.typedName,
        signedAt: envelopeSigners.signedAt,
        viewedAt: envelopeSigners.viewedAt,
        ip: envelopeSigners.ip,
        userAgent: envelopeSigners.userAgent,
        consentText: envelopeSigners.consentText,
        method: envelopeSigners.method,
      })
      .from(envelopeSigners)
      .innerJoin(users, eq(users.id, envelopeSigners.userId))
      .where(and(eq(envelopeSigners.envelopeId, envelopeId), eq(envelopeSigners.status, "signed")))
      .orderBy(asc(envelopeSigners.signedAt)),
    db
      .select({
        kind: reconciliationDifferences.kind,
        documentId: reconciliationDifferences.documentId,
        reference: reconciliationDifferences.reference,
        amount: reconciliationDifferences.amount,
        currency: reconciliationDifferences.currency,
        description: reconciliationDifferences.description,
        claimNumber: claims.number,
      })
      .from(reconciliationDifferences)
      .innerJoin(claims, eq(claims.id, reconciliationDifferences.claimId))
      .where(eq(reconciliationDifferences.envelopeId, envelopeId))
      .orderBy(asc(reconciliationDifferences.createdAt), asc(reconciliationDifferences.id)),
    db
      .select({
        occurredAt: auditEvents.occurredAt,
        action: auditEvents.action,
        actorLabel: auditEvents.actorLabel,
        ip: auditEvents.ip,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "envelope"), eq(auditEvents.entityId, envelopeId)))
      .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id)),
  ]);

  const money: Record<string, string> = {};
  if (content.kind === "minutes") {
    money[`date:${content.meetingDate}`] = formatDate(content.meetingDate, locale);
    for (const a of content.agreements) {
      money[`date:${a.dueDate}`] ??= formatDate(a.dueDate, locale);
      if (!a.promise) continue;
      const currency = a.promise.currency;
      for (const amount of [a.promise.amount, ...a.promise.documents.map((d) => d.amount)])
        money[`${currency}:${amount}`] ??= formatMoney(amount, currency, locale);
    }
  } else {
    money[`date:${content.cutoffDate}`] = formatDate(content.cutoffDate, locale);
    for (const section of content.sections) {
      for (const amount of [
        section.balance,
        section.openCharges,
        section.unappliedCredits,
        ...section.items.flatMap((i) => [i.amount, i.open]),
      ])
        money[`${section.currency}:${amount}`] ??= formatMoney(amount, section.currency, locale);
    }
  }
  const itemLabel = (documentId: string | null) => {
    if (!documentId || content.kind === "minutes") return null;
    for (const s of content.sections) {
      const item = s.items.find((i) => i.documentId === documentId);
      if (item) return item.serieFolio;
    }
    return null;
  };
  const L = (key: keyof EnvelopePdfData["labels"]) => t(`signing.pdf.${key}`);
  const pdf: EnvelopePdfData = {
    language,
    locale,
    title:
      content.kind === "minutes"
        ? t("minutes.pdf.title", { number: envelope.number, version: content.version })
        : t("signing.pdf.title", { number: envelope.number }),
    number: envelope.number,
    verificationCode: envelope.verificationCode,
    verificationUrl: verificationUrl(options.baseUrl, envelope.verificationCode),
    contentSha256: envelope.contentSha256,
    content,
    outcome: t(`signing.statuses.${envelope.status}`),
    customerBalance:
      envelope.customerBalance && envelope.customerBalanceCurrency
        ? formatMoney(envelope.customerBalance, envelope.customerBalanceCurrency, locale)
        : null,
    differences: differences.map((d) => ({
      kind: t(`signing.differenceKinds.${d.kind}`),
      item: itemLabel(d.documentId),
      reference: d.reference,
      amount: formatMoney(d.amount, d.currency, locale),
      description: d.description,
      claim: String(d.claimNumber),
    })),
    signers: signers.map((s) => ({
      name: s.name,
      email: s.email,
      role: t(`roles.${s.role}`),
      typedName: s.typedName ?? "",
      signedAt: at(s.signedAt),
      viewedAt: s.viewedAt ? at(s.viewedAt) : null,
      ip: s.ip ?? "",
      device: s.userAgent ?? "",
      authMethod: t(`reconciliationOps.methods.${s.method ?? "password"}`),
      consent: s.consentText ?? "",
    })),
    audit: audit.map((a) => ({
      time: at(a.occurredAt),
      action:
        content.kind === "minutes" && a.action.startsWith("envelope.")
          ? t(`minutes.audit.${a.action.slice("envelope.".length) as keyof typeof es.minutes.audit}`)
          : auditActionLabel(t, a.action),
      actor: a.actorLabel,
      ip: a.ip ?? "",
    })),
    labels: Object.fromEntries(
      (
        [
          "seller",
          "customer",
          "cutoff",
          "message",
          "preparedBy",
          "balance",
          "openCharges",
          "unappliedCredits",
          "document",
          "issueDate",
          "dueDate",
          "amount",
          "open",
          "noItems",
          "outcome",
          "customerBalance",
          "differences",
          "claim",
          "certificateTitle",
          "signerName",
          "signerEmail",
          "signerRole",
          "typedName",
          "signedAt",
          "viewedAt",
          "ip",
          "device",
          "authMethod",
          "consent",
          "contentHash",
          "verificationCode",
          "verifyAt",
          "auditTitle",
          "time",
          "action",
          "actor",
          "page",
        ] as const
      ).map((k) => [k, L(k)]),
    ) as EnvelopePdfData["labels"],
    minutesLabels:
      content.kind === "minutes"
        ? ({
            ...Object.fromEntries(MINUTES_PDF_LABELS.map((k) => [k, t(`minutes.pdf.${k}`)])),
            channelName: t(`minutes.channels.${content.channel}`),
          } as NonNullable<EnvelopePdfData["minutesLabels"]>)
        : undefined,
    money,
  };
  return { accountId: envelope.accountId, pdf };
}
