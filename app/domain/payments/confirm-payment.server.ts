// Confirms a registered payment against the bank: in one transaction, the registration is locked and
// moved from in review to confirmed by a conditional update (two collectors confirming at once: one
// applies, the other is refused), the ledger payment is issued (series RP, the registration's folio,
// so it can exist once) and applied to the allocated charges through the ledger's own applyCredits
// (never beyond the payment, never below zero, one currency), what is left stays on account, and the
// REP of the Mexican PPD invoices it paid is issued; the customer's email (what was applied, the REPs)
// is queued in the same transaction. A suspected duplicate must be decided first.
import Decimal from "decimal.js";
import { eq, inArray } from "drizzle-orm";
import { documents, paymentAllocations, sellers } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { isChequeMethod, receiveCheque } from "~/domain/cheques/receive-cheque.server";
import { applyCredits } from "~/domain/ledger/apply-credits.server";
import { LedgerRuleError } from "~/domain/ledger/errors";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { NATIONAL_CURRENCY, SAT_PAYMENT_FORM_OF_METHOD } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { addMoney, subtractMoney } from "~/utils/money";
import { findPaymentDuplicates } from "./find-payment-duplicates.server";
import { issuePaymentReceipt } from "./issue-payment-receipt.server";
import { queuePaymentEmails } from "./queue-payment-emails.server";
import { PaymentRegistrationError } from "./registration-errors";
import { type PaymentRegistration, lockRegistration, updateRegistration } from "./registration-transition.server";

export const PAYMENT_SERIES = "RP";

/** An exchange rate as stored (6 places), or null when it is not a positive decimal of at most 6 places. */
export function normalizeExchangeRate(value: string): string | null {
  const text = value.trim().replace(",", ".");
  if (!/^\d{1,12}(\.\d{1,6})?$/.test(text)) return null;
  const rate = new Decimal(text);
  return rate.gt(0) ? rate.toFixed(6) : null;
}

export async function confirmPayment(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { registrationId: string; version: number; now: Date; keepOnAccount?: boolean; exchangeRate?: string | null },
) {
  return db.transaction(async (tx) => {
    const reg = await lockRegistration(tx, input);
    if (!input.keepOnAccount && !reg.duplicateDecision && (await findPaymentDuplicates(tx, reg)).length > 0)
      throw new PaymentRegistrationError("registration.duplicate_undecided");
    return confirmLocked(tx, actor, reg, input);
  });
}

/** The confirmation itself, on a registration already locked (also used to keep a duplicate on account). */
export async function confirmLocked(
  tx: DbOrTx,
  actor: Actor & { userId: string },
  reg: PaymentRegistration,
  input: {
    now: Date;
    keepOnAccount?: boolean;
    duplicateDecision?: "duplicate" | "genuine";
    /** Pesos per unit of a payment not in the seller's currency: required to apply it (the REP's TipoCambioP). */
    exchangeRate?: string | null;
  },
) {
  const [seller] = await tx
    .select({ timeZone: sellers.timeZone, country: sellers.country })
    .from(sellers)
    .where(eq(sellers.id, reg.sellerId));
  const foreign = reg.currency !== NATIONAL_CURRENCY[seller.country];
  const exchangeRate = foreign && input.exchangeRate ? normalizeExchangeRate(input.exchangeRate) : null;
  if (foreign && !exchangeRate && !input.keepOnAccount)
    throw new PaymentRegistrationError("registration.exchange_rate_required");
  const allocations = input.keepOnAccount
    ? []
    : await tx
        .select({ documentId: paymentAllocations.documentId, amount: paymentAllocations.amount })
        .from(paymentAllocations)
        .where(eq(paymentAllocations.registrationId, reg.id));
  const paymentDocumentId = createRandomId();
  await issueDocuments(tx, actor, [
    {
      id: paymentDocumentId,
      accountId: reg.accountId,
      kind: "payment",
      series: PAYMENT_SERIES,
      folio: String(reg.number),
      issueDate: reg.paidOn,
      dueDate: reg.paidOn,
      currency: reg.currency,
      amount: reg.amount,
      paymentForm: SAT_PAYMENT_FORM_OF_METHOD[reg.method],
      reference: reg.reference,
      notes: reg.staffEntered ? "Ingreso manual" : null,
    },
  ]);
  const today = todayIn(seller.timeZone, input.now);
  if (allocations.length > 0) {
    const issueDates = new Map(
      (
        await tx
          .select({ id: documents.id, issueDate: documents.issueDate })
          .from(documents)
          .where(
            inArray(
              documents.id,
              allocations.map((a) => a.documentId),
            ),
          )
      ).map((d) => [d.id, d.issueDate]),
    );
    try {
      await applyCredits(
        tx,
        actor,
        allocations.map((a) => ({
          sourceId: paymentDocumentId,
          targetId: a.documentId,
          amount: a.amount,
          // Applied today (never before the payment nor the charge: applyCredits refuses that).
          appliedOn: [today, reg.paidOn, issueDates.get(a.documentId) ?? ""].sort().at(-1)!,
        })),
      );
    } catch (error) {
      if (error instanceof LedgerRuleError)
        throw new PaymentRegistrationError("allocation.exceeds_open", error.message);
      throw error;
    }
  }
  await updateRegistration(
    tx,
    reg,
    {
      status: "confirmed",
      paymentDocumentId,
      exchangeRate,
      reviewedById: actor.userId,
      reviewedAt: input.now,
      ...(input.duplicateDecision ? { duplicateDecision: input.duplicateDecision } : {}),
    },
    input.now,
  );
  const applied = allocations.length > 0 ? addMoney(...allocations.map((a) => a.amount)) : "0.00";
  await recordAuditEvents(tx, actor, [
    {
      action: "payment.confirmed",
      entityType: "payment_registration",
      entityId: reg.id,
      accountId: reg.accountId,
      before: { status: reg.status },
      after: {
        status: "confirmed",
        paymentDocumentId,
        applied,
        onAccount: subtractMoney(reg.amount, applied),
        ...(exchangeRate ? { exchangeRate } : {}),
      },
    },
  ]);
  // A cheque is not money yet: it enters custody (and counts against the credit line) until it clears.
  if (isChequeMethod(reg.method))
    await receiveCheque(tx, actor, { registration: reg, paymentDocumentId, now: input.now });
  const receipt = await issuePaymentReceipt(tx, actor, {
    registration: reg,
    paymentDocumentId,
    applied: allocations,
    now: input.now,
    exchangeRate,
  });
  await queuePaymentEmails(tx, { event: "confirmed", registration: reg, now: input.now });
  return { paymentDocumentId, receiptId: receipt?.id ?? null };
}
