// Rejects a registered payment with the reason the customer then sees (a transfer that never arrived,
// a wrong amount), emailed to the customer; nothing reaches the ledger. Conditional on the status and version the collector saw.
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { queuePaymentEmails } from "./queue-payment-emails.server";
import { type PaymentRegistration, lockRegistration, updateRegistration } from "./registration-transition.server";

export async function rejectPayment(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { registrationId: string; version: number; reason: string; now: Date },
) {
  return db.transaction(async (tx) => rejectLocked(tx, actor, await lockRegistration(tx, input), input));
}

export async function rejectLocked(
  tx: DbOrTx,
  actor: Actor & { userId: string },
  reg: PaymentRegistration,
  input: { reason: string; now: Date; duplicateOfId?: string | null },
) {
  await updateRegistration(
    tx,
    reg,
    {
      status: "rejected",
      rejectionReason: input.reason,
      reviewedById: actor.userId,
      reviewedAt: input.now,
      ...(input.duplicateOfId !== undefined
        ? { duplicateDecision: "duplicate" as const, duplicateOfId: input.duplicateOfId }
        : {}),
    },
    input.now,
  );
  await recordAuditEvents(tx, actor, [
    {
      action: "payment.rejected",
      entityType: "payment_registration",
      entityId: reg.id,
      accountId: reg.accountId,
      before: { status: reg.status },
      after: { status: "rejected", reason: input.reason },
    },
  ]);
  await queuePaymentEmails(tx, { event: "rejected", registration: reg, now: input.now });
}
