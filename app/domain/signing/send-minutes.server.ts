// Sends recorded minutes to the customer's attendees: each of them is a signer, fixed now, provided
// its grant on the account still allows signing (a viewer never does); the envelope moves draft →
// sent by a conditional update (a double click sends once), audited in the same transaction, and each
// signer is emailed a link to the portal page after it commits.
import { and, eq, inArray } from "drizzle-orm";
import { createElement } from "react";
import { customerAccounts, envelopes, sellers } from "#db/schema";
import { MinutesEmail } from "#emails/minutes-email";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { Country } from "~/domain/vocabulary";
import { runInBackground } from "~/utils/background.server";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { type Language, formatDate, formattingLocale, getFixedT, isLanguage } from "~/utils/i18n";
import { envelopeWithPartiesColumns, listAccountSigners, markEnvelopeSent } from "./envelope-parties.server";
import { SigningRuleError } from "./errors";
import type { MinutesContent } from "./minutes-content";

/** How long minutes wait for their signatures before they read as expired. */
export const MINUTES_ANSWER_DAYS = 30;

export interface MinutesEmailJob {
  envelopeId: string;
  sellerName: string;
  accountName: string;
  accountNumber: string;
  country: Country;
  meetingDate: string;
  version: number;
  signers: { email: string; language: string | null }[];
}

/** `accountIds`: the accounts the staff member reaches (checked by the caller); another account's minutes are not found. */
export async function sendMinutes(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { envelopeId: string; accountIds: readonly string[]; baseUrl: string },
  { now }: { now: Date },
) {
  const job = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: envelopes.id })
      .from(envelopes)
      .where(
        and(
          eq(envelopes.id, input.envelopeId),
          eq(envelopes.kind, "minutes"),
          inArray(envelopes.accountId, [...input.accountIds]),
        ),
      );
    if (!row) throw new SigningRuleError("envelope.not_found");
    return sendMinutesInTransaction(tx, actor, row.id, now);
  });
  emailMinutesSigners(job, input.baseUrl);
  return { id: job.envelopeId, signers: job.signers.length };
}

/** The sending itself, inside the caller's transaction (sendMinutes, and reviseMinutes for the next version). */
export async function sendMinutesInTransaction(
  tx: Tx,
  actor: Actor & { userId: string },
  envelopeId: string,
  now: Date,
): Promise<MinutesEmailJob> {
  const [envelope] = await tx
    .select({ ...envelopeWithPartiesColumns, content: envelopes.content, version: envelopes.version })
    .from(envelopes)
    .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
    .innerJoin(sellers, eq(sellers.id, envelopes.sellerId))
    .where(eq(envelopes.id, envelopeId));
  if (!envelope) throw new SigningRuleError("envelope.not_found");
  if (envelope.status !== "draft") throw new SigningRuleError("envelope.not_sendable");
  const content = envelope.content as MinutesContent;
  const attendeeIds = content.customerAttendees.map((a) => a.userId);
  const signers = await listAccountSigners(tx, envelope.accountId, { userIds: attendeeIds });
  if (signers.length === 0) throw new SigningRuleError("envelope.no_signers");
  if (signers.length !== attendeeIds.length) throw new SigningRuleError("minutes.attendee_not_signer");
  const expiresAt = new Date(now.getTime() + MINUTES_ANSWER_DAYS * 86_400_000);
  await markEnvelopeSent(tx, { envelopeId: envelope.id, signers, expiresAt }, { now });
  await recordAuditEvent(tx, actor, {
    action: "envelope.sent",
    entityType: "envelope",
    entityId: envelope.id,
    accountId: envelope.accountId,
    before: { status: "draft" },
    after: { status: "sent", expiresAt, signers: signers.map((s) => ({ userId: s.userId, role: s.role })) },
  });
  return {
    envelopeId: envelope.id,
    sellerName: envelope.sellerName,
    accountName: envelope.accountName,
    accountNumber: envelope.accountNumber,
    country: envelope.country,
    meetingDate: content.meetingDate,
    version: envelope.version,
    signers: signers.map((s) => ({ email: s.email, language: s.language })),
  };
}

/** Emails each signer the link to the minutes (in the background, after the transaction committed). */
export function emailMinutesSigners(job: MinutesEmailJob, baseUrl: string) {
  for (const signer of job.signers) {
    const language: Language = isLanguage(signer.language) ? signer.language : "es";
    const locale = formattingLocale(language, job.country);
    const t = getFixedT(language);
    const vars = {
      seller: job.sellerName,
      account: `${job.accountName} (${job.accountNumber})`,
      meeting: formatDate(job.meetingDate, locale),
      version: job.version,
    };
    runInBackground(`minutes email to ${signer.email}`, () =>
      sendEmail({
        to: signer.email,
        subject: t("minutes.emailSubject", vars),
        react: createElement(MinutesEmail, {
          t,
          language,
          ...vars,
          link: `${baseUrl}/portal/minutes/${job.envelopeId}`,
        }),
      }),
    );
  }
}
