// The customer side of a payment plan after proposing it: accept the collector's counter (it comes
// into force, or waits for a supervisor above the seller's amount), decline it, or withdraw the plan.
// Withdrawing a plan in force cancels its instalments still pending (their settlement tasks too); the
// ones already settled stay as they ended. `accountIds` are the accounts where the user may pay: a plan
// of any other account is plan.not_found. Conditional updates, audit events in the same transaction.
import { and, eq, inArray } from "drizzle-orm";
import { paymentPlans, paymentPromises } from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { cancelPromiseReminder } from "~/domain/payments/promise-reminders.server";
import { PROMISE_DUE_TASK } from "~/domain/payments/record-promise.server";
import { cancelPendingTasks } from "~/jobs/scheduled-tasks.server";
import type { DbOrTx } from "~/utils/db.server";
import { PlanRuleError } from "./errors";
import { readPlanContext, transitionPlan } from "./plan-store.server";
import { acceptOrRequestApproval } from "./staff-plan-actions.server";

async function customerPlan(tx: DbOrTx, planId: string, accountIds: string[]) {
  if (accountIds.length === 0) throw new PlanRuleError("plan.not_found");
  const [owned] = await tx
    .select({ id: paymentPlans.id })
    .from(paymentPlans)
    .where(and(eq(paymentPlans.id, planId), inArray(paymentPlans.accountId, accountIds)));
  const context = owned ? await readPlanContext(tx, planId) : null;
  if (!context) throw new PlanRuleError("plan.not_found");
  return context;
}

export async function acceptCounter(
  db: DbOrTx,
  actor: Actor,
  input: { planId: string; revision: number; accountIds: string[]; now?: Date },
) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const context = await customerPlan(tx, input.planId, input.accountIds);
    return acceptOrRequestApproval(tx, actor, {
      context,
      from: "countered",
      revision: input.revision,
      decidedBy: null,
      now,
    });
  });
}

export async function declineCounter(
  db: DbOrTx,
  actor: Actor,
  input: { planId: string; revision: number; accountIds: string[]; now?: Date },
) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const context = await customerPlan(tx, input.planId, input.accountIds);
    const plan = await transitionPlan(tx, {
      planId: context.plan.id,
      from: ["countered"],
      revision: input.revision,
      now,
      set: { status: "declined" },
    });
    await recordAuditEvents(tx, actor, [
      {
        action: "plan.declined",
        entityType: "payment_plan",
        entityId: plan.id,
        accountId: plan.accountId,
        before: { status: "countered", revision: input.revision },
        after: { status: "declined" },
      },
    ]);
    return plan;
  });
}

export async function withdrawPlan(
  db: DbOrTx,
  actor: Actor,
  input: { planId: string; accountIds: string[]; now?: Date },
) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const context = await customerPlan(tx, input.planId, input.accountIds);
    const before = context.plan.status;
    if (before !== "proposed" && before !== "countered" && before !== "awaiting_approval" && before !== "active")
      throw new PlanRuleError("plan.not_waiting");
    const plan = await transitionPlan(tx, {
      planId: context.plan.id,
      from: [before],
      now,
      set: { status: before === "active" ? "cancelled" : "withdrawn" },
    });
    const cancelled =
      before === "active"
        ? await tx
            .update(paymentPromises)
            .set({ status: "cancelled", settledAt: now })
            .where(and(eq(paymentPromises.planId, plan.id), eq(paymentPromises.status, "pending")))
            .returning({ id: paymentPromises.id })
        : [];
    for (const p of cancelled) {
      await cancelPendingTasks(tx, { kind: PROMISE_DUE_TASK, subjectId: p.id });
      await cancelPromiseReminder(tx, p.id);
    }
    await recordAuditEvents(tx, actor, [
      {
        action: "plan.withdrawn",
        entityType: "payment_plan",
        entityId: plan.id,
        accountId: plan.accountId,
        before: { status: before },
        after: { status: plan.status, cancelledPromises: cancelled.length },
      },
      ...cancelled.map((p) => ({
        action: "promise.cancelled" as const,
        entityType: "payment_promise" as const,
        entityId: p.id,
        accountId: plan.accountId,
        before: { status: "pending" as const },
        after: { status: "cancelled" as const },
      })),
    ]);
    return plan;
  });
}
