// Cancels a credit (a payment whose money never arrived: a returned cheque): every application it
// still has standing is reversed, so the charges it paid are open again, and it is marked cancelled,
// so the account's balance no longer counts it (cancelDocument, shared with cancelInvoice).
import type { Actor } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { cancelDocument } from "./cancel-document.server";

export interface CancelledPayment {
  documentId: string;
  /** The applications reversed, with the charge each had paid (now open again). */
  reversed: { applicationId: string; reversalId: string; targetId: string; amount: string }[];
}

export async function cancelPayment(
  db: DbOrTx,
  actor: Actor,
  input: { documentId: string; cancelledOn: string; reason: string },
): Promise<CancelledPayment> {
  const { documentId, reversed } = await cancelDocument(db, actor, { ...input, effect: "credit" });
  return {
    documentId,
    reversed: reversed.map(({ counterpartId, ...r }) => ({ ...r, targetId: counterpartId })),
  };
}
