// Who is emailed when a payment plan moves, queued as durable tasks in the plan change's own
// transaction (as claim emails are, ADR 010): a mail exists exactly when its change committed and goes
// out afterwards through the sweeper (send-plan-email.server.tsx), one task per recipient.
// - proposed: the account's collector;
// - approval_needed: the collector's supervisor (or, with none, the active administrators);
// - countered, active, rejected: the customer user who proposed the plan.
// Nobody is emailed about their own act; disabled users get nothing.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { users } from "#db/schema";
import { scheduleTask } from "~/jobs/scheduled-tasks.server";
import { wakeBackgroundJobsSoon } from "~/jobs/start-background-jobs.server";
import type { DbOrTx } from "~/utils/db.server";

export const PLAN_EMAIL_TASK = "plan.email";
export const PLAN_EMAIL_EVENTS = ["proposed", "approval_needed", "countered", "active", "rejected"] as const;
export type PlanEmailEvent = (typeof PLAN_EMAIL_EVENTS)[number];

export async function queuePlanEmails(
  tx: DbOrTx,
  input: {
    event: PlanEmailEvent;
    plan: { id: string; proposedById: string };
    collectorId: string | null;
    actorUserId: string | null;
    now: Date;
  },
): Promise<number> {
  const wanted = new Set<string>();
  if (input.event === "proposed") {
    if (input.collectorId) wanted.add(input.collectorId);
  } else if (input.event === "approval_needed") {
    const [collector] = input.collectorId
      ? await tx.select({ supervisorId: users.supervisorId }).from(users).where(eq(users.id, input.collectorId))
      : [];
    if (collector?.supervisorId) wanted.add(collector.supervisorId);
    else {
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.kind, "staff"), eq(users.staffRole, "admin"), isNull(users.disabledAt)));
      for (const a of admins) wanted.add(a.id);
    }
  } else wanted.add(input.plan.proposedById);
  if (input.actorUserId) wanted.delete(input.actorUserId);
  if (wanted.size === 0) return 0;
  const active = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...wanted]), isNull(users.disabledAt)));
  const recipients = active.map((u) => u.id).sort();
  for (const recipientId of recipients)
    await scheduleTask(tx, {
      kind: PLAN_EMAIL_TASK,
      subjectId: input.plan.id,
      payload: { planId: input.plan.id, event: input.event, recipientId },
      dueAt: input.now,
      maxAttempts: 8,
    });
  if (recipients.length > 0) wakeBackgroundJobsSoon();
  return recipients.length;
}
