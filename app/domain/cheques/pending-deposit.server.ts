// The deposit of a cheque waiting for the bank's answer, locked (the cheque's row lock is held first).
import { and, eq } from "drizzle-orm";
import { chequeDeposits } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { ChequeError } from "./errors";

export async function lockPendingDeposit(tx: DbOrTx, chequeId: string) {
  const [row] = await tx
    .select()
    .from(chequeDeposits)
    .where(and(eq(chequeDeposits.chequeId, chequeId), eq(chequeDeposits.status, "deposited")))
    .for("update");
  if (!row) throw new ChequeError("cheque.wrong_status");
  return row;
}

/** Resolves the pending deposit by a conditional update on its status. */
export async function resolveDeposit(
  tx: DbOrTx,
  depositId: string,
  set: Partial<typeof chequeDeposits.$inferInsert> & { status: "cleared" | "returned"; resolvedOn: string },
) {
  const updated = await tx
    .update(chequeDeposits)
    .set(set)
    .where(and(eq(chequeDeposits.id, depositId), eq(chequeDeposits.status, "deposited")))
    .returning({ id: chequeDeposits.id });
  if (updated.length !== 1) throw new ChequeError("cheque.stale");
}
