// A card payment refunded (in full or in part) by Stripe. Stripe reports the charge's cumulative
// `amount_refunded`, so we re-read the charge and record only the difference from what we have
// recorded: a redelivered or reordered event adds nothing. The money went back to the customer, so
// the documents that payment settled reopen: the payment's unapplied credit is used first, then its
// applications are reversed newest first (a partly needed one is reversed and its rest re-applied),
// and the freed credit settles a refund charge ("Reembolso") so the payment stays fully accounted
// for. Nothing is deleted; every step is a ledger entry with its audit event, in one transaction.
import { and, desc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { applications, customerAccounts, documents, paymentAttemptItems, paymentAttempts, sellers } from "#db/schema";
import { type Actor, SYSTEM_ACTOR, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { wallTimeIn } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { compareMoney, dec, subtractMoney, toMoney } from "~/utils/money";
import type { Stripe } from "~/utils/stripe.server";
import { CARD_PAYMENT_SERIES } from "./sync-card-payment.server";

export async function syncCardRefund(
  db: DbOrTx,
  stripe: Stripe,
  chargeId: string,
  actor: Actor = SYSTEM_ACTOR,
  now: Date = new Date(),
): Promise<{ attemptId: string; refunded: string; changed: boolean } | null> {
  const charge = await stripe.charges.retrieve(chargeId);
  const intentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!intentId) return null;
  const refundedNow = toMoney(dec(charge.amount_refunded).dividedBy(100));

  return db.transaction(async (tx) => {
    const [attempt] = await tx
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.stripePaymentIntentId, intentId))
      .for("update");
    if (!attempt?.paymentDocumentId || (attempt.status !== "paid" && attempt.status !== "refunded")) return null;
    if (charge.currency.toUpperCase() !== attempt.currency) return null;
    const diff = subtractMoney(refundedNow, attempt.refundedAmount);
    if (compareMoney(diff, "0") <= 0 || compareMoney(refundedNow, attempt.amount) > 0) {
      return { attemptId: attempt.id, refunded: attempt.refundedAmount, changed: false };
    }
    const [where] = await tx
      .select({ timeZone: sellers.timeZone })
      .from(customerAccounts)
      .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
      .where(eq(customerAccounts.id, attempt.accountId));
    const today = wallTimeIn(now, where.timeZone).slice(0, 10);
    const paymentId = attempt.paymentDocumentId;

    // Free `diff` of the payment's credit: its unapplied part first, then its applications newest first.
    const [payment] = await tx
      .select({ open: documents.openAmount })
      .from(documents)
      .where(eq(documents.id, paymentId))
      .for("update");
    let needed = dec(diff).minus(dec(payment.open).greaterThan(diff) ? diff : payment.open);
    const reversal = alias(applications, "reversal");
    const live = await tx
      .select({ id: applications.id, targetId: applications.targetId, amount: applications.amount })
      .from(applications)
      .where(
        and(
          eq(applications.sourceId, paymentId),
          isNull(applications.reversesId),
          // What the payment settled of the chosen documents, not the refund charges it already covers.
          inArray(
            applications.targetId,
            tx
              .select({ id: paymentAttemptItems.documentId })
              .from(paymentAttemptItems)
              .where(eq(paymentAttemptItems.attemptId, attempt.id)),
          ),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(reversal)
              .where(eq(reversal.reversesId, applications.id)),
          ),
        ),
      )
      .orderBy(desc(applications.createdAt), desc(applications.id));
    const reason = `Reembolso con tarjeta ${charge.id}`;
    for (const app of live) {
      if (!needed.isPositive() || needed.isZero()) break;
      await reverseApplication(tx, actor, { applicationId: app.id, reversedOn: today, reason });
      const rest = dec(app.amount).minus(needed);
      if (rest.isPositive() && !rest.isZero()) {
        await applyCredits(tx, actor, [
          { sourceId: paymentId, targetId: app.targetId, amount: toMoney(rest), appliedOn: today },
        ]);
        needed = dec(0);
      } else {
        needed = needed.minus(app.amount);
      }
    }

    const [refundCharge] = await issueDocuments(tx, actor, [
      {
        accountId: attempt.accountId,
        kind: "adjustment",
        effect: "charge",
        series: `${CARD_PAYMENT_SERIES}-REEMBOLSO`,
        folio: `${charge.id}-${dec(refundedNow).times(100).toFixed(0)}`,
        issueDate: today,
        dueDate: today,
        currency: attempt.currency,
        amount: diff,
        reference: intentId,
        notes: reason,
      },
    ]);
    await applyCredits(tx, actor, [{ sourceId: paymentId, targetId: refundCharge.id, amount: diff, appliedOn: today }]);
    const status = compareMoney(refundedNow, attempt.amount) === 0 ? "refunded" : "paid";
    await tx
      .update(paymentAttempts)
      .set({ refundedAmount: refundedNow, status, updatedAt: new Date() })
      .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.refundedAmount, attempt.refundedAmount)));
    await recordAuditEvents(tx, actor, [
      {
        action: "card_payment.refunded",
        entityType: "payment_attempt",
        entityId: attempt.id,
        accountId: attempt.accountId,
        before: { refundedAmount: attempt.refundedAmount, status: attempt.status },
        after: { refundedAmount: refundedNow, status, refundDocumentId: refundCharge.id },
      },
    ]);
    return { attemptId: attempt.id, refunded: refundedNow, changed: true };
  });
}
