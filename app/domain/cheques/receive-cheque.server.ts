// A confirmed cheque registration enters custody: called by confirmLocked (app/domain/payments) in the
// confirmation's transaction, so the cheque exists exactly when its ledger payment does. A post-dated
// cheque waits for its deposit date; another cheque may be deposited at once.
import { cheques } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { PaymentRegistration } from "~/domain/payments/registration-transition.server";
import type { DbOrTx } from "~/utils/db.server";

export function isChequeMethod(method: PaymentRegistration["method"]) {
  return method === "cheque" || method === "postdated_cheque";
}

export async function receiveCheque(
  tx: DbOrTx,
  actor: Actor,
  input: { registration: PaymentRegistration; paymentDocumentId: string; now: Date },
): Promise<string> {
  const reg = input.registration;
  const depositDate = reg.depositDate ?? reg.paidOn;
  const [row] = await tx
    .insert(cheques)
    .values({
      sellerId: reg.sellerId,
      accountId: reg.accountId,
      registrationId: reg.id,
      amount: reg.amount,
      currency: reg.currency,
      bank: reg.bank,
      number: reg.reference,
      depositDate,
      paymentDocumentId: input.paymentDocumentId,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: cheques.id });
  await recordAuditEvent(tx, actor, {
    action: "cheque.received",
    entityType: "cheque",
    entityId: row.id,
    accountId: reg.accountId,
    after: {
      registrationId: reg.id,
      number: reg.reference,
      bank: reg.bank,
      amount: reg.amount,
      currency: reg.currency,
      depositDate,
      paymentDocumentId: input.paymentDocumentId,
    },
  });
  return row.id;
}
