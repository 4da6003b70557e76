// Brings an attempt to the state Stripe reports now. Whatever told us something changed (a webhook,
// in any order and any number of times, or the customer landing on the return page), we re-read the
// Checkout Session and its PaymentIntent from Stripe and trust nothing else in the message but the ID.
// Under a row lock on the attempt, each state moves only forward (a conditional update), and "paid"
// issues the ledger payment and applies it to the chosen documents in the same transaction; the
// payment's key (series STRIPE, folio = the PaymentIntent ID) is unique in the ledger, so a replay
// that slipped past every other check fails closed instead of paying twice.
import { and, asc, eq, inArray } from "drizzle-orm";
import { customerAccounts, documents, paymentAttemptItems, paymentAttempts, sellers } from "#db/schema";
import { type Actor, SYSTEM_ACTOR, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { applyCredits } from "~/domain/ledger/apply-credits.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { CardPaymentStatus } from "~/domain/vocabulary";
import { wallTimeIn } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { compareMoney, dec, toMoney } from "~/utils/money";
import type { Stripe } from "~/utils/stripe.server";
import { toMinorUnits } from "./start-card-payment.server";

export const CARD_PAYMENT_SERIES = "STRIPE";

/** From which states each state may be reached: paid is final (refunds aside), and Stripe's "paid" wins over anything else. */
const REACHABLE_FROM: Record<"processing" | "paid" | "failed" | "expired", readonly CardPaymentStatus[]> = {
  processing: ["open"],
  paid: ["open", "processing", "failed", "expired"],
  failed: ["open", "processing"],
  expired: ["open", "processing"],
};

export type SyncOutcome = { attemptId: string; status: CardPaymentStatus; changed: boolean } | null;

/** The state a Checkout Session and its PaymentIntent amount to (null: still open, nothing to do). */
export function cardPaymentStateOf(session: Stripe.Checkout.Session): keyof typeof REACHABLE_FROM | null {
  if (session.payment_status === "paid") return "paid";
  if (session.status === "expired") return "expired";
  if (session.status !== "complete") return null;
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
  if (intent?.status === "succeeded") return "paid";
  if (intent?.status === "canceled" || intent?.status === "requires_payment_method") return "failed";
  return "processing";
}

export async function syncCardPayment(
  db: DbOrTx,
  stripe: Stripe,
  sessionId: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<SyncOutcome> {
  const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent"] });
  const attemptId = session.client_reference_id;
  if (!attemptId || session.metadata?.attemptId !== attemptId) return null;
  const target = cardPaymentStateOf(session);
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;

  return db.transaction(async (tx) => {
    const [attempt] = await tx.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId)).for("update");
    // A session that is not the one this attempt opened (or an attempt of ours it does not name) changes nothing.
    if (!attempt || (attempt.stripeSessionId !== null && attempt.stripeSessionId !== session.id)) return null;
    if (!target || !REACHABLE_FROM[target].includes(attempt.status)) {
      return { attemptId, status: attempt.status, changed: false };
    }
    const base = { attemptId, accountId: attempt.accountId };
    if (target !== "paid") {
      const reason = target === "failed" ? (intent?.last_payment_error?.code ?? "payment_failed") : null;
      await tx
        .update(paymentAttempts)
        .set({ status: target, failureReason: reason, stripeSessionId: session.id, updatedAt: new Date() })
        .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.status, attempt.status)));
      await recordAuditEvents(tx, actor, [
        {
          action: "card_payment.status_changed",
          entityType: "payment_attempt",
          entityId: attemptId,
          accountId: attempt.accountId,
          before: { status: attempt.status },
          after: { status: target, reason },
        },
      ]);
      return { ...base, status: target, changed: true };
    }

    // Paid: the amount and currency Stripe collected must be the attempt's, or nothing is applied.
    const intentId = intent?.id ?? (typeof session.payment_intent === "string" ? session.payment_intent : null);
    if (
      !intentId ||
      session.amount_total !== toMinorUnits(attempt.amount) ||
      session.currency?.toUpperCase() !== attempt.currency
    ) {
      await recordAuditEvents(tx, actor, [
        {
          action: "card_payment.mismatch",
          entityType: "payment_attempt",
          entityId: attemptId,
          accountId: attempt.accountId,
          after: {
            amountTotal: session.amount_total ?? null,
            currency: session.currency ?? null,
            paymentIntentId: intentId,
          },
        },
      ]);
      return { ...base, status: attempt.status, changed: false };
    }
    const [where] = await tx
      .select({ country: sellers.country, timeZone: sellers.timeZone })
      .from(customerAccounts)
      .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
      .where(eq(customerAccounts.id, attempt.accountId));
    const paidAt = new Date((intent?.created ?? session.created) * 1000);
    const paidOn = wallTimeIn(paidAt, where.timeZone).slice(0, 10);
    const [payment] = await issueDocuments(tx, actor, [
      {
        accountId: attempt.accountId,
        kind: "payment",
        series: CARD_PAYMENT_SERIES,
        folio: intentId,
        issueDate: paidOn,
        dueDate: paidOn,
        currency: attempt.currency,
        amount: attempt.amount,
        // SAT FormaPago 04: tarjeta de crédito (Stripe does not tell credit from debit here).
        paymentForm: where.country === "MX" ? "04" : null,
        reference: intentId,
        notes: `Stripe Checkout ${session.id}`,
      },
    ]);
    // Apply what is still open of each chosen document (another payment may have settled part of one
    // meanwhile); what cannot be applied stays on account as the payment's unapplied credit.
    const items = await tx
      .select({ documentId: paymentAttemptItems.documentId, amount: paymentAttemptItems.amount })
      .from(paymentAttemptItems)
      .where(eq(paymentAttemptItems.attemptId, attemptId))
      .orderBy(asc(paymentAttemptItems.position));
    const open = await tx
      .select({ id: documents.id, open: documents.openAmount, issueDate: documents.issueDate })
      .from(documents)
      .where(
        and(
          inArray(
            documents.id,
            items.map((i) => i.documentId),
          ),
          eq(documents.status, "issued"),
        ),
      )
      .orderBy(documents.id)
      .for("update");
    const openById = new Map(open.map((o) => [o.id, o]));
    const applications = items.flatMap((item) => {
      const doc = openById.get(item.documentId);
      if (!doc) return [];
      const amount = compareMoney(item.amount, doc.open) <= 0 ? item.amount : doc.open;
      if (!dec(amount).isPositive() || dec(amount).isZero()) return [];
      const appliedOn = doc.issueDate > paidOn ? doc.issueDate : paidOn;
      return [{ sourceId: payment.id, targetId: item.documentId, amount: toMoney(amount), appliedOn }];
    });
    await applyCredits(tx, actor, applications);
    const updated = await tx
      .update(paymentAttempts)
      .set({
        status: "paid",
        stripeSessionId: session.id,
        stripePaymentIntentId: intentId,
        paymentDocumentId: payment.id,
        failureReason: null,
        updatedAt: new Date(),
      })
      .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.status, attempt.status)))
      .returning({ id: paymentAttempts.id });
    if (updated.length !== 1) throw new Error(`attempt ${attemptId} changed under its lock`);
    await recordAuditEvents(tx, actor, [
      {
        action: "card_payment.paid",
        entityType: "payment_attempt",
        entityId: attemptId,
        accountId: attempt.accountId,
        before: { status: attempt.status },
        after: {
          paymentDocumentId: payment.id,
          paymentIntentId: intentId,
          amount: attempt.amount,
          currency: attempt.currency,
          applied: applications.map((a) => ({ documentId: a.targetId, amount: a.amount })),
        },
      },
    ]);
    return { ...base, status: "paid" as const, changed: true };
  });
}

/** The attempt a PaymentIntent paid, if any (refunds arrive on the charge, which names its intent). */
export async function findAttemptByPaymentIntent(db: DbOrTx, paymentIntentId: string) {
  const [row] = await db
    .select({ id: paymentAttempts.id })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.stripePaymentIntentId, paymentIntentId));
  return row?.id ?? null;
}
