// A plan comes into force: each instalment of its current revision becomes a payment promise
// (payment_promises.plan_id, plan_position), with the part of the plan's documents it covers
// (oldest due first), its settlement task at the end of its day and its reminder the day before, exactly
// as a promise of its own, so home, the collectors' list and the settling task treat it like any promise. Runs in the
// transaction of the change that puts the plan in force; refuses when the documents no longer have
// what the plan pays (paid or credited meanwhile: the collector counters) or another promise took one.
import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import { paymentPromiseDocuments, paymentPromises } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { schedulePromiseReminder } from "~/domain/payments/promise-reminders.server";
import { PROMISE_DUE_TASK } from "~/domain/payments/record-promise.server";
import { scheduleTask } from "~/jobs/scheduled-tasks.server";
import { nextDay, startOfDayIn } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { addMoney, compareMoney } from "~/utils/money";
import { PlanRuleError } from "./errors";
import { allocateInstalments } from "./plan-rules";
import { type PlanRow, lockPlanDocuments, readInstalments } from "./plan-store.server";

export async function activatePlan(
  tx: DbOrTx,
  actor: Actor,
  input: { plan: PlanRow; timeZone: string; now: Date },
): Promise<string[]> {
  const { plan } = input;
  const docs = await lockPlanDocuments(tx, plan.id);
  const open = addMoney("0", ...docs.map((d) => d.open));
  if (compareMoney(plan.total, open) > 0) throw new PlanRuleError("plan.above_open");
  const ids = docs.map((d) => d.documentId);
  const [promised] = await tx
    .select({ documentId: paymentPromiseDocuments.documentId })
    .from(paymentPromiseDocuments)
    .innerJoin(paymentPromises, eq(paymentPromises.id, paymentPromiseDocuments.promiseId))
    .where(
      and(
        inArray(paymentPromiseDocuments.documentId, ids),
        eq(paymentPromises.status, "pending"),
        or(isNull(paymentPromises.planId), ne(paymentPromises.planId, plan.id)),
      ),
    )
    .limit(1);
  if (promised) throw new PlanRuleError("plan.already_promised", promised.documentId);

  const instalments = await readInstalments(tx, plan.id, plan.revision);
  const parts = allocateInstalments(
    instalments,
    docs.filter((d) => compareMoney(d.open, "0") > 0).map((d) => ({ documentId: d.documentId, amount: d.open })),
  );
  const promiseIds: string[] = [];
  for (const [position, instalment] of instalments.entries()) {
    const id = createRandomId();
    promiseIds.push(id);
    await tx.insert(paymentPromises).values({
      id,
      accountId: plan.accountId,
      currency: plan.currency,
      amount: instalment.amount,
      promisedDate: instalment.dueDate,
      note: plan.note,
      createdById: plan.proposedById,
      createdAt: input.now,
      planId: plan.id,
      planPosition: position,
    });
    await tx
      .insert(paymentPromiseDocuments)
      .values(parts[position].map((part, i) => ({ promiseId: id, position: i, ...part })));
    await scheduleTask(tx, {
      kind: PROMISE_DUE_TASK,
      subjectId: id,
      payload: { promiseId: id },
      dueAt: startOfDayIn(nextDay(instalment.dueDate), input.timeZone),
    });
    await schedulePromiseReminder(tx, {
      promiseId: id,
      promisedDate: instalment.dueDate,
      timeZone: input.timeZone,
      now: input.now,
    });
  }
  await recordAuditEvents(
    tx,
    actor,
    instalments.map((instalment, position) => ({
      action: "promise.recorded" as const,
      entityType: "payment_promise" as const,
      entityId: promiseIds[position],
      accountId: plan.accountId,
      after: {
        amount: instalment.amount,
        currency: plan.currency,
        promisedDate: instalment.dueDate,
        items: parts[position],
      },
    })),
  );
  return promiseIds;
}
