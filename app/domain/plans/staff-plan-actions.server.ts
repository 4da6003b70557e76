// The staff side of a payment plan. The collector (or anyone with decide:payment_plans who reaches
// the account) accepts a proposal, counters it with changed instalments (a new revision the customer
// accepts or declines), or rejects it with a reason. An acceptance above the seller's approval amount
// waits for a supervisor (approve:payment_plans, reaching the account), who approves (the plan comes
// into force) or rejects it with a reason; a supervisor's own acceptance is its approval. Each step is
// a conditional update from the status (and revision) the staff member saw, with its audit event, the
// instalments' promises when the plan comes into force, and the emails, in one transaction.
import { and, eq } from "drizzle-orm";
import { customerAccounts, paymentPlanInstalments, paymentPlans } from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { staffScope } from "~/domain/identity/account-access.server";
import { staffAllows } from "~/domain/identity/permissions";
import type { StaffRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { addMoney, toMoney } from "~/utils/money";
import { activatePlan } from "./activate-plan.server";
import { PlanRuleError } from "./errors";
import { type PlanInstalment, checkInstalments, instalmentsTotal } from "./plan-rules";
import {
  approvalThreshold,
  lockPlanDocuments,
  needsApproval,
  readPlanContext,
  transitionPlan,
} from "./plan-store.server";
import { queuePlanEmails } from "./queue-plan-emails.server";

export interface PlanStaff {
  id: string;
  staffRole: StaffRole;
}

/** The plan when the staff member reaches its account and may act on it; plan.not_found otherwise. */
async function reachablePlan(tx: DbOrTx, staff: PlanStaff, planId: string, permission: "decide" | "approve") {
  if (!staffAllows(staff.staffRole, permission === "decide" ? "decide:payment_plans" : "approve:payment_plans"))
    throw new PlanRuleError("plan.not_allowed");
  const [reached] = await tx
    .select({ id: paymentPlans.id })
    .from(paymentPlans)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPlans.accountId))
    .where(and(eq(paymentPlans.id, planId), staffScope(staff)));
  const context = reached ? await readPlanContext(tx, planId) : null;
  if (!context) throw new PlanRuleError("plan.not_found");
  return context;
}

/**
 * Puts an accepted plan in force now or sends it to a supervisor: shared by the collector's
 * acceptance and the customer's acceptance of a counter.
 */
export async function acceptOrRequestApproval(
  tx: DbOrTx,
  actor: Actor,
  input: {
    context: NonNullable<Awaited<ReturnType<typeof readPlanContext>>>;
    from: "proposed" | "countered";
    revision: number;
    /** Who accepted on the seller's side (null when the customer accepts a counter). */
    decidedBy: PlanStaff | null;
    now: Date;
  },
) {
  const { context, now } = input;
  const above = await approvalThreshold(tx, context.sellerId, context.plan.currency);
  const selfApproved = input.decidedBy !== null && staffAllows(input.decidedBy.staffRole, "approve:payment_plans");
  const waits = needsApproval(context.plan.total, above) && !selfApproved;
  const plan = await transitionPlan(tx, {
    planId: context.plan.id,
    from: [input.from],
    revision: input.revision,
    now,
    set: waits
      ? { status: "awaiting_approval", ...(input.decidedBy ? { decidedById: input.decidedBy.id } : {}) }
      : {
          status: "active",
          activatedAt: now,
          ...(input.decidedBy ? { decidedById: input.decidedBy.id } : {}),
          ...(selfApproved && input.decidedBy ? { approvedById: input.decidedBy.id } : {}),
        },
  });
  await recordAuditEvents(tx, actor, [
    {
      action: "plan.accepted",
      entityType: "payment_plan",
      entityId: plan.id,
      accountId: plan.accountId,
      before: { status: input.from, revision: input.revision },
      after: { status: plan.status, needsApproval: waits, approvalAbove: above },
    },
  ]);
  if (!waits) await activatePlan(tx, actor, { plan, timeZone: context.timeZone, now });
  await queuePlanEmails(tx, {
    event: waits ? "approval_needed" : "active",
    plan,
    collectorId: context.collectorId,
    actorUserId: actor.userId ?? null,
    now,
  });
  return plan;
}

export async function acceptPlan(
  db: DbOrTx,
  actor: Actor,
  staff: PlanStaff,
  input: { planId: string; revision: number; now?: Date },
) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const context = await reachablePlan(tx, staff, input.planId, "decide");
    return acceptOrRequestApproval(tx, actor, {
      context,
      from: "proposed",
      revision: input.revision,
      decidedBy: staff,
      now,
    });
  });
}

