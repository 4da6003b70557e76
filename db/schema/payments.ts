// Payments the customer (or a collector on its behalf) tells us about, before they reach the ledger:
// a registration with its proof file and the allocation the customer asked for, reviewed by a
// collector who confirms it (issuing the ledger payment and its applications), rejects it or marks it
// a duplicate. Mexican payments to PPD invoices get a REP (CFDI type P with Pagos 2.0), one row per
// receipt plus one per invoice instalment. Rules live in app/domain/payments.
//
// Shaped for what comes later (issue 12): Stripe card payments add `payment_attempts` and
// `stripe_events` and a registration of method "card"; promises and plans their own tables; cheques
// in custody read `deposit_date` of the post-dated cheque registrations and add their lifecycle table.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { DUPLICATE_DECISIONS, PAYMENT_REGISTRATION_METHODS, PAYMENT_REGISTRATION_STATUSES } from "~/domain/vocabulary";
import { createdAt, id, money } from "./_columns";
import { currencyEnum } from "./enums";
import { users } from "./identity";
import { documents } from "./ledger";
import { customerAccounts, sellers } from "./organization";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const paymentMethodEnum = pgEnum("payment_registration_method", PAYMENT_REGISTRATION_METHODS);
export const paymentRegistrationStatusEnum = pgEnum("payment_registration_status", PAYMENT_REGISTRATION_STATUSES);
export const duplicateDecisionEnum = pgEnum("payment_duplicate_decision", DUPLICATE_DECISIONS);

export const paymentRegistrations = pgTable(
  "payment_registrations",
  {
    id: id(),
    /** The provisional receipt's folio ("RP-1001"); URLs use the random id. */
    number: bigint("number", { mode: "number" }).notNull().generatedAlwaysAsIdentity({ startWith: 1001 }),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    method: paymentMethodEnum("method").notNull(),
    status: paymentRegistrationStatusEnum("status").notNull().default("in_review"),
    /** The day the customer paid (transfer, deposit) or the cheque's date. */
    paidOn: date("paid_on", { mode: "string" }).notNull(),
    /** Post-dated cheques only: the day it may be deposited. */
    depositDate: date("deposit_date", { mode: "string" }),
    amount: money("amount").notNull(),
    currency: currencyEnum("currency").notNull(),
    bank: text("bank").notNull(),
    /** SPEI tracking key, deposit reference or cheque number. */
    reference: text("reference").notNull(),
    /** Lower case, without spaces or punctuation: what duplicate detection compares. */
    referenceKey: text("reference_key").notNull(),
    proofFileName: text("proof_file_name"),
    proofMediaType: text("proof_media_type"),
    proofSha256: text("proof_sha256"),
    proofSize: integer("proof_size"),
    proofContent: bytea("proof_content"),
    notes: text("notes"),
    /** Registered by a collector on the customer's behalf ("ingreso manual"). */
    staffEntered: boolean("staff_entered").notNull().default(false),
    registeredById: text("registered_by_id")
      .notNull()
      .references(() => users.id),
    reviewedById: text("reviewed_by_id").references(() => users.id),
    reviewedAt: instant("reviewed_at"),
    /** The reason the customer sees when rejected. */
    rejectionReason: text("rejection_reason"),
    duplicateDecision: duplicateDecisionEnum("duplicate_decision"),
    duplicateOfId: text("duplicate_of_id"),
    /**
     * Pesos per unit of a payment in a foreign currency (USD): entered by the collector on confirming it,
     * the REP's TipoCambioP. Null for payments in the seller's own currency.
     */
    exchangeRate: numeric("exchange_rate", { precision: 18, scale: 6 }),
    /** The ledger payment issued on confirmation. */
    paymentDocumentId: text("payment_document_id").references(() => documents.id),
    /** Bumped by every change: forms carry it, conditional updates compare it. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_registrations_number_uq").on(t.number),
    uniqueIndex("payment_registrations_payment_document_uq").on(t.paymentDocumentId),
    // The cash application queue: a status, oldest first, keyset by (created_at, id).
    index("payment_registrations_status_created_idx").on(t.status, t.createdAt, t.id),
    index("payment_registrations_account_created_idx").on(t.accountId, t.createdAt, t.id),
    // Duplicate detection: same account and amount (reference compared on the few rows found); same proof.
    index("payment_registrations_account_amount_idx").on(t.accountId, t.amount, t.paidOn),
    index("payment_registrations_proof_sha_idx").on(t.proofSha256),
    check("payment_registrations_amount_positive", sql`${t.amount} > 0`),
    check("payment_registrations_exchange_rate_positive", sql`${t.exchangeRate} is null or ${t.exchangeRate} > 0`),
    check(
      "payment_registrations_deposit_date",
      sql`(${t.method} = 'postdated_cheque') = (${t.depositDate} is not null)`,
    ),
    check(
      "payment_registrations_confirmed_has_payment",
      sql`(${t.status} = 'confirmed') = (${t.paymentDocumentId} is not null)`,
    ),
    check(
      "payment_registrations_rejected_has_reason",
      sql`${t.status} <> 'rejected' or ${t.rejectionReason} is not null`,
    ),
  ],
);

/** How a registration asks to be applied: amounts per open charge; the rest stays on account. */
export const paymentAllocations = pgTable(
  "payment_allocations",
  {
    id: id(),
    registrationId: text("registration_id")
      .notNull()
      .references(() => paymentRegistrations.id),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    amount: money("amount").notNull(),
    currency: currencyEnum("currency").notNull(),
  },
  (t) => [
    uniqueIndex("payment_allocations_registration_document_uq").on(t.registrationId, t.documentId),
    index("payment_allocations_document_idx").on(t.documentId),
    check("payment_allocations_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** A REP: CFDI type P with its Pagos 2.0 complement, issued when a payment to PPD invoices is applied. */
export const paymentReceipts = pgTable(
  "payment_receipts",
  {
    id: id(),
    registrationId: text("registration_id")
      .notNull()
      .references(() => paymentRegistrations.id),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    paymentDocumentId: text("payment_document_id")
      .notNull()
      .references(() => documents.id),
    series: text("series").notNull(),
    folio: text("folio").notNull(),
    uuid: text("uuid").notNull(),
    xml: text("xml").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payment_receipts_uuid_uq").on(t.uuid),
    uniqueIndex("payment_receipts_series_folio_uq").on(t.series, t.folio),
    index("payment_receipts_registration_idx").on(t.registrationId),
  ],
);

/** One invoice's instalment inside a REP: NumParcialidad runs 1, 2, 3… per invoice. */
export const paymentReceiptInvoices = pgTable(
  "payment_receipt_invoices",
  {
    id: id(),
    receiptId: text("receipt_id")
      .notNull()
      .references(() => paymentReceipts.id),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => documents.id),
    instalment: integer("instalment").notNull(),
    balanceBefore: money("balance_before").notNull(),
    paid: money("paid").notNull(),
    balanceAfter: money("balance_after").notNull(),
  },
  (t) => [
    uniqueIndex("payment_receipt_invoices_invoice_instalment_uq").on(t.invoiceId, t.instalment),
    index("payment_receipt_invoices_receipt_idx").on(t.receiptId),
    check("payment_receipt_invoices_arithmetic", sql`${t.balanceAfter} = ${t.balanceBefore} - ${t.paid}`),
    check("payment_receipt_invoices_nonneg", sql`${t.paid} > 0 and ${t.balanceAfter} >= 0`),
    check("payment_receipt_invoices_instalment_positive", sql`${t.instalment} >= 1`),
  ],
);
