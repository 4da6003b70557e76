// The bank paid a deposited cheque. Its first deposit clearing changes nothing in the ledger (the
// payment was issued and applied on confirmation; the cheque simply stops counting against the
// credit line). A redeposit clearing after a return issues the payment again (series RP, folio
// "<registration>-<deposit>", dated the day it cleared) and applies it through applyCredits to what
// the registration's allocation still finds open; the rest stays on account. The REP of a reissued
// payment is not issued here (a documented gap: the collector issues it with the SAT by hand).
import Decimal from "decimal.js";
import { eq, inArray } from "drizzle-orm";
import { documents, paymentAllocations, paymentRegistrations } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { applyCredits } from "~/domain/ledger/apply-credits.server";
import { LedgerRuleError } from "~/domain/ledger/errors";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { PAYMENT_SERIES } from "~/domain/payments/confirm-payment.server";
import { SAT_PAYMENT_FORM_OF_METHOD } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { addMoney, toMoney } from "~/utils/money";
import { type Cheque, lockCheque, updateCheque } from "./cheque-transition.server";
import { ChequeError } from "./errors";
import { lockPendingDeposit, resolveDeposit } from "./pending-deposit.server";

export async function clearCheque(db: DbOrTx, actor: Actor, input: { chequeId: string; version: number; now: Date }) {
  return db.transaction(async (tx) => {
    const cheque = await lockCheque(tx, { ...input, statuses: ["deposited"] });
    const deposit = await lockPendingDeposit(tx, cheque.id);
    const today = [todayIn(cheque.timeZone, input.now), deposit.depositedOn].sort().at(-1)!;
    let reissued: { id: string; applied: string } | null = null;
    if (!cheque.paymentDocumentId) reissued = await reissuePayment(tx, actor, cheque, deposit.depositNo, today);
    await resolveDeposit(tx, deposit.id, {
      status: "cleared",
      resolvedOn: today,
      resolvedById: actor.userId ?? null,
      paymentDocumentId: reissued?.id ?? null,
    });
    await updateCheque(
      tx,
      cheque,
      { status: "cleared", ...(reissued ? { paymentDocumentId: reissued.id } : {}) },
      input.now,
    );
    await recordAuditEvent(tx, actor, {
      action: "cheque.cleared",
      entityType: "cheque",
      entityId: cheque.id,
      accountId: cheque.accountId,
      before: { status: "deposited" },
      after: {
        status: "cleared",
        depositNo: deposit.depositNo,
        clearedOn: today,
        reissuedPaymentId: reissued?.id ?? null,
        applied: reissued?.applied ?? "0.00",
      },
    });
    return { reissuedPaymentId: reissued?.id ?? null };
  });
}

async function reissuePayment(tx: DbOrTx, actor: Actor, cheque: Cheque, depositNo: number, today: string) {
  const [reg] = await tx
    .select({
      number: paymentRegistrations.number,
      method: paymentRegistrations.method,
      staffEntered: paymentRegistrations.staffEntered,
    })
    .from(paymentRegistrations)
    .where(eq(paymentRegistrations.id, cheque.registrationId));
  const allocations = await tx
    .select({ documentId: paymentAllocations.documentId, amount: paymentAllocations.amount })
    .from(paymentAllocations)
    .where(eq(paymentAllocations.registrationId, cheque.registrationId))
    .orderBy(paymentAllocations.documentId);
  const paymentId = createRandomId();
  await issueDocuments(tx, actor, [
    {
      id: paymentId,
      accountId: cheque.accountId,
      kind: "payment",
      series: PAYMENT_SERIES,
      folio: `${reg.number}-${depositNo}`,
      issueDate: today,
      dueDate: today,
      currency: cheque.currency,
      amount: cheque.amount,
      paymentForm: SAT_PAYMENT_FORM_OF_METHOD[reg.method],
      reference: cheque.number,
      notes: "Cheque redepositado",
    },
  ]);
  if (allocations.length === 0) return { id: paymentId, applied: "0.00" };
  // Lock the charges in id order (applyCredits' order) before reading what is still open on them.
  const targets = await tx
    .select({ id: documents.id, open: documents.openAmount, status: documents.status, issueDate: documents.issueDate })
    .from(documents)
    .where(
      inArray(
        documents.id,
        allocations.map((a) => a.documentId),
      ),
    )
    .orderBy(documents.id)
    .for("update");
  const byId = new Map(targets.map((t) => [t.id, t]));
  let left = new Decimal(cheque.amount);
  const items: { sourceId: string; targetId: string; amount: string; appliedOn: string }[] = [];
  for (const a of allocations) {
    const target = byId.get(a.documentId);
    if (!target || target.status !== "issued") continue;
    const amount = Decimal.min(a.amount, target.open, left);
    if (amount.lte(0)) continue;
    left = left.minus(amount);
    items.push({
      sourceId: paymentId,
      targetId: target.id,
      amount: toMoney(amount),
      appliedOn: [today, target.issueDate].sort().at(-1)!,
    });
  }
  try {
    await applyCredits(tx, actor, items);
  } catch (error) {
    if (error instanceof LedgerRuleError) throw new ChequeError("cheque.ledger_refused", error.message);
    throw error;
  }
  return { id: paymentId, applied: items.length > 0 ? addMoney(...items.map((i) => i.amount)) : "0.00" };
}
