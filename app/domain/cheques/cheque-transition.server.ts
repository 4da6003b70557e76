// What every change of a cheque shares: the row locked (FOR UPDATE, so two collectors acting at once
// are serialised and the second sees what the first did), the status and version the form saw
// compared, and the conditional update checked by its row count.
import { and, eq, sql } from "drizzle-orm";
import { cheques, sellers } from "#db/schema";
import type { ChequeStatus } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { ChequeError } from "./errors";

export type Cheque = typeof cheques.$inferSelect;

/** Locks the cheque; refuses when it is gone, in none of `statuses`, or changed since `version`. */
export async function lockCheque(
  tx: DbOrTx,
  input: { chequeId: string; version: number; statuses: readonly ChequeStatus[] },
): Promise<Cheque & { timeZone: string }> {
  const [row] = await tx
    .select({ cheque: cheques, timeZone: sellers.timeZone })
    .from(cheques)
    .innerJoin(sellers, eq(sellers.id, cheques.sellerId))
    .where(eq(cheques.id, input.chequeId))
    .for("update", { of: cheques });
  if (!row) throw new ChequeError("cheque.not_found");
  if (!input.statuses.includes(row.cheque.status)) throw new ChequeError("cheque.wrong_status");
  if (row.cheque.version !== input.version) throw new ChequeError("cheque.stale");
  return { ...row.cheque, timeZone: row.timeZone };
}

/** The conditional update: applies only if status and version are still what was locked. */
export async function updateCheque(
  tx: DbOrTx,
  locked: Cheque,
  set: Partial<typeof cheques.$inferInsert>,
  now: Date,
): Promise<void> {
  const updated = await tx
    .update(cheques)
    .set({ ...set, version: sql`${cheques.version} + 1`, updatedAt: now })
    .where(and(eq(cheques.id, locked.id), eq(cheques.status, locked.status), eq(cheques.version, locked.version)))
    .returning({ id: cheques.id });
  if (updated.length !== 1) throw new ChequeError("cheque.stale");
}
