// What the minutes pages share on the server: presenting one version for the page (both sides read
// the same content), answering a refused signing rule in the minutes' words, and the sealed PDF's name.
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import { SigningRuleError, type SigningRuleCode } from "~/domain/signing/errors";
import type { listAccountMinutes, MinutesDetail } from "~/domain/signing/read-minutes.server";
import { formatVerificationCode } from "~/domain/signing/reconciliation-content";
import type { MeetingChannel } from "~/domain/vocabulary";
import { formatDate } from "./i18n";
import { formatMoney } from "./money";
import { notFound } from "./permissions.server";
import { instantFormat, presentSignedDocumentRow } from "./signing-pages.server";

/** A row of an account's minutes list (`MinutesListRow`), opening at `href`. */
export function presentMinutesListRow(
  row: Awaited<ReturnType<typeof listAccountMinutes>>[number],
  { locale, at, href }: { locale: string; at: ReturnType<typeof instantFormat>; href: string },
) {
  return {
    ...presentSignedDocumentRow(row, at, href),
    version: row.version,
    meetingDate: formatDate(row.meetingDate, locale),
    channel: row.channel as MeetingChannel,
  };
}

export function presentMinutes(detail: MinutesDetail, locale: string) {
  const content = detail.content;
  const at = instantFormat(locale, content.seller.timeZone);
  const signerOf = new Map(detail.signers.map((s) => [s.userId, s]));
  const outcomeOf = new Map(detail.promises.map((p) => [p.agreementId, p]));
  const label = (target: string, id: string | null) => {
    if (target === "topic") return content.topics.find((x) => x.id === id)?.title ?? id ?? "";
    if (target === "agreement") return content.agreements.find((x) => x.id === id)?.text ?? id ?? "";
    return "";
  };
  return {
    id: detail.id,
    number: detail.number,
    version: detail.version,
    status: detail.status,
    accountId: detail.accountId,
    accountName: `${content.account.legalName} · ${content.account.number}`,
    seller: content.seller.legalName,
    meetingDate: formatDate(content.meetingDate, locale),
    channel: content.channel,
    place: content.place,
    preparedBy: content.preparedBy.name,
    customerAttendees: content.customerAttendees.map((a) => {
      const signer = signerOf.get(a.userId);
      return {
        userId: a.userId,
        name: a.name,
        email: a.email,
        status: signer?.status ?? null,
        signedAt: at(signer?.signedAt ?? null),
        typedName: signer?.typedName ?? null,
      };
    }),
    sellerAttendees: content.sellerAttendees,
    topics: content.topics,
    agreements: content.agreements.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.owner,
      due: formatDate(a.dueDate, locale),
      promise: a.promise
        ? {
            amount: formatMoney(a.promise.amount, a.promise.currency, locale),
            documents: a.promise.documents.map((d) => ({
              serieFolio: d.serieFolio,
              amount: formatMoney(d.amount, a.promise!.currency, locale),
            })),
          }
        : null,
      outcome: outcomeOf.get(a.id) ?? null,
    })),
    contentSha256: detail.contentSha256,
    verificationCode: formatVerificationCode(detail.verificationCode),
    sentAt: at(detail.sentAt),
    expiresAt: at(detail.expiresAt),
    completedAt: at(detail.completedAt),
    sealed: detail.sealedAt !== null,
    supersededBy: detail.supersededBy,
    previous: detail.previous,
    corrections: detail.corrections.map((c) => ({
      id: c.id,
      signerName: c.signerName,
      createdAt: at(c.createdAt),
      items: c.items.map((i) => ({
        target: i.target,
        targetId: i.targetId,
        label: label(i.target, i.targetId),
        text: i.text,
      })),
      response: c.response,
      responseMessage: c.responseMessage,
      respondedAt: at(c.respondedAt),
      newEnvelopeId: c.newEnvelopeId,
    })),
  };
}
export type MinutesView = ReturnType<typeof presentMinutes>;

const MINUTES_WORDED: readonly SigningRuleCode[] = [
  "envelope.not_signable",
  "envelope.not_sendable",
  "envelope.no_signers",
  "envelope.already_signed",
  "signer.not_allowed",
];

/** A signing rule refused: not found is 404 (as if it did not exist); any other is shown on the form, in the minutes' words. */
export function refuseMinutesRule(error: unknown, t: TFunction) {
  if (!(error instanceof SigningRuleError)) throw error;
  if (error.code === "envelope.not_found") notFound();
  const status = error.code === "envelope.already_signed" || error.code === "envelope.content_changed" ? 409 : 400;
  const message = MINUTES_WORDED.includes(error.code)
    ? t(`minutes.errors.${error.code as "envelope.not_signable"}`)
    : t(`signing.errors.${error.code}`);
  return data({ error: message }, { status });
}

/** The sealed minutes as a download. */
export function sealedMinutesResponse(bytes: Uint8Array, number: number) {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="minuta-${number}-sellada.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
