// Cheques (issue 12 item 9): a cheque a collector confirmed (method cheque or post-dated cheque) is
// held in custody until its deposit date, checked with the cheque-protection service, deposited,
// cleared or returned (cheque devuelto) and deposited again; each deposit is a row of its own with its
// outcome. A returned cheque cancels its ledger payment (reversing its applications), adds a debit
// note for the seller's fee and sets a follow-up date for the collector. Customers ask for a cheque to
// be picked up by the seller's courier. Rules live in app/domain/cheques; the ledger stays the only
// writer of applications and open amounts.
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  CHEQUE_DEPOSIT_STATUSES,
  CHEQUE_PICKUP_STATUSES,
  CHEQUE_RETURN_REASONS,
  CHEQUE_STATUSES,
} from "~/domain/vocabulary";
import { createdAt, id, money } from "./_columns";
import { currencyEnum } from "./enums";
import { users } from "./identity";
import { documents } from "./ledger";
import { customerAccounts, sellers } from "./organization";
import { paymentRegistrations } from "./payments";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const chequeStatusEnum = pgEnum("cheque_status", CHEQUE_STATUSES);
export const chequeDepositStatusEnum = pgEnum("cheque_deposit_status", CHEQUE_DEPOSIT_STATUSES);
export const chequePickupStatusEnum = pgEnum("cheque_pickup_status", CHEQUE_PICKUP_STATUSES);
export const chequeReturnReasonEnum = pgEnum("cheque_return_reason", CHEQUE_RETURN_REASONS);

export const cheques = pgTable(
  "cheques",
  {
    id: id(),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    registrationId: text("registration_id")
      .notNull()
      .references(() => paymentRegistrations.id),
    amount: money("amount").notNull(),
    currency: currencyEnum("currency").notNull(),
    bank: text("bank").notNull(),
    /** The cheque's number (the registration's reference). */
    number: text("number").notNull(),
    /** The day it may be deposited: a post-dated cheque's deposit date, otherwise its date. */
    depositDate: date("deposit_date", { mode: "string" }).notNull(),
    status: chequeStatusEnum("status").notNull().default("in_custody"),
    /**
     * The ledger payment standing for this cheque: the registration's on confirmation, none once
     * returned (it is cancelled), a new one when a redeposit clears.
     */
    paymentDocumentId: text("payment_document_id").references(() => documents.id),
    /** The cheque-protection service's answer: its reference, who asked and when. */
    protectionReference: text("protection_reference"),
    protectionCheckedById: text("protection_checked_by_id").references(() => users.id),
    protectionCheckedAt: instant("protection_checked_at"),
    /** Returned cheques: the day the collector follows up with the customer. */
    followUpOn: date("follow_up_on", { mode: "string" }),
    /** Bumped by every change: forms carry it, conditional updates compare it. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cheques_registration_uq").on(t.registrationId),
    // The custody list: a status, by deposit date, keyset by (deposit_date, id).
    index("cheques_status_deposit_idx").on(t.status, t.depositDate, t.id),
    index("cheques_account_status_idx").on(t.accountId, t.status),
    index("cheques_follow_up_idx")
      .on(t.followUpOn, t.id)
      .where(sql`${t.status} = 'returned'`),
    check("cheques_amount_positive", sql`${t.amount} > 0`),
    check(
      "cheques_protection_complete",
      sql`(${t.protectionReference} is null) = (${t.protectionCheckedById} is null) and (${t.protectionReference} is null) = (${t.protectionCheckedAt} is null)`,
    ),
    check("cheques_returned_follow_up", sql`(${t.status} = 'returned') = (${t.followUpOn} is not null)`),
    check(
      "cheques_payment_standing",
      sql`(${t.status} <> 'returned' or ${t.paymentDocumentId} is null) and (${t.status} not in ('in_custody', 'cleared') or ${t.paymentDocumentId} is not null)`,
    ),
  ],
);

/** One presentation of a cheque at the bank and its outcome; a redeposit is the next number. */
export const chequeDeposits = pgTable(
  "cheque_deposits",
  {
    id: id(),
    chequeId: text("cheque_id")
      .notNull()
      .references(() => cheques.id),
    depositNo: integer("deposit_no").notNull(),
    depositedOn: date("deposited_on", { mode: "string" }).notNull(),
    depositedById: text("deposited_by_id").references(() => users.id),
    status: chequeDepositStatusEnum("status").notNull().default("deposited"),
    resolvedOn: date("resolved_on", { mode: "string" }),
    resolvedById: text("resolved_by_id").references(() => users.id),
    returnReason: chequeReturnReasonEnum("return_reason"),
    /** Returned: the debit note for the seller's fee (none when the seller has no fee in that currency). */
    feeDocumentId: text("fee_document_id").references(() => documents.id),
    /** Returned: the ledger payment cancelled by this return (none when a redeposit bounced again). */
    cancelledPaymentId: text("cancelled_payment_id").references(() => documents.id),
    /** Cleared after a return: the ledger payment issued again for the cheque. */
    paymentDocumentId: text("payment_document_id").references(() => documents.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cheque_deposits_cheque_no_uq").on(t.chequeId, t.depositNo),
    // At most one deposit waiting for the bank's answer per cheque.
    uniqueIndex("cheque_deposits_one_pending_uq")
      .on(t.chequeId)
      .where(sql`${t.status} = 'deposited'`),
    check("cheque_deposits_no_positive", sql`${t.depositNo} >= 1`),
    check("cheque_deposits_resolved", sql`(${t.status} = 'deposited') = (${t.resolvedOn} is null)`),
    check("cheque_deposits_returned_reason", sql`(${t.status} = 'returned') = (${t.returnReason} is not null)`),
  ],
);

/** What a seller charges for a returned cheque, per currency (no row: no fee in that currency). */
export const returnedChequeFees = pgTable(
  "returned_cheque_fees",
  {
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    currency: currencyEnum("currency").notNull(),
    amount: money("amount").notNull(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.currency] }),
    check("returned_cheque_fees_positive", sql`${t.amount} > 0`),
  ],
);

/** A customer's request that the seller's courier collect a cheque: when, where, whom to ask for. */
export const chequePickups = pgTable(
  "cheque_pickups",
  {
    id: id(),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    requestedById: text("requested_by_id")
      .notNull()
      .references(() => users.id),
    pickupDate: date("pickup_date", { mode: "string" }).notNull(),
    address: text("address").notNull(),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    notes: text("notes"),
    status: chequePickupStatusEnum("status").notNull().default("requested"),
    createdAt: createdAt(),
  },
  (t) => [
    // The collectors' list by day.
    index("cheque_pickups_date_idx").on(t.pickupDate, t.id),
    index("cheque_pickups_account_date_idx").on(t.accountId, t.pickupDate, t.id),
  ],
);
