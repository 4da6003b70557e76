// Card payments through Stripe Checkout: our own attempt row (what the customer chose to pay, per
// document), the Stripe events already applied (the event ID is the key, so a redelivery applies
// nothing), and the link to the ledger payment it became. Rules live in app/domain/payments.
import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { CARD_PAYMENT_STATUSES } from "~/domain/vocabulary";
import { createdAt, id, money } from "./_columns";
import { currencyEnum } from "./enums";
import { users } from "./identity";
import { documents } from "./ledger";
import { customerAccounts } from "./organization";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const cardPaymentStatusEnum = pgEnum("card_payment_status", CARD_PAYMENT_STATUSES);

export const paymentAttempts = pgTable(
  "payment_attempts",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    status: cardPaymentStatusEnum("status").notNull().default("open"),
    currency: currencyEnum("currency").notNull(),
    /** Σ of the items: what the Checkout Session charges. */
    amount: money("amount").notNull(),
    /** Set once the session exists (the attempt row is written first, so the session can name it). */
    stripeSessionId: text("stripe_session_id"),
    checkoutUrl: text("checkout_url"),
    expiresAt: instant("expires_at"),
    /** The PaymentIntent that paid: at most one attempt per intent. */
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    /** The ledger payment issued when it was paid. */
    paymentDocumentId: text("payment_document_id").references(() => documents.id),
    /** What Stripe has refunded so far (cumulative, as Stripe reports it on the charge). */
    refundedAmount: money("refunded_amount").notNull().default("0"),
    failureReason: text("failure_reason"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_attempts_session_uq").on(t.stripeSessionId),
    uniqueIndex("payment_attempts_payment_intent_uq").on(t.stripePaymentIntentId),
    uniqueIndex("payment_attempts_payment_document_uq").on(t.paymentDocumentId),
    index("payment_attempts_account_created_idx").on(t.accountId, t.createdAt, t.id),
    check("payment_attempts_amount_positive", sql`${t.amount} > 0`),
    check("payment_attempts_refund_within", sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.amount}`),
  ],
);

/** The documents an attempt pays and how much of each (never above its open amount when chosen). */
export const paymentAttemptItems = pgTable(
  "payment_attempt_items",
  {
    attemptId: text("attempt_id")
      .notNull()
      .references(() => paymentAttempts.id),
    position: integer("position").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    amount: money("amount").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.attemptId, t.position] }),
    uniqueIndex("payment_attempt_items_document_uq").on(t.attemptId, t.documentId),
    index("payment_attempt_items_document_idx").on(t.documentId),
    check("payment_attempt_items_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** Each Stripe event applied once: a redelivered or replayed event finds its ID here and does nothing. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  /** The attempt it concerned, when it concerned one. */
  attemptId: text("attempt_id").references(() => paymentAttempts.id),
  receivedAt: createdAt(),
});
