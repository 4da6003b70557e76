// Who is emailed when a registered payment moves, queued as durable tasks in the change's own
// transaction (as claim emails are, ADR 010): a mail exists exactly when its change committed and goes
// out afterwards through the sweeper (send-payment-email.server.tsx), one task per recipient, retried
// on its own. The customer hears of its registration (with the provisional receipt), the confirmation
// and what was applied (with the REPs), and a rejection with its reason. "The customer" is the user who
// registered it; for a manual receipt a collector entered, the account's administrators and payers.
import { and, eq, isNull } from "drizzle-orm";
import { accountGrants, users } from "#db/schema";
import { scheduleTask } from "~/jobs/scheduled-tasks.server";
import { wakeBackgroundJobsSoon } from "~/jobs/start-background-jobs.server";
import type { DbOrTx } from "~/utils/db.server";

export const PAYMENT_EMAIL_TASK = "payment.email";

export const PAYMENT_EMAIL_EVENTS = ["registered", "confirmed", "rejected"] as const;
export type PaymentEmailEvent = (typeof PAYMENT_EMAIL_EVENTS)[number];

export interface PaymentEmailPayload {
  registrationId: string;
  event: PaymentEmailEvent;
  recipientId: string;
}

/** The customer users a registration's emails go to (active, still granted on its account). */
export async function paymentEmailRecipients(
  tx: DbOrTx,
  registration: { accountId: string; registeredById: string },
): Promise<string[]> {
  const granted = await tx
    .select({ id: users.id, role: accountGrants.role })
    .from(accountGrants)
    .innerJoin(users, eq(users.id, accountGrants.userId))
    .where(
      and(eq(accountGrants.accountId, registration.accountId), eq(users.kind, "customer"), isNull(users.disabledAt)),
    );
  if (granted.some((g) => g.id === registration.registeredById)) return [registration.registeredById];
  return granted
    .filter((g) => g.role === "account_admin" || g.role === "payer")
    .map((g) => g.id)
    .sort();
}

/** Queues the emails of `event` on the registration, due at `now`. */
export async function queuePaymentEmails(
  tx: DbOrTx,
  input: {
    event: PaymentEmailEvent;
    registration: { id: string; accountId: string; registeredById: string };
    now: Date;
  },
): Promise<number> {
  const recipients = await paymentEmailRecipients(tx, input.registration);
  for (const recipientId of recipients)
    await scheduleTask(tx, {
      kind: PAYMENT_EMAIL_TASK,
      subjectId: input.registration.id,
      payload: { registrationId: input.registration.id, event: input.event, recipientId } satisfies PaymentEmailPayload,
      dueAt: input.now,
      maxAttempts: 8,
    });
  if (recipients.length > 0) wakeBackgroundJobsSoon();
  return recipients.length;
}

/** Keeps only our copy's words from a person's text: no link survives into an email. */
export function withoutLinks(text: string): string {
  return text
    .replace(/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*/gi, "[…]")
    .replace(/\s+/g, " ")
    .trim();
}
