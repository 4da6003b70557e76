// Sends a prepared envelope: its signers are the account's customer users whose grant allows signing
// (payers and account administrators; never viewers, never disabled users), fixed now; the envelope
// moves draft → sent by a conditional update (a double click sends once), and each signer is emailed
// a link to the portal page (APP_URL) after the transaction commits.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { createElement } from "react";
import { accountGrants, customerAccounts, envelopeSigners, envelopes, sellers, users } from "#db/schema";
import { ReconciliationEmail } from "#emails/reconciliation-email";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { SIGNING_GRANT_ROLES } from "~/domain/identity/permissions";
import type { GrantRole } from "~/domain/vocabulary";
import { runInBackground } from "~/utils/background.server";
import type { DbOrTx } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { type Language, formatDate, formattingLocale, getFixedT, isLanguage } from "~/utils/i18n";
import { SigningRuleError } from "./errors";

/** How long a reconciliation waits for an answer before it reads as expired. */
export const RECONCILIATION_ANSWER_DAYS = 15;

/** `accountIds`: the accounts the staff member reaches (checked by the caller); another account's envelope is not found. */
export async function sendEnvelope(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { envelopeId: string; accountIds: string[]; baseUrl: string },
  { now }: { now: Date },
) {
  const expiresAt = new Date(now.getTime() + RECONCILIATION_ANSWER_DAYS * 86_400_000);
  const sent = await db.transaction(async (tx) => {
    const [envelope] = await tx
      .select({
        id: envelopes.id,
        number: envelopes.number,
        accountId: envelopes.accountId,
        status: envelopes.status,
        cutoffDate: envelopes.cutoffDate,
        accountName: customerAccounts.legalName,
        accountNumber: customerAccounts.number,
        sellerName: sellers.legalName,
        country: sellers.country,
      })
      .from(envelopes)
      .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
      .innerJoin(sellers, eq(sellers.id, envelopes.sellerId))
      .where(
        and(
          eq(envelopes.id, input.envelopeId),
          eq(envelopes.kind, "reconciliation"),
          inArray(envelopes.accountId, input.accountIds),
        ),
      );
    if (!envelope) throw new SigningRuleError("envelope.not_found");
    if (envelope.status !== "draft") throw new SigningRuleError("envelope.not_sendable");
    const signers = await tx
      .select({ userId: users.id, email: users.email, language: users.language, role: accountGrants.role })
      .from(accountGrants)
      .innerJoin(users, eq(users.id, accountGrants.userId))
      .where(
        and(
          eq(accountGrants.accountId, envelope.accountId),
          inArray(accountGrants.role, [...SIGNING_GRANT_ROLES]),
          eq(users.kind, "customer"),
          isNull(users.disabledAt),
        ),
      )
      .orderBy(users.email);
    if (signers.length === 0) throw new SigningRuleError("envelope.no_signers");
    const moved = await tx
      .update(envelopes)
      .set({ status: "sent", sentAt: now, expiresAt })
      .where(and(eq(envelopes.id, envelope.id), eq(envelopes.status, "draft")))
      .returning({ id: envelopes.id });
    if (moved.length !== 1) throw new SigningRuleError("envelope.not_sendable");
    await tx.insert(envelopeSigners).values(
      signers.map((s) => ({
        envelopeId: envelope.id,
        userId: s.userId,
        role: s.role as GrantRole,
        emailedAt: now,
        createdAt: now,
      })),
    );
    await recordAuditEvent(tx, actor, {
      action: "envelope.sent",
      entityType: "envelope",
      entityId: envelope.id,
      accountId: envelope.accountId,
      before: { status: "draft" },
      after: { status: "sent", expiresAt, signers: signers.map((s) => ({ userId: s.userId, role: s.role })) },
    });
    return { envelope, signers };
  });

  const { envelope, signers } = sent;
  for (const signer of signers) {
    const language: Language = isLanguage(signer.language) ? signer.language : "es";
    const locale = formattingLocale(language, envelope.country);
    const t = getFixedT(language);
    const vars = {
      seller: envelope.sellerName,
      account: `${envelope.accountName} (${envelope.accountNumber})`,
      cutoff: formatDate(envelope.cutoffDate ?? "", locale),
    };
    runInBackground(`reconciliation email to ${signer.email}`, () =>
      sendEmail({
        to: signer.email,
        subject: t("signing.emailSubject", vars),
        react: createElement(ReconciliationEmail, {
          t,
          language,
          ...vars,
          expires: formatDate(expiresAt.toISOString().slice(0, 10), locale),
          link: `${input.baseUrl}/portal/reconciliations/${envelope.id}`,
        }),
      }),
    );
  }
  return { id: envelope.id, number: envelope.number, signers: signers.length, expiresAt };
}
