// What the reconciliation pages share on the server: which accounts a customer reads and signs
// envelopes on (every granted account for reading, so an emailed link opens whatever the switcher
// shows; signing needs the "sign" grant), presenting an envelope for the page, answering a refused
// signing rule, emailing a one-time signing code (minutes' pages too), and serving the sealed PDF.
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { grantAllows } from "~/domain/identity/permissions";
import { SigningRuleError } from "~/domain/signing/errors";
import type { EnvelopeDetail, listAccountEnvelopes } from "~/domain/signing/read-envelopes.server";
import { formatVerificationCode } from "~/domain/signing/reconciliation-content";
import { RequestSigningCodeSchema, SIGNING_CODE_TTL_MINUTES } from "~/domain/signing/schemas";
import { requestSigningCode } from "~/domain/signing/signing-codes.server";
import type { EnvelopeKind } from "~/domain/vocabulary";
import type { DbOrTx } from "./db.server";
import { formatDate } from "./i18n";
import { formatMoney } from "./money";
import { notFound, requireCustomerContext } from "./permissions.server";
import { consumeRateLimit, rateLimitMessage, tooManyRequests } from "./rate-limit.server";

export async function requireEnvelopeCustomer(request: Request) {
  const context = await requireCustomerContext(request);
  return {
    ...context,
    readableAccountIds: context.grants.map((g) => g.accountId),
    signableAccountIds: context.grants.filter((g) => grantAllows(g.role, "sign")).map((g) => g.accountId),
  };
}

export function instantFormat(locale: string, timeZone: string) {
  const f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "long", timeStyle: "long" });
  return (d: Date | null) => (d ? `${f.format(d)}` : null);
}

type EnvelopeListItem = Awaited<ReturnType<typeof listAccountEnvelopes>>[number];

/** What every signed-document list shows of an envelope or minutes row (`SignedDocumentRow`). */
export function presentSignedDocumentRow(
  row: Pick<
    EnvelopeListItem,
    "id" | "number" | "status" | "accountNumber" | "accountName" | "sentAt" | "completedAt" | "sealedAt"
  >,
  at: ReturnType<typeof instantFormat>,
  href: string,
) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    accountNumber: row.accountNumber,
    accountName: row.accountName,
    sentAt: at(row.sentAt),
    completedAt: at(row.completedAt),
    href,
    sealed: row.sealedAt !== null,
  };
}

/** A row of an account's reconciliation list (`EnvelopeListRow`), opening at `href`. */
export function presentEnvelopeListRow(
  row: EnvelopeListItem,
  { locale, at, href }: { locale: string; at: ReturnType<typeof instantFormat>; href: string },
) {
  return {
    ...presentSignedDocumentRow(row, at, href),
    cutoff: row.cutoffDate ? formatDate(row.cutoffDate, locale) : null,
  };
}

