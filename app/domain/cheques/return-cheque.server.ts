// The bank returned a deposited cheque (cheque devuelto). In one transaction, under the cheque's row
// lock: its standing ledger payment is cancelled through the ledger (cancelPayment: every application
// reversed by a negated entry, nothing deleted, so the invoices it paid are open again and the
// balance counts the debt again); a debit note for the fee the seller charges in the cheque's
// currency (returned_cheque_fees; none configured, no note) is issued; the cheque moves to returned
// with a follow-up date for the collector; the deposit records the reason. A redeposit that bounced
// again has no payment standing: only the fee and the follow-up. REPs issued for the cancelled payment
// are listed in the audit event and on the payment's page: their SAT cancellation (relation 04 or a
// substituting REP) is not modelled here.
import { and, eq } from "drizzle-orm";
import { paymentReceipts, returnedChequeFees } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { cancelPayment } from "~/domain/ledger/cancel-payment.server";
import { LedgerRuleError } from "~/domain/ledger/errors";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { nextFolio } from "~/domain/ledger/next-folio.server";
import type { ChequeReturnReason } from "~/domain/vocabulary";
import { addDays } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { lockCheque, updateCheque } from "./cheque-transition.server";
import { ChequeError } from "./errors";
import { lockPendingDeposit, resolveDeposit } from "./pending-deposit.server";

/** The series of the returned-cheque fee's debit notes. */
export const RETURNED_CHEQUE_FEE_SERIES = "CHD";
/** Days after the return when the collector follows up with the customer. */
export const FOLLOW_UP_DAYS = 1;

export async function returnCheque(
  db: DbOrTx,
  actor: Actor,
  input: { chequeId: string; version: number; reason: ChequeReturnReason; now: Date },
) {
  return db.transaction(async (tx) => {
    const cheque = await lockCheque(tx, { ...input, statuses: ["deposited"] });
    const deposit = await lockPendingDeposit(tx, cheque.id);
    const today = [todayIn(cheque.timeZone, input.now), deposit.depositedOn].sort().at(-1)!;
    const reasonText = `Cheque devuelto ${cheque.bank} ${cheque.number}`;
    let reversed: string[] = [];
    let repUuids: string[] = [];
    if (cheque.paymentDocumentId) {
      try {
        const cancelled = await cancelPayment(tx, actor, {
          documentId: cheque.paymentDocumentId,
          cancelledOn: today,
          reason: reasonText,
        });
        reversed = cancelled.reversed.map((r) => r.applicationId);
      } catch (error) {
        if (error instanceof LedgerRuleError) throw new ChequeError("cheque.ledger_refused", error.message);
        throw error;
      }
      repUuids = (
        await tx
          .select({ uuid: paymentReceipts.uuid })
          .from(paymentReceipts)
          .where(eq(paymentReceipts.paymentDocumentId, cheque.paymentDocumentId))
          .orderBy(paymentReceipts.createdAt)
      ).map((r) => r.uuid);
    }
    const [fee] = await tx
      .select({ amount: returnedChequeFees.amount })
      .from(returnedChequeFees)
      .where(and(eq(returnedChequeFees.sellerId, cheque.sellerId), eq(returnedChequeFees.currency, cheque.currency)));
    let feeDocumentId: string | null = null;
    if (fee) {
      const folio = await nextFolio(tx, {
        sellerId: cheque.sellerId,
        kind: "debit_note",
        series: RETURNED_CHEQUE_FEE_SERIES,
      });
      const [note] = await issueDocuments(tx, actor, [
        {
          accountId: cheque.accountId,
          kind: "debit_note",
          series: RETURNED_CHEQUE_FEE_SERIES,
          folio,
          issueDate: today,
          dueDate: today,
          currency: cheque.currency,
          amount: fee.amount,
          reference: cheque.number,
          notes: `Comisión por ${reasonText.toLowerCase()}`,
        },
      ]);
      feeDocumentId = note.id;
    }
    const followUpOn = addDays(today, FOLLOW_UP_DAYS);
    await resolveDeposit(tx, deposit.id, {
      status: "returned",
      resolvedOn: today,
      resolvedById: actor.userId ?? null,
      returnReason: input.reason,
      feeDocumentId,
      cancelledPaymentId: cheque.paymentDocumentId,
    });
    await updateCheque(tx, cheque, { status: "returned", paymentDocumentId: null, followUpOn }, input.now);
    await recordAuditEvent(tx, actor, {
      action: "cheque.returned",
      entityType: "cheque",
      entityId: cheque.id,
      accountId: cheque.accountId,
      before: { status: "deposited", paymentDocumentId: cheque.paymentDocumentId },
      after: {
        status: "returned",
        depositNo: deposit.depositNo,
        returnedOn: today,
        reason: input.reason,
        cancelledPaymentId: cheque.paymentDocumentId,
        reversedApplications: reversed,
        feeDocumentId,
        fee: fee?.amount ?? null,
        followUpOn,
        repUuids,
      },
    });
    return { feeDocumentId, reversedApplications: reversed, followUpOn, repUuids };
  });
}
