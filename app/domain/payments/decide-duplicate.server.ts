// The collector's word on a suspected duplicate: genuine (it may then be confirmed), or duplicate,
// either refused (the customer sees why) or kept on account (confirmed without applying: the money
// arrived twice and waits to be refunded or applied elsewhere). Audited as its own event.
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { confirmLocked } from "./confirm-payment.server";
import { lockRegistration, updateRegistration } from "./registration-transition.server";
import { rejectLocked } from "./reject-payment.server";

export async function decideDuplicate(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: {
    registrationId: string;
    version: number;
    decision: "reject" | "keep_on_account" | "genuine";
    duplicateOfId: string | null;
    /** The reason the customer reads when refused. */
    reason: string;
    now: Date;
  },
) {
  return db.transaction(async (tx) => {
    const reg = await lockRegistration(tx, input);
    await recordAuditEvents(tx, actor, [
      {
        action: "payment.duplicate_decided",
        entityType: "payment_registration",
        entityId: reg.id,
        accountId: reg.accountId,
        after: {
          decision: input.decision === "genuine" ? "genuine" : "duplicate",
          duplicateOfId: input.duplicateOfId,
        },
      },
    ]);
    if (input.decision === "genuine") {
      await updateRegistration(tx, reg, { duplicateDecision: "genuine" }, input.now);
      return;
    }
    if (input.decision === "reject")
      return void (await rejectLocked(tx, actor, reg, { ...input, duplicateOfId: input.duplicateOfId }));
    await confirmLocked(tx, actor, reg, { now: input.now, keepOnAccount: true, duplicateDecision: "duplicate" });
  });
}
