// A sent reconciliation's timers and emails (ADR 010's scheduled tasks): the send writes, in its own
// transaction, one reminder task per reminder day and one expiry task at its deadline (the seller's
// signing settings); signing or disputing it cancels whatever is still pending. A reminder that comes
// due while the envelope still waits queues one email task per signer who has not signed; the expiry
// moves it to expired by a conditional update (a task that runs twice, or a signature a moment before,
// changes nothing). Emails re-read the envelope and the recipient when they go out: a disabled user,
// or one who no longer holds a signing grant on the account, gets nothing.
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { accountGrants, customerAccounts, envelopeSigners, envelopes, sellers, users } from "#db/schema";
import { ReconciliationEmail } from "#emails/reconciliation-email";
import { SYSTEM_ACTOR, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { SIGNING_GRANT_ROLES } from "~/domain/identity/permissions";
import { type TaskHandler, cancelPendingTasks, scheduleTask } from "~/jobs/scheduled-tasks.server";
import type { DbOrTx } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { appBaseUrl } from "~/utils/env.server";
import { type Language, formatDate, formattingLocale, getFixedT, isLanguage } from "~/utils/i18n";
import { type SigningSettings, reminderTimes } from "./signing-settings.server";

export const ENVELOPE_REMINDER_TASK = "envelope.reminder";
export const ENVELOPE_EXPIRY_TASK = "envelope.expiry";
export const ENVELOPE_EMAIL_TASK = "envelope.email";

export const ENVELOPE_EMAIL_EVENTS = ["sent", "reminder"] as const;
export type EnvelopeEmailEvent = (typeof ENVELOPE_EMAIL_EVENTS)[number];

const ReminderPayload = z.object({ envelopeId: z.string(), reminder: z.number().int().positive() });
const ExpiryPayload = z.object({ envelopeId: z.string() });
const EmailPayload = z.object({
  envelopeId: z.string(),
  recipientId: z.string(),
  event: z.enum(ENVELOPE_EMAIL_EVENTS),
});
export type EnvelopeEmailPayload = z.infer<typeof EmailPayload>;

/** Writes the reminders and the expiry of an envelope just sent; returns how many reminders. */
export async function scheduleEnvelopeTimers(
  tx: DbOrTx,
  input: { envelopeId: string; sentAt: Date; expiresAt: Date; settings: SigningSettings },
): Promise<number> {
  const times = reminderTimes(input.sentAt, input.settings);
  for (const [index, dueAt] of times.entries())
    await scheduleTask(tx, {
      kind: ENVELOPE_REMINDER_TASK,
      subjectId: input.envelopeId,
      payload: { envelopeId: input.envelopeId, reminder: index + 1 },
      dueAt,
    });
  await scheduleTask(tx, {
    kind: ENVELOPE_EXPIRY_TASK,
    subjectId: input.envelopeId,
    payload: { envelopeId: input.envelopeId },
    dueAt: input.expiresAt,
  });
  return times.length;
}

/** An answered envelope needs no more reminders nor its expiry. */
export async function cancelEnvelopeTimers(tx: DbOrTx, envelopeId: string): Promise<number> {
  const reminders = await cancelPendingTasks(tx, { kind: ENVELOPE_REMINDER_TASK, subjectId: envelopeId });
  const expiry = await cancelPendingTasks(tx, { kind: ENVELOPE_EXPIRY_TASK, subjectId: envelopeId });
  return reminders + expiry;
}

/** One email task per recipient, due at `now` (the sweeper sends them; a failure is retried on its own). */
export async function queueEnvelopeEmails(
  tx: DbOrTx,
  input: { envelopeId: string; recipientIds: readonly string[]; event: EnvelopeEmailEvent; now: Date },
) {
  for (const recipientId of input.recipientIds)
    await scheduleTask(tx, {
      kind: ENVELOPE_EMAIL_TASK,
      subjectId: input.envelopeId,
      payload: { envelopeId: input.envelopeId, recipientId, event: input.event } satisfies EnvelopeEmailPayload,
      dueAt: input.now,
      maxAttempts: 8,
    });
}

/**
 * Emails one signer of a waiting envelope the link to it (first send or reminder). Skipped (null) when
 * the envelope no longer waits, the signer has signed, is disabled, or lost its signing grant.
 */
export async function sendEnvelopeEmail(db: DbOrTx, input: EnvelopeEmailPayload, baseUrl = appBaseUrl()) {
  const [row] = await db
    .select({
      status: envelopes.status,
      cutoffDate: envelopes.cutoffDate,
      expiresAt: envelopes.expiresAt,
      accountName: customerAccounts.legalName,
      accountNumber: customerAccounts.number,
      sellerName: sellers.legalName,
      country: sellers.country,
      email: users.email,
      language: users.language,
    })
    .from(envelopeSigners)
    .innerJoin(envelopes, eq(envelopes.id, envelopeSigners.envelopeId))
    .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
    .innerJoin(sellers, eq(sellers.id, envelopes.sellerId))
    .innerJoin(users, eq(users.id, envelopeSigners.userId))
    .innerJoin(accountGrants, and(eq(accountGrants.userId, users.id), eq(accountGrants.accountId, envelopes.accountId)))
    .where(
      and(
        eq(envelopeSigners.envelopeId, input.envelopeId),
        eq(envelopeSigners.userId, input.recipientId),
        ne(envelopeSigners.status, "signed"),
        inArray(accountGrants.role, [...SIGNING_GRANT_ROLES]),
        isNull(users.disabledAt),
      ),
    );
  if (!row || !(row.status === "sent" || row.status === "viewed") || !row.expiresAt) return null;
  const language: Language = isLanguage(row.language) ? row.language : "es";
  const locale = formattingLocale(language, row.country);
  const t = getFixedT(language);
  const vars = {
    seller: row.sellerName,
    account: `${row.accountName} (${row.accountNumber})`,
    cutoff: formatDate(row.cutoffDate ?? "", locale),
  };
  const reminder = input.event === "reminder";
  return sendEmail({
    to: row.email,
    subject: reminder ? t("reconciliationOps.reminderSubject", vars) : t("signing.emailSubject", vars),
    react: (
      <ReconciliationEmail
        t={t}
        language={language}
        {...vars}
        reminder={reminder}
        expires={formatDate(row.expiresAt.toISOString().slice(0, 10), locale)}
        link={`${baseUrl}/portal/reconciliations/${input.envelopeId}`}
      />
    ),
  });
}

/** The sweeper's handler for ENVELOPE_EMAIL_TASK. */
export const handleEnvelopeEmailDue: TaskHandler = async (tx, payload) => {
  await sendEnvelopeEmail(tx, EmailPayload.parse(payload));
};

/** The sweeper's handler for ENVELOPE_REMINDER_TASK: reminds the signers who have not signed, if it still waits. */
export const handleEnvelopeReminderDue: TaskHandler = async (tx, payload, { now }) => {
  const { envelopeId, reminder } = ReminderPayload.parse(payload);
  const [envelope] = await tx
    .select({
      id: envelopes.id,
      status: envelopes.status,
      expiresAt: envelopes.expiresAt,
      accountId: envelopes.accountId,
    })
    .from(envelopes)
    .where(eq(envelopes.id, envelopeId))
    .for("update");
  if (!envelope || !(envelope.status === "sent" || envelope.status === "viewed")) return;
  if (!envelope.expiresAt || envelope.expiresAt <= now) return;
  const pending = await tx
    .select({ userId: envelopeSigners.userId })
    .from(envelopeSigners)
    .innerJoin(users, eq(users.id, envelopeSigners.userId))
    .where(
      and(eq(envelopeSigners.envelopeId, envelopeId), ne(envelopeSigners.status, "signed"), isNull(users.disabledAt)),
    )
    .orderBy(envelopeSigners.userId);
  if (pending.length === 0) return;
  await queueEnvelopeEmails(tx, { envelopeId, recipientIds: pending.map((p) => p.userId), event: "reminder", now });
  await recordAuditEvent(tx, SYSTEM_ACTOR, {
    action: "envelope.reminded",
    entityType: "envelope",
    entityId: envelopeId,
    accountId: envelope.accountId,
    after: { reminder, recipients: pending.map((p) => p.userId) },
  });
};

/** The sweeper's handler for ENVELOPE_EXPIRY_TASK: an envelope still waiting at its deadline is expired. */
export const handleEnvelopeExpiryDue: TaskHandler = async (tx, payload, { now }) => {
  const { envelopeId } = ExpiryPayload.parse(payload);
  const expired = await tx
    .update(envelopes)
    .set({ status: "expired" })
    .where(
      and(
        eq(envelopes.id, envelopeId),
        inArray(envelopes.status, ["sent", "viewed"]),
        sql`${envelopes.expiresAt} <= ${now}`,
      ),
    )
    .returning({ id: envelopes.id, accountId: envelopes.accountId, expiresAt: envelopes.expiresAt });
  if (expired.length !== 1) return;
  // Reminders are all due before the expiry; any left (a sweeper long stopped) are pointless now.
  await cancelPendingTasks(tx, { kind: ENVELOPE_REMINDER_TASK, subjectId: envelopeId });
  await recordAuditEvent(tx, SYSTEM_ACTOR, {
    action: "envelope.expired",
    entityType: "envelope",
    entityId: envelopeId,
    accountId: expired[0].accountId,
    after: { status: "expired", expiresAt: expired[0].expiresAt! },
  });
};
