// What the customer does with its claim: answer a request for information (the clock starts again
// with what was left; evidence files may come with the answer, kept with its message), withdraw it, or reopen it within 15 days of its resolution with a reason.
// Every function takes the account IDs the user may act on (its "dispute" grants): a claim of
// another account is claim.not_found, as if it did not exist.
import { recordAuditEvent, type Actor } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { atRiskInstant, resumeDeadline } from "./business-hours";
import { levelSla, loadWorkingCalendar, rescheduleSlaCheck, slaBudgetMinutes } from "./claim-sla.server";
import { loadClaim, transitionClaim } from "./claim-transition.server";
import { ClaimRuleError } from "./errors";
import type { AcceptedEvidence } from "./parse-evidence-upload.server";
import { queueClaimEmails } from "./queue-claim-emails.server";
import { addClaimMessage } from "./staff-claim-actions.server";
import { storeClaimAttachments } from "./store-claim-attachments.server";

export const REOPEN_WINDOW_DAYS = 15;

export interface CustomerActor extends Actor {
  userId: string;
  /** Accounts on which this user may dispute. */
  accountIds: readonly string[];
}

interface Now {
  now: Date;
}

export async function answerClaim(
  db: DbOrTx,
  customer: CustomerActor,
  input: { claimId: string; version: number; body: string; files?: readonly AcceptedEvidence[] },
  { now }: Now,
) {
  return db.transaction(async (tx) => {
    const loaded = await loadClaim(tx, input.claimId, customer);
    const { claim } = loaded;
    if (claim.status !== "waiting_on_customer") throw new ClaimRuleError("claim.wrong_status");
    const remainingMinutes = claim.slaRemainingMinutes ?? 0;
    const calendar = await loadWorkingCalendar(tx, loaded.country, now.getUTCFullYear() - 1);
    const dueAt = resumeDeadline(remainingMinutes, now, calendar);
    const budget = await slaBudgetMinutes(tx, { level: claim.level, type: claim.type, segment: loaded.segment });
    const slaAtRiskAt = atRiskInstant(now, remainingMinutes, budget, calendar);
    const updated = await transitionClaim(tx, {
      claimId: input.claimId,
      version: input.version,
      from: ["waiting_on_customer"],
      set: { status: "open", dueAt, slaAtRiskAt, slaRemainingMinutes: null },
      now,
    });
    const messageId = await addClaimMessage(tx, {
      claimId: input.claimId,
      body: input.body,
      authorId: customer.userId,
      kind: "customer_message",
      now,
    });
    await storeClaimAttachments(tx, customer, {
      claimId: claim.id,
      accountId: claim.accountId,
      messageId,
      files: input.files ?? [],
      now,
    });
    await rescheduleSlaCheck(tx, claim.id, { level: claim.level, dueAt });
    await recordAuditEvent(tx, customer, {
      action: "claim.customer_answered",
      entityType: "claim",
      entityId: claim.id,
      accountId: claim.accountId,
      before: { status: claim.status, remainingMinutes },
      after: { status: "open", dueAt, messageId },
    });
    await queueClaimEmails(tx, {
      event: "customer_answered",
      claim: updated,
      actorUserId: customer.userId,
      collectorId: loaded.collectorId,
      now,
    });
    return { claim: updated, messageId };
  });
}

export async function withdrawClaim(
  db: DbOrTx,
  customer: CustomerActor,
  input: { claimId: string; version: number; reason?: string },
  { now }: Now,
) {
  return db.transaction(async (tx) => {
    const { claim } = await loadClaim(tx, input.claimId, customer);
    const reason = input.reason?.trim() || null;
    const updated = await transitionClaim(tx, {
      claimId: input.claimId,
      version: input.version,
      from: ["open", "waiting_on_customer"],
      set: { status: "withdrawn", resolutionReason: reason, closedAt: now, dueAt: null, slaRemainingMinutes: null },
      now,
    });
    await rescheduleSlaCheck(tx, claim.id, null);
    await recordAuditEvent(tx, customer, {
      action: "claim.withdrawn",
      entityType: "claim",
      entityId: claim.id,
      accountId: claim.accountId,
      before: { status: claim.status },
      after: { status: "withdrawn", reason },
    });
    return updated;
  });
}

/** Reopens a resolved claim at the level it was resolved at, with a fresh deadline for that level. */
export async function reopenClaim(
  db: DbOrTx,
  customer: CustomerActor,
  input: { claimId: string; version: number; reason: string },
  { now }: Now,
) {
  return db.transaction(async (tx) => {
    const loaded = await loadClaim(tx, input.claimId, customer);
    const { claim } = loaded;
    if (claim.status !== "resolved" || !claim.resolvedAt) throw new ClaimRuleError("claim.wrong_status");
    if (now.getTime() - claim.resolvedAt.getTime() > REOPEN_WINDOW_DAYS * 86_400_000)
      throw new ClaimRuleError("claim.reopen_window_closed");
    const reason = input.reason.trim();
    if (!reason) throw new ClaimRuleError("claim.reason_required");
    const { dueAt, slaAtRiskAt } = await levelSla(
      tx,
      { country: loaded.country, type: claim.type, segment: loaded.segment },
      claim.level,
      now,
    );
    const updated = await transitionClaim(tx, {
      claimId: input.claimId,
      version: input.version,
      from: ["resolved"],
      set: {
        status: "open",
        resolution: null,
        resolutionReason: null,
        acceptedAmount: null,
        resolvedAt: null,
        closedAt: null,
        dueAt,
        slaAtRiskAt,
        levelStartedAt: now,
        reopenCount: claim.reopenCount + 1,
      },
      now,
    });
    await addClaimMessage(tx, {
      claimId: claim.id,
      authorId: customer.userId,
      kind: "customer_message",
      body: reason,
      now,
    });
    await rescheduleSlaCheck(tx, claim.id, { level: claim.level, dueAt });
    await recordAuditEvent(tx, customer, {
      action: "claim.reopened",
      entityType: "claim",
      entityId: claim.id,
      accountId: claim.accountId,
      before: { status: claim.status, resolution: claim.resolution },
      after: { status: "open", level: claim.level, dueAt, reason },
    });
    await queueClaimEmails(tx, {
      event: "reopened",
      claim: updated,
      actorUserId: customer.userId,
      collectorId: loaded.collectorId,
      now,
    });
    return updated;
  });
}
