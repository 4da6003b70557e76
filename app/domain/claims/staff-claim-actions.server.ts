// What staff do with a claim: take it, reassign it, reply to the customer, add an internal note,
// request information (pauses the SLA clock), resolve it (accepted in full or in part, or rejected
// with a reason the customer sees). Escalation by hand is in escalate-claim.server.ts. Each is one
// transaction: a conditional update on the version the actor saw, its message, its SLA task and its
// typed audit event.
import Decimal from "decimal.js";
import { eq } from "drizzle-orm";
import { claimDocuments, claimMessages } from "#db/schema";
import { recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { ClaimMessageKind, ClaimResolution, ClaimSettlementKind } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { pauseDeadline } from "./business-hours";
import { loadWorkingCalendar, rescheduleSlaCheck } from "./claim-sla.server";
import { loadClaim, transitionClaim } from "./claim-transition.server";
import { ClaimRuleError } from "./errors";
import { mayBeAssigned } from "./list-claim-assignees.server";
import { settleClaim } from "./settle-claim.server";
import { queueClaimEmails } from "./queue-claim-emails.server";
import { requireStaffMayAct, type StaffActor } from "./staff-access.server";

interface Now {
  now: Date;
}

export async function addClaimMessage(
  tx: DbOrTx,
  input: { claimId: string; authorId: string | null; kind: ClaimMessageKind; body: string; now: Date },
): Promise<string> {
  const [m] = await tx
    .insert(claimMessages)
    .values({
      claimId: input.claimId,
      authorId: input.authorId,
      kind: input.kind,
      body: input.body,
      createdAt: input.now,
    })
    .returning({ id: claimMessages.id });
  return m.id;
}

async function loadForStaff(tx: DbOrTx, staff: StaffActor, claimId: string) {
  const loaded = await loadClaim(tx, claimId);
  await requireStaffMayAct(tx, staff, loaded);
  return loaded;
}

/** Gives the claim to `assigneeId` (the staff user taking it, or the one it is reassigned to). */
async function assignClaim(
  tx: DbOrTx,
  staff: StaffActor,
  input: { claimId: string; version: number; assigneeId: string; via: "take" | "reassign" },
  now: Date,
) {
  const { claim } = await loadForStaff(tx, staff, input.claimId);
  const updated = await transitionClaim(tx, {
    claimId: input.claimId,
    version: input.version,
    from: ["open", "waiting_on_customer"],
    set: { assigneeId: input.assigneeId },
    now,
  });
  await recordAuditEvent(tx, staff, {
    action: "claim.assigned",
    entityType: "claim",
    entityId: claim.id,
    accountId: claim.accountId,
    before: { assigneeId: claim.assigneeId },
    after: { assigneeId: input.assigneeId, via: input.via },
  });
  await queueClaimEmails(tx, {
    event: "assigned",
    claim: updated,
    actorUserId: staff.userId,
    previousAssigneeId: claim.assigneeId,
    now,
  });
  return updated;
}

export async function takeClaim(
  db: DbOrTx,
  staff: StaffActor,
  input: { claimId: string; version: number },
  { now }: Now,
) {
  return db.transaction((tx) => assignClaim(tx, staff, { ...input, assigneeId: staff.userId, via: "take" }, now));
}

export async function reassignClaim(
  db: DbOrTx,
  staff: StaffActor,
  input: { claimId: string; version: number; assigneeId: string },
  { now }: Now,
) {
  return db.transaction(async (tx) => {
    // Active staff who reach the claim's account, never an auditor (list-claim-assignees.server.ts).
    if (!(await mayBeAssigned(tx, input.claimId, input.assigneeId))) throw new ClaimRuleError("claim.assignee_invalid");
    return assignClaim(tx, staff, { ...input, via: "reassign" }, now);
  });
}

/** A reply the customer reads. The level's deadline keeps running: it is met by settling the claim. */
export async function replyToClaim(
  db: DbOrTx,
  staff: StaffActor,
  input: { claimId: string; version: number; body: string },
  { now }: Now,
) {
  return db.transaction(async (tx) => {
    const { claim } = await loadForStaff(tx, staff, input.claimId);
    const firstResponse = claim.firstResponseAt === null;
    const updated = await transitionClaim(tx, {
      claimId: input.claimId,
      version: input.version,
      from: ["open"],
      set: { firstResponseAt: claim.firstResponseAt ?? now },
      now,
    });
    const messageId = await addClaimMessage(tx, { ...input, authorId: staff.userId, kind: "staff_reply", now });
    await recordAuditEvent(tx, staff, {
      action: "claim.replied",
      entityType: "claim",
      entityId: claim.id,
      accountId: claim.accountId,
      after: { messageId, firstResponse },
    });
    await queueClaimEmails(tx, { event: "replied", claim: updated, actorUserId: staff.userId, now });
    return { claim: updated, messageId };
  });
}

/** Internal notes never change the claim's state (nor its version): any time, even once closed. */
export async function addInternalNote(
  db: DbOrTx,
  staff: StaffActor,
  input: { claimId: string; body: string },
  { now }: Now,
) {
  return db.transaction(async (tx) => {
    const { claim } = await loadForStaff(tx, staff, input.claimId);
    const messageId = await addClaimMessage(tx, { ...input, authorId: staff.userId, kind: "internal_note", now });
    await recordAuditEvent(tx, staff, {
      action: "claim.note_added",
      entityType: "claim",
      entityId: claim.id,
      accountId: claim.accountId,
      after: { messageId },
    });
    return { messageId };
  });
}

/** Asks the customer for information: the claim waits on the customer and its clock stops with what is left. */
export async function requestClaimInfo(
  db: DbOrTx,
  staff: StaffActor,
  input: { claimId: string; version: number; body: string },
  { now }: Now,
) {
  return db.transaction(async (tx) => {
    const loaded = await loadForStaff(tx, staff, input.claimId);
    const { claim } = loaded;
    if (claim.status !== "open" || !claim.dueAt) throw new ClaimRuleError("claim.stale");
    const calendar = await loadWorkingCalendar(tx, loaded.country, now.getUTCFullYear() - 1);
    const remainingMinutes = pauseDeadline(claim.dueAt, now, calendar);
    const updated = await transitionClaim(tx, {
      claimId: input.claimId,
      version: input.version,
      from: ["open"],
      set: {
        status: "waiting_on_customer",
        dueAt: null,
        slaRemainingMinutes: remainingMinutes,
        firstResponseAt: claim.firstResponseAt ?? now,
      },
      now,
    });
    const messageId = await addClaimMessage(tx, { ...input, authorId: staff.userId, kind: "info_request", now });
    await rescheduleSlaCheck(tx, claim.id, null);
    await recordAuditEvent(tx, staff, {
      action: "claim.info_requested",
      entityType: "claim",
      entityId: claim.id,
      accountId: claim.accountId,
      before: { status: claim.status, dueAt: claim.dueAt },
      after: { status: "waiting_on_customer", remainingMinutes, messageId },
    });
    await queueClaimEmails(tx, { event: "info_requested", claim: updated, actorUserId: staff.userId, now });
    return { claim: updated, messageId };
  });
}

/**
 * Settles the claim. Accepted in full: the accepted amount is what was disputed (one currency);
 * accepted in part: an amount above zero and below that; rejected: a reason is required. An accepted
 * claim may name what settles it in the ledger (credit note, re-invoice, rebate): settleClaim, in this
 * transaction, after the conditional update (so it settles once).
 */
export async function resolveClaim(
  db: DbOrTx,
  staff: StaffActor,
  input: {
    claimId: string;
    version: number;
    resolution: ClaimResolution;
    reason?: string;
    acceptedAmount?: string;
    settlement?: ClaimSettlementKind;
  },
  { now }: Now,
) {
  return db.transaction(async (tx) => {
    const { claim } = await loadForStaff(tx, staff, input.claimId);
    const reason = input.reason?.trim() || null;
    const disputed = await tx
      .select({ amount: claimDocuments.disputedAmount, currency: claimDocuments.currency })
      .from(claimDocuments)
      .where(eq(claimDocuments.claimId, claim.id));
    const currencies = new Set(disputed.map((d) => d.currency));
    const total = disputed.reduce((sum, d) => sum.plus(d.amount), new Decimal(0));
    let acceptedAmount: string | null = null;
    if (input.resolution === "rejected" || input.resolution === "accepted_partial") {
      if (!reason) throw new ClaimRuleError("claim.reason_required");
    }
    if (input.resolution === "accepted_full" && currencies.size === 1) acceptedAmount = total.toFixed(2);
    if (input.resolution === "accepted_partial") {
      if (!input.acceptedAmount) throw new ClaimRuleError("claim.accepted_amount_invalid");
      const accepted = new Decimal(input.acceptedAmount);
      if (accepted.lte(0) || (currencies.size === 1 && accepted.gte(total)))
        throw new ClaimRuleError("claim.accepted_amount_invalid");
      acceptedAmount = accepted.toFixed(2);
    }
    const updated = await transitionClaim(tx, {
      claimId: input.claimId,
      version: input.version,
      from: ["open", "waiting_on_customer"],
      set: {
        status: "resolved",
        resolution: input.resolution,
        resolutionReason: reason,
        acceptedAmount,
        resolvedAt: now,
        closedAt: now,
        dueAt: null,
        slaRemainingMinutes: null,
        firstResponseAt: claim.firstResponseAt ?? now,
      },
      now,
    });
    await rescheduleSlaCheck(tx, claim.id, null);
    await recordAuditEvent(tx, staff, {
      action: "claim.resolved",
      entityType: "claim",
      entityId: claim.id,
      accountId: claim.accountId,
      before: { status: claim.status },
      after: { status: "resolved", resolution: input.resolution, reason, acceptedAmount },
    });
    if (input.settlement) await settleClaim(tx, staff, { claim: updated, kind: input.settlement, now });
    await queueClaimEmails(tx, { event: "resolved", claim: updated, actorUserId: staff.userId, now });
    return updated;
  });
}
