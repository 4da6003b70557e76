// Scheduled tasks that reached their max attempts ("dead", ADR 010), for administrators: the list
// (newest first, from the partial index scheduled_tasks_dead_idx) and a retry that puts one back in the
// queue, due now with its attempts reset, by a conditional update on its dead status, audited in the
// same transaction. A double submit finds it no longer dead and changes nothing.
import { and, desc, eq } from "drizzle-orm";
import { scheduledTasks } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";

export const DEAD_TASKS_SHOWN = 200;

export async function listDeadTasks(db: DbOrTx, limit = DEAD_TASKS_SHOWN) {
  return db
    .select({
      id: scheduledTasks.id,
      kind: scheduledTasks.kind,
      subjectId: scheduledTasks.subjectId,
      attempts: scheduledTasks.attempts,
      maxAttempts: scheduledTasks.maxAttempts,
      lastError: scheduledTasks.lastError,
      dueAt: scheduledTasks.dueAt,
      finishedAt: scheduledTasks.finishedAt,
    })
    .from(scheduledTasks)
    .where(eq(scheduledTasks.status, "dead"))
    .orderBy(desc(scheduledTasks.finishedAt), desc(scheduledTasks.id))
    .limit(limit);
}

/** Returns false when the task is not dead (already retried, or no such task): nothing changes. */
export async function retryDeadTask(db: DbOrTx, actor: Actor, input: { taskId: string; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [task] = await tx
      .select()
      .from(scheduledTasks)
      .where(and(eq(scheduledTasks.id, input.taskId), eq(scheduledTasks.status, "dead")))
      .for("update");
    if (!task) return false;
    const updated = await tx
      .update(scheduledTasks)
      .set({ status: "pending", attempts: 0, dueAt: input.now, finishedAt: null, leaseUntil: null, lockedBy: null })
      .where(and(eq(scheduledTasks.id, task.id), eq(scheduledTasks.status, "dead")))
      .returning({ id: scheduledTasks.id });
    if (updated.length === 0) return false;
    await recordAuditEvent(tx, actor, {
      action: "scheduled_task.retried",
      entityType: "scheduled_task",
      entityId: task.id,
      before: { status: "dead", kind: task.kind, attempts: task.attempts, lastError: task.lastError },
      after: { status: "pending", attempts: 0, dueAt: input.now },
    });
    return true;
  });
}
