// Sends a prepared envelope: its signers are the account's customer users whose grant allows signing
// (payers and account administrators; never viewers, never disabled users), fixed now; the envelope
// moves draft → sent by a conditional update (a double click sends once), its reminders and its expiry
// are scheduled in the same transaction (the seller's signing settings), and each signer is emailed a
// link to the portal page (APP_URL): after the transaction commits for a single send, through durable
// email tasks written in the transaction for a batch (sendEnvelopeInTransaction).
import { and, eq, inArray } from "drizzle-orm";
import { customerAccounts, envelopes, sellers } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { runInBackground } from "~/utils/background.server";
import type { DbOrTx } from "~/utils/db.server";
import { envelopeWithPartiesColumns, listAccountSigners, markEnvelopeSent } from "./envelope-parties.server";
import { scheduleEnvelopeTimers, sendEnvelopeEmail } from "./envelope-timers.server";
import { SigningRuleError } from "./errors";
import { getSigningSettings } from "./signing-settings.server";

/**
 * The send itself, inside the caller's transaction: fixes the signers, moves the envelope to sent,
 * schedules its reminders and expiry, audits. `batchId` names the month-end batch it belongs to.
 */
export async function sendEnvelopeInTransaction(
  tx: DbOrTx,
  actor: Actor & { userId: string },
  input: { envelopeId: string; accountIds: readonly string[]; batchId?: string },
  { now }: { now: Date },
) {
  const [envelope] = await tx
    .select({ ...envelopeWithPartiesColumns, cutoffDate: envelopes.cutoffDate })
    .from(envelopes)
    .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
    .innerJoin(sellers, eq(sellers.id, envelopes.sellerId))
    .where(
      and(
        eq(envelopes.id, input.envelopeId),
        eq(envelopes.kind, "reconciliation"),
        inArray(envelopes.accountId, [...input.accountIds]),
      ),
    );
  if (!envelope) throw new SigningRuleError("envelope.not_found");
  if (envelope.status !== "draft") throw new SigningRuleError("envelope.not_sendable");
  const signers = await listAccountSigners(tx, envelope.accountId);
  if (signers.length === 0) throw new SigningRuleError("envelope.no_signers");
  const settings = await getSigningSettings(tx, envelope.sellerId);
  const expiresAt = new Date(now.getTime() + settings.expireAfterDays * 86_400_000);
  await markEnvelopeSent(tx, { envelopeId: envelope.id, signers, expiresAt }, { now });
  const reminders = await scheduleEnvelopeTimers(tx, { envelopeId: envelope.id, sentAt: now, expiresAt, settings });
  await recordAuditEvent(tx, actor, {
    action: "envelope.sent",
    entityType: "envelope",
    entityId: envelope.id,
    accountId: envelope.accountId,
    before: { status: "draft" },
    after: {
      status: "sent",
      expiresAt,
      signers: signers.map((s) => ({ userId: s.userId, role: s.role })),
      reminders,
      ...(input.batchId ? { batchId: input.batchId } : {}),
    },
  });
  return { envelope, signers, expiresAt };
}

/** `accountIds`: the accounts the staff member reaches (checked by the caller); another account's envelope is not found. */
export async function sendEnvelope(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { envelopeId: string; accountIds: string[]; baseUrl: string },
  { now }: { now: Date },
) {
  const { envelope, signers, expiresAt } = await db.transaction((tx) =>
    sendEnvelopeInTransaction(tx, actor, input, { now }),
  );
  for (const signer of signers)
    runInBackground(`reconciliation email to ${signer.email}`, () =>
      sendEnvelopeEmail(db, { envelopeId: envelope.id, recipientId: signer.userId, event: "sent" }, input.baseUrl),
    );
  return { id: envelope.id, number: envelope.number, signers: signers.length, expiresAt };
}
