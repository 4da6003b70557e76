// Deposits a cheque at the bank: from custody (never before its deposit date: a post-dated cheque
// deposited early is returned by the bank) or, after a return, again (a redeposit: the next deposit
// number of the same cheque). The follow-up of a returned cheque ends with its redeposit.
import { eq, sql } from "drizzle-orm";
import { chequeDeposits } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { lockCheque, updateCheque } from "./cheque-transition.server";
import { ChequeError } from "./errors";

export async function depositCheque(db: DbOrTx, actor: Actor, input: { chequeId: string; version: number; now: Date }) {
  return db.transaction(async (tx) => {
    const cheque = await lockCheque(tx, { ...input, statuses: ["in_custody", "returned"] });
    const today = todayIn(cheque.timeZone, input.now);
    if (today < cheque.depositDate) throw new ChequeError("cheque.before_deposit_date");
    const [{ count }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(chequeDeposits)
      .where(eq(chequeDeposits.chequeId, cheque.id));
    const depositNo = count + 1;
    await tx.insert(chequeDeposits).values({
      chequeId: cheque.id,
      depositNo,
      depositedOn: today,
      depositedById: actor.userId ?? null,
      createdAt: input.now,
    });
    await updateCheque(tx, cheque, { status: "deposited", followUpOn: null }, input.now);
    await recordAuditEvent(tx, actor, {
      action: "cheque.deposited",
      entityType: "cheque",
      entityId: cheque.id,
      accountId: cheque.accountId,
      before: { status: cheque.status },
      after: { status: "deposited", depositNo, depositedOn: today },
    });
    return { depositNo };
  });
}
