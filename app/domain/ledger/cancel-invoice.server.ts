// Cancels a charge (an invoice or a debit note): every application still standing on it is reversed,
// so the credits that paid it are free again, and it is marked cancelled (cancelDocument, shared with
// cancelPayment). The document stays in the ledger, its lists and its statement history.
import type { Actor } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { cancelDocument } from "./cancel-document.server";

export interface CancelledInvoice {
  documentId: string;
  /** The applications reversed, with the credit each had applied (now free to apply elsewhere). */
  reversed: { applicationId: string; reversalId: string; sourceId: string; amount: string }[];
}

export async function cancelInvoice(
  db: DbOrTx,
  actor: Actor,
  input: { documentId: string; cancelledOn: string; reason: string },
): Promise<CancelledInvoice> {
  const { documentId, reversed } = await cancelDocument(db, actor, { ...input, effect: "charge" });
  return {
    documentId,
    reversed: reversed.map(({ counterpartId, ...r }) => ({ ...r, sourceId: counterpartId })),
  };
}
