// Payment promises: the customer commits to pay an amount of chosen documents by a date. Whether it
// was kept is measured from the ledger (what was applied to those documents after the promise and by
// its date) when a scheduled task fires at the end of that day; rules in app/domain/payments.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { PROMISE_STATUSES } from "~/domain/vocabulary";
import { createdAt, id, money } from "./_columns";
import { currencyEnum } from "./enums";
import { users } from "./identity";
import { documents } from "./ledger";
import { customerAccounts } from "./organization";
import { paymentPlans } from "./plans";

export const promiseStatusEnum = pgEnum("promise_status", PROMISE_STATUSES);

export const paymentPromises = pgTable(
  "payment_promises",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    currency: currencyEnum("currency").notNull(),
    amount: money("amount").notNull(),
    /** The day it will be paid by, in the seller's calendar. */
    promisedDate: date("promised_date", { mode: "string" }).notNull(),
    status: promiseStatusEnum("status").notNull().default("pending"),
    /** What of it was paid by its date (set when it is settled). */
    paidAmount: money("paid_amount"),
    note: text("note"),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    settledAt: timestamp("settled_at", { withTimezone: true, mode: "date" }),
    /** The payment plan this promise is an instalment of (its position in the plan), null for a promise of its own. */
    planId: text("plan_id").references((): AnyPgColumn => paymentPlans.id),
    planPosition: integer("plan_position"),
  },
  (t) => [
    index("payment_promises_account_date_idx").on(t.accountId, t.promisedDate, t.id),
    index("payment_promises_status_date_idx").on(t.status, t.promisedDate, t.id),
    check("payment_promises_amount_positive", sql`${t.amount} > 0`),
    index("payment_promises_plan_idx").on(t.planId, t.planPosition),
    check("payment_promises_plan_position", sql`(${t.planId} is null) = (${t.planPosition} is null)`),
    check(
      "payment_promises_paid_within",
      sql`${t.paidAmount} is null or (${t.paidAmount} >= 0 and ${t.paidAmount} <= ${t.amount})`,
    ),
  ],
);

/** The documents a promise covers and how much of each. */
export const paymentPromiseDocuments = pgTable(
  "payment_promise_documents",
  {
    promiseId: text("promise_id")
      .notNull()
      .references(() => paymentPromises.id),
    position: integer("position").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    amount: money("amount").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.promiseId, t.position] }),
    index("payment_promise_documents_document_idx").on(t.documentId),
    check("payment_promise_documents_amount_positive", sql`${t.amount} > 0`),
  ],
);
