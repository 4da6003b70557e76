// Who is emailed when a claim moves, queued as durable tasks in the claim change's own transaction:
// a mail exists exactly when its change committed, and goes out afterwards through the sweeper
// (send-claim-email.server.tsx), one task per recipient, so a failed delivery is retried on its own
// and never undoes the claim change. Each claim action makes one call here.
//
// The customer (the user who raised the claim) hears of its receipt, every staff reply, a request
// for information, an escalation and the resolution; staff hear of a claim assigned to them, an
// escalation (the new holder and the one it leaves) and the customer's answers. Nobody is emailed
// about what they did themselves, nor when their user is disabled.
import { and, inArray, isNull } from "drizzle-orm";
import { users } from "#db/schema";
import { scheduleTask } from "~/jobs/scheduled-tasks.server";
import { wakeBackgroundJobsSoon } from "~/jobs/start-background-jobs.server";
import type { DbOrTx } from "~/utils/db.server";
import type { ClaimRow } from "./claim-transition.server";

export const CLAIM_EMAIL_TASK = "claim.email";

export const CLAIM_EMAIL_EVENTS = [
  "received",
  "replied",
  "info_requested",
  "escalated",
  "resolved",
  "assigned",
  "customer_answered",
  "reopened",
] as const;
export type ClaimEmailEvent = (typeof CLAIM_EMAIL_EVENTS)[number];

export interface ClaimEmailPayload {
  claimId: string;
  event: ClaimEmailEvent;
  recipientId: string;
}

/** Events the customer is told of; the others go to staff. Escalation goes to both. */
const TO_CUSTOMER: ReadonlySet<ClaimEmailEvent> = new Set([
  "received",
  "replied",
  "info_requested",
  "escalated",
  "resolved",
]);

function staffRecipients(
  event: ClaimEmailEvent,
  claim: Pick<ClaimRow, "assigneeId">,
  previousAssigneeId: string | null | undefined,
  collectorId: string | null | undefined,
): (string | null | undefined)[] {
  switch (event) {
    case "received":
    case "assigned":
      return [claim.assigneeId];
    case "escalated":
      return [claim.assigneeId, previousAssigneeId];
    case "customer_answered":
    case "reopened":
      // Nobody holds it (a level without an owner): the account's collector still hears of it.
      return [claim.assigneeId ?? collectorId];
    default:
      return [];
  }
}

/**
 * Queues the emails of `event` on `claim` (the row as it is after the change), due at `now`. `actorUserId`
 * (who acted; null for the sweeper) is never emailed about its own act, except the customer's receipt.
 */
export async function queueClaimEmails(
  tx: DbOrTx,
  input: {
    event: ClaimEmailEvent;
    claim: Pick<ClaimRow, "id" | "raisedById" | "assigneeId">;
    actorUserId: string | null;
    now: Date;
    /** Escalation and reassignment: who held the claim before. */
    previousAssigneeId?: string | null;
    /** The account's collector, for customer answers on a claim nobody holds. */
    collectorId?: string | null;
  },
): Promise<number> {
  const { event, claim } = input;
  const wanted = new Set<string>();
  for (const id of staffRecipients(event, claim, input.previousAssigneeId, input.collectorId)) if (id) wanted.add(id);
  // Staff are not told of their own acts; the customer does get the receipt of the claim it raised.
  if (input.actorUserId) wanted.delete(input.actorUserId);
  if (TO_CUSTOMER.has(event)) wanted.add(claim.raisedById);
  if (wanted.size === 0) return 0;
  const active = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...wanted]), isNull(users.disabledAt)));
  const recipients = active.map((u) => u.id).sort();
  for (const recipientId of recipients)
    await scheduleTask(tx, {
      kind: CLAIM_EMAIL_TASK,
      payload: { claimId: claim.id, event, recipientId } satisfies ClaimEmailPayload,
      dueAt: input.now,
      maxAttempts: 8,
    });
  if (recipients.length > 0) wakeBackgroundJobsSoon();
  return recipients.length;
}
