// Records the answer of the cheque-protection service (the bank's "protección de cheques" check that
// the cheque is genuine and funded): its reference, who asked and when. Allowed while the cheque is
// held or at the bank; recording it again replaces the reference (the audit keeps both).
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { lockCheque, updateCheque } from "./cheque-transition.server";

export async function recordProtectionCheck(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { chequeId: string; version: number; reference: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const cheque = await lockCheque(tx, { ...input, statuses: ["in_custody", "deposited", "returned"] });
    await updateCheque(
      tx,
      cheque,
      { protectionReference: input.reference, protectionCheckedById: actor.userId, protectionCheckedAt: input.now },
      input.now,
    );
    await recordAuditEvent(tx, actor, {
      action: "cheque.protection_checked",
      entityType: "cheque",
      entityId: cheque.id,
      accountId: cheque.accountId,
      before: { reference: cheque.protectionReference },
      after: { reference: input.reference },
    });
  });
}
