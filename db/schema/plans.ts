// Payment plans: the customer proposes several instalments for an overdue balance of chosen documents;
// the collector accepts, counters (a new revision of the instalments, for the customer to accept or
// decline) or rejects it; above the amount of the seller's approval policy the collector's acceptance
// waits for a supervisor. A plan in force turns each instalment into a payment promise
// (payment_promises.plan_id), settled by the promise machinery. Rules in app/domain/plans.
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
import { PLAN_REVISION_AUTHORS, PLAN_STATUSES } from "~/domain/vocabulary";
import { createdAt, id, money } from "./_columns";
import { currencyEnum } from "./enums";
import { users } from "./identity";
import { documents } from "./ledger";
import { customerAccounts, sellers } from "./organization";

export const planStatusEnum = pgEnum("plan_status", PLAN_STATUSES);
export const planRevisionAuthorEnum = pgEnum("plan_revision_author", PLAN_REVISION_AUTHORS);

export const paymentPlans = pgTable(
  "payment_plans",
  {
    id: id(),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    currency: currencyEnum("currency").notNull(),
    status: planStatusEnum("status").notNull().default("proposed"),
    /** The instalments in force or under discussion are this revision's (1 the customer's proposal, +1 per counter). */
    revision: integer("revision").notNull().default(1),
    /** Σ of the current revision's instalments. */
    total: money("total").notNull(),
    note: text("note"),
    proposedById: text("proposed_by_id")
      .notNull()
      .references(() => users.id),
    /** The staff member who accepted or countered it (the collector's side of the decision). */
    decidedById: text("decided_by_id").references((): AnyPgColumn => users.id),
    approvedById: text("approved_by_id").references((): AnyPgColumn => users.id),
    rejectedById: text("rejected_by_id").references((): AnyPgColumn => users.id),
    rejectionReason: text("rejection_reason"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    activatedAt: timestamp("activated_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("payment_plans_account_idx").on(t.accountId, t.createdAt),
    index("payment_plans_status_idx").on(t.status, t.updatedAt),
    check("payment_plans_total_positive", sql`${t.total} > 0`),
    check("payment_plans_revision_positive", sql`${t.revision} >= 1`),
  ],
);

/** The overdue documents a plan covers, with what was open of each when it was proposed. */
export const paymentPlanDocuments = pgTable(
  "payment_plan_documents",
  {
    planId: text("plan_id")
      .notNull()
      .references(() => paymentPlans.id),
    position: integer("position").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    amount: money("amount").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.position] }),
    index("payment_plan_documents_document_idx").on(t.documentId),
    check("payment_plan_documents_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** Each revision's instalments (kept, never rewritten: a counter adds a revision). */
export const paymentPlanInstalments = pgTable(
  "payment_plan_instalments",
  {
    planId: text("plan_id")
      .notNull()
      .references(() => paymentPlans.id),
    revision: integer("revision").notNull(),
    position: integer("position").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    amount: money("amount").notNull(),
    author: planRevisionAuthorEnum("author").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.revision, t.position] }),
    check("payment_plan_instalments_amount_positive", sql`${t.amount} > 0`),
  ],
);

/**
 * Per seller and currency: a plan whose total is above `approval_above` needs a supervisor's approval
 * after the collector accepts it. A seller without a policy for a currency needs approval for every plan.
 */
export const planApprovalPolicies = pgTable(
  "plan_approval_policies",
  {
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    currency: currencyEnum("currency").notNull(),
    approvalAbove: money("approval_above").notNull(),
    updatedById: text("updated_by_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.currency] }),
    check("plan_approval_policies_nonnegative", sql`${t.approvalAbove} >= 0`),
  ],
);