/** The envelope's page data, formatted for the reader (both sides show the same content). */
export function presentEnvelope(detail: EnvelopeDetail, locale: string) {
  const content = detail.content;
  const at = instantFormat(locale, content.seller.timeZone);
  return {
    id: detail.id,
    number: detail.number,
    status: detail.status,
    accountId: detail.accountId,
    accountName: `${content.account.legalName} · ${content.account.number}`,
    seller: content.seller.legalName,
    cutoffDate: detail.cutoffDate ?? content.cutoffDate,
    cutoff: formatDate(content.cutoffDate, locale),
    message: content.message,
    preparedBy: content.preparedBy.name,
    contentSha256: detail.contentSha256,
    verificationCode: formatVerificationCode(detail.verificationCode),
    sentAt: at(detail.sentAt),
    expiresAt: at(detail.expiresAt),
    completedAt: at(detail.completedAt),
    sealedAt: at(detail.sealedAt),
    sealed: detail.sealedAt !== null,
    sealedSha256: detail.sealedSha256,
    accountCurrency: content.account.currency,
    customerBalance:
      detail.customerBalance && detail.customerBalanceCurrency
        ? formatMoney(detail.customerBalance, detail.customerBalanceCurrency, locale)
        : null,
    sections: content.sections.map((s) => ({
      currency: s.currency,
      balance: formatMoney(s.balance, s.currency, locale),
      openCharges: formatMoney(s.openCharges, s.currency, locale),
      unappliedCredits: formatMoney(s.unappliedCredits, s.currency, locale),
      items: s.items.map((i) => ({
        documentId: i.documentId,
        kind: i.kind,
        effect: i.effect,
        serieFolio: i.serieFolio,
        issueDate: formatDate(i.issueDate, locale),
        dueDate: formatDate(i.dueDate, locale),
        amount: formatMoney(i.amount, s.currency, locale),
        open: formatMoney(i.open, s.currency, locale),
      })),
    })),
    signers: detail.signers.map((s) => ({
      id: s.id,
      userId: s.userId,
      name: s.name,
      email: s.email,
      role: s.role,
      status: s.status,
      signedAt: at(s.signedAt),
      typedName: s.typedName,
    })),
    differences: detail.differences.map((d) => ({
      id: d.id,
      kind: d.kind,
      item: d.documentId
        ? (content.sections.flatMap((s) => s.items).find((i) => i.documentId === d.documentId)?.serieFolio ?? null)
        : null,
      reference: d.reference,
      amount: formatMoney(d.amount, d.currency, locale),
      description: d.description,
      claimId: d.claimId,
      claimNumber: d.claimNumber,
    })),
  };
}
export type EnvelopeView = ReturnType<typeof presentEnvelope>;

/** A signing rule refused: not found is 404 (as if it did not exist); any other is shown on the form. */
export function refuseSigningRule(error: unknown, t: TFunction) {
  if (!(error instanceof SigningRuleError)) throw error;
  if (error.code === "envelope.not_found") notFound();
  const status = error.code === "envelope.already_signed" || error.code === "envelope.content_changed" ? 409 : 400;
  return data({ error: t(`signing.errors.${error.code}`) }, { status });
}

/** Whether a posted form asks for a one-time code (`intent=send-code`) rather than signing. */
export function isSigningCodeRequest(fields: FormData) {
  return RequestSigningCodeSchema.safeParse({ intent: fields.get("intent") }).success;
}

/**
 * A signer asks for a one-time code for the envelope of `kind` (rate-limited per user): the page's
 * action data with the confirmation, or the refusal in the signing rules' words (404 as not found).
 * `refuse` words the refusal for the page (reconciliations' or minutes').
 */
export async function answerSigningCodeRequest(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: {
    envelopeId: string;
    kind: EnvelopeKind;
    signableAccountIds: readonly string[];
    t: TFunction;
    refuse?: (error: unknown, t: TFunction) => ReturnType<typeof refuseSigningRule>;
  },
) {
  const { t } = input;
  const limit = await consumeRateLimit("signingCode", actor.userId);
  if (!limit.ok)
    throw tooManyRequests(
      rateLimitMessage(t, "rateLimit.signingCodes", limit.retryAfterSeconds),
      limit.retryAfterSeconds,
    );
  try {
    const sent = await requestSigningCode(
      db,
      actor,
      { envelopeId: input.envelopeId, kind: input.kind, accountIds: input.signableAccountIds },
      { now: new Date() },
    );
    return data({
      result: undefined,
      error: null,
      codeSent: t("reconciliationOps.codeSent", { email: sent.email, minutes: SIGNING_CODE_TTL_MINUTES }),
    });
  } catch (error) {
    const refused = (input.refuse ?? refuseSigningRule)(error, t);
    return data(
      { result: undefined, error: refused.data.error, codeSent: null },
      { status: refused.init?.status ?? 400 },
    );
  }
}

/** The sealed PDF as a download. */
export function sealedPdfResponse(bytes: Uint8Array, number: number) {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="conciliacion-${number}-sellada.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