export async function counterPlan(
  db: DbOrTx,
  actor: Actor,
  staff: PlanStaff,
  input: { planId: string; revision: number; instalments: PlanInstalment[]; now?: Date },
) {
  const now = input.now ?? new Date();
  const instalments = input.instalments.map((i) => ({ dueDate: i.dueDate, amount: toMoney(i.amount) }));
  return db.transaction(async (tx) => {
    const context = await reachablePlan(tx, staff, input.planId, "decide");
    const docs = await lockPlanDocuments(tx, context.plan.id);
    const problem = checkInstalments(
      instalments,
      todayIn(context.timeZone, now),
      addMoney("0", ...docs.map((d) => d.open)),
    );
    if (problem) throw new PlanRuleError(problem);
    const revision = input.revision + 1;
    const total = instalmentsTotal(instalments);
    const plan = await transitionPlan(tx, {
      planId: context.plan.id,
      from: ["proposed"],
      revision: input.revision,
      now,
      set: { status: "countered", revision, total, decidedById: staff.id },
    });
    await tx.insert(paymentPlanInstalments).values(
      instalments.map((instalment, position) => ({
        planId: plan.id,
        revision,
        position,
        author: "collector" as const,
        createdAt: now,
        dueDate: instalment.dueDate,
        amount: instalment.amount,
      })),
    );
    await recordAuditEvents(tx, actor, [
      {
        action: "plan.countered",
        entityType: "payment_plan",
        entityId: plan.id,
        accountId: plan.accountId,
        before: { status: "proposed", revision: input.revision, total: context.plan.total },
        after: { status: "countered", revision, total, instalments },
      },
    ]);
    await queuePlanEmails(tx, {
      event: "countered",
      plan,
      collectorId: context.collectorId,
      actorUserId: staff.id,
      now,
    });
    return plan;
  });
}

async function rejectFrom(
  db: DbOrTx,
  actor: Actor,
  staff: PlanStaff,
  input: { planId: string; revision?: number; reason: string; now?: Date },
  from: "proposed" | "awaiting_approval",
) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const context = await reachablePlan(tx, staff, input.planId, from === "proposed" ? "decide" : "approve");
    const plan = await transitionPlan(tx, {
      planId: context.plan.id,
      from: [from],
      revision: input.revision,
      now,
      set: { status: "rejected", rejectedById: staff.id, rejectionReason: input.reason },
    });
    await recordAuditEvents(tx, actor, [
      {
        action: "plan.rejected",
        entityType: "payment_plan",
        entityId: plan.id,
        accountId: plan.accountId,
        before: { status: from },
        after: { status: "rejected", reason: input.reason },
      },
    ]);
    await queuePlanEmails(tx, {
      event: "rejected",
      plan,
      collectorId: context.collectorId,
      actorUserId: staff.id,
      now,
    });
    return plan;
  });
}

/** The collector rejects a proposal it saw at `revision`, with the reason the customer is told. */
export function rejectPlan(
  db: DbOrTx,
  actor: Actor,
  staff: PlanStaff,
  input: { planId: string; revision: number; reason: string; now?: Date },
) {
  return rejectFrom(db, actor, staff, input, "proposed");
}

/** The supervisor rejects a plan waiting for approval, with the reason the customer is told. */
export function disapprovePlan(
  db: DbOrTx,
  actor: Actor,
  staff: PlanStaff,
  input: { planId: string; reason: string; now?: Date },
) {
  return rejectFrom(db, actor, staff, input, "awaiting_approval");
}

/** The supervisor approves a plan waiting for approval: it comes into force. */
export async function approvePlan(db: DbOrTx, actor: Actor, staff: PlanStaff, input: { planId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const context = await reachablePlan(tx, staff, input.planId, "approve");
    const plan = await transitionPlan(tx, {
      planId: context.plan.id,
      from: ["awaiting_approval"],
      now,
      set: { status: "active", approvedById: staff.id, activatedAt: now },
    });
    await recordAuditEvents(tx, actor, [
      {
        action: "plan.approved",
        entityType: "payment_plan",
        entityId: plan.id,
        accountId: plan.accountId,
        before: { status: "awaiting_approval" },
        after: { status: "active" },
      },
    ]);
    await activatePlan(tx, actor, { plan, timeZone: context.timeZone, now });
    await queuePlanEmails(tx, {
      event: "active",
      plan,
      collectorId: context.collectorId,
      actorUserId: staff.id,
      now,
    });
    return plan;
  });
}
