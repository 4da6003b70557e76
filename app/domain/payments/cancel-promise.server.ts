// The customer withdraws a pending promise before its date: a conditional update from pending (a
// promise settled meanwhile stays as settled), its settlement task and reminder cancelled in the same transaction.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { paymentPromises } from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { cancelPendingTasks } from "~/jobs/scheduled-tasks.server";
import type { DbOrTx } from "~/utils/db.server";
import { PaymentRuleError } from "./errors";
import { cancelPromiseReminder } from "./promise-reminders.server";
import { PROMISE_DUE_TASK } from "./record-promise.server";

export async function cancelPromise(db: DbOrTx, actor: Actor, input: { promiseId: string; accountIds: string[] }) {
  if (input.accountIds.length === 0) throw new PaymentRuleError("promise.not_found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(paymentPromises)
      .set({ status: "cancelled", settledAt: new Date() })
      .where(
        and(
          eq(paymentPromises.id, input.promiseId),
          inArray(paymentPromises.accountId, input.accountIds),
          eq(paymentPromises.status, "pending"),
          // An instalment of a payment plan goes with its plan (withdrawn there), not on its own.
          isNull(paymentPromises.planId),
        ),
      )
      .returning({ id: paymentPromises.id, accountId: paymentPromises.accountId });
    if (!row) {
      const [exists] = await tx
        .select({ id: paymentPromises.id })
        .from(paymentPromises)
        .where(and(eq(paymentPromises.id, input.promiseId), inArray(paymentPromises.accountId, input.accountIds)));
      throw new PaymentRuleError(exists ? "promise.not_pending" : "promise.not_found");
    }
    await cancelPendingTasks(tx, { kind: PROMISE_DUE_TASK, subjectId: row.id });
    await cancelPromiseReminder(tx, row.id);
    await recordAuditEvents(tx, actor, [
      {
        action: "promise.cancelled",
        entityType: "payment_promise",
        entityId: row.id,
        accountId: row.accountId,
        before: { status: "pending" },
        after: { status: "cancelled" },
      },
    ]);
    return row;
  });
}
