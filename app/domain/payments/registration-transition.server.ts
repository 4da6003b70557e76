// What every change of a registration shares: the row locked (FOR UPDATE, so two collectors acting at
// once are serialised and the second sees what the first did), the status and version the form saw
// compared, and the conditional update checked by its row count.
import { and, eq, sql } from "drizzle-orm";
import { paymentRegistrations } from "#db/schema";
import type { PaymentRegistrationStatus } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { PaymentRegistrationError } from "./registration-errors";

export type PaymentRegistration = typeof paymentRegistrations.$inferSelect;

/** Locks the registration; refuses when it is gone, in another status, or changed since `version`. */
export async function lockRegistration(
  tx: DbOrTx,
  input: { registrationId: string; version: number; status?: PaymentRegistrationStatus },
): Promise<PaymentRegistration> {
  const [row] = await tx
    .select()
    .from(paymentRegistrations)
    .where(eq(paymentRegistrations.id, input.registrationId))
    .for("update");
  if (!row) throw new PaymentRegistrationError("registration.not_found");
  if (row.status !== (input.status ?? "in_review")) throw new PaymentRegistrationError("registration.wrong_status");
  if (row.version !== input.version) throw new PaymentRegistrationError("registration.stale");
  return row;
}

/** The conditional update: applies only if status and version are still what was locked. */
export async function updateRegistration(
  tx: DbOrTx,
  locked: PaymentRegistration,
  set: Partial<typeof paymentRegistrations.$inferInsert>,
  now: Date,
): Promise<void> {
  const updated = await tx
    .update(paymentRegistrations)
    .set({ ...set, version: sql`${paymentRegistrations.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(paymentRegistrations.id, locked.id),
        eq(paymentRegistrations.status, locked.status),
        eq(paymentRegistrations.version, locked.version),
      ),
    )
    .returning({ id: paymentRegistrations.id });
  if (updated.length !== 1) throw new PaymentRegistrationError("registration.stale");
}
