// The receivables ledger: documents, their lines, remissions, applications and stored files.
// Balances are derived from documents and applications. Each document also keeps what has been
// applied to it (or, for a credit, what it applied) and hence its open amount, as stored columns that
// only the ledger module writes, in the transaction and under the row locks of the application or
// reversal that changes them (ADR 009). `npm run ledger:verify` recomputes them from the entries.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, id, money } from "./_columns";
import { currencyEnum, documentEffectEnum, documentKindEnum, documentStatusEnum, fileRoleEnum } from "./enums";
import { users } from "./identity";
import { customerAccounts, sellers } from "./organization";

// The one place that knows the drivers differ on bytea: node-postgres returns a Buffer, PGlite a
// Uint8Array (and the text form '\x…' reaches us where a value was cast to text). Readers get a plain
// Uint8Array view either way.
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | string }>({
  dataType: () => "bytea",
  fromDriver(value) {
    if (typeof value === "string") return Uint8Array.from(Buffer.from(value.replace(/^\\x/, ""), "hex"));
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  },
});

export const documents = pgTable(
  "documents",
  {
    id: id(),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    kind: documentKindEnum("kind").notNull(),
    /** charge raises the balance (invoice, debit note), credit lowers it (payment, credit note); adjustments may be either. */
    effect: documentEffectEnum("effect").notNull(),
    series: text("series").notNull(),
    folio: text("folio").notNull(),
    /** CFDI UUID (MX) or DIAN CUFE (CO); payments carry the bank reference in `reference`. */
    fiscalId: text("fiscal_id"),
    issueDate: date("issue_date", { mode: "string" }).notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    currency: currencyEnum("currency").notNull(),
    amount: money("amount").notNull(),
    subtotal: money("subtotal"),
    taxTotal: money("tax_total"),
    status: documentStatusEnum("status").notNull().default("issued"),
    /** SAT MetodoPago: PUE (paid in one go) or PPD (paid later). */
    paymentMethod: text("payment_method"),
    /** SAT FormaPago code, e.g. 03 transfer, 99 to be defined. */
    paymentForm: text("payment_form"),
    purchaseOrder: text("purchase_order"),
    reference: text("reference"),
    notes: text("notes"),
    createdById: text("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    /**
     * Σ of the applications' amounts (reversal rows negative) applied to this charge, or applied by this
     * credit. Written only by the ledger module (app/domain/ledger), under `cartera.ledger_write`; a
     * trigger refuses any other write, and a new document starts at 0.
     */
    appliedAmount: money("applied_amount").notNull().default("0"),
    /** Charges: left to pay; credits: left to apply; 0 once cancelled. Computed by the database from the row. */
    openAmount: money("open_amount")
      .notNull()
      .generatedAlwaysAs(sql`case when status = 'cancelled' then 0 else amount - applied_amount end`),
    /**
     * The latest `applied_on` among the applications and reversals touching this document (null: none).
     * What was open at an earlier date D is open_amount plus the applications dated after D, and only
     * documents with last_applied_on > D have any (ledger module, same guard as applied_amount).
     */
    lastAppliedOn: date("last_applied_on", { mode: "string" }),
  },
  (t) => [
    uniqueIndex("documents_seller_kind_series_folio_uq").on(t.sellerId, t.kind, t.series, t.folio),
    uniqueIndex("documents_fiscal_id_uq").on(t.fiscalId),
    // The customer's invoice list: one index per sort key, each ending in id so keyset pages walk it in order.
    index("documents_account_kind_issue_id_idx").on(t.accountId, t.kind, t.issueDate, t.id),
    index("documents_account_kind_due_id_idx").on(t.accountId, t.kind, t.dueDate, t.id),
    index("documents_account_kind_amount_id_idx").on(t.accountId, t.kind, t.amount, t.id),
    index("documents_account_kind_folio_id_idx").on(
      t.accountId,
      t.kind,
      t.series,
      sql`length(${t.folio})`,
      t.folio,
      t.id,
    ),
    // The list's text search: case-insensitive prefixes (text_pattern_ops serves LIKE 'x%') within an account.
    index("documents_account_serie_folio_prefix_idx").on(
      t.accountId,
      sql`lower(${t.series} || '-' || ${t.folio}) text_pattern_ops`,
    ),
    index("documents_account_folio_idx").on(t.accountId, t.folio),
    index("documents_account_fiscal_id_prefix_idx").on(t.accountId, sql`lower(${t.fiscalId}) text_pattern_ops`),
    index("documents_account_purchase_order_prefix_idx").on(
      t.accountId,
      sql`lower(${t.purchaseOrder}) text_pattern_ops`,
    ),
    index("documents_account_due_idx").on(t.accountId, t.dueDate),
    index("documents_account_issue_idx").on(t.accountId, t.issueDate, t.id),
    index("documents_purchase_order_idx").on(t.purchaseOrder),
    // Covering and partial indexes that drizzle cannot express (INCLUDE) live in custom SQL migrations:
    // 0003 (documents_account_issue_covering_idx, applications_*_covering_idx) and 0007 (the open items:
    // documents_open_items_idx over documents with something open, documents_applied_after_idx by
    // last_applied_on for "as of" dates, documents_account_kind_totals_idx for the lists' totals).
    check("documents_amount_positive", sql`${t.amount} > 0`),
    check("documents_applied_within_amount", sql`${t.appliedAmount} >= 0 and ${t.appliedAmount} <= ${t.amount}`),
    check("documents_open_within_amount", sql`${t.openAmount} >= 0 and ${t.openAmount} <= ${t.amount}`),
    check("documents_due_after_issue", sql`${t.dueDate} >= ${t.issueDate}`),
    check(
      "documents_kind_effect",
      sql`(${t.kind} in ('invoice','debit_note') and ${t.effect} = 'charge') or (${t.kind} in ('credit_note','payment') and ${t.effect} = 'credit') or ${t.kind} = 'adjustment'`,
    ),
  ],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: id(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    lineNo: integer("line_no").notNull(),
    sku: text("sku").notNull(),
    description: text("description").notNull(),
    unit: text("unit").notNull(),
    /** SAT ClaveProdServ / ClaveUnidad for CFDI. */
    productCode: text("product_code").notNull(),
    unitCode: text("unit_code").notNull(),
    quantity: numeric("quantity", { precision: 18, scale: 4 }).notNull(),
    unitPrice: numeric("unit_price", { precision: 18, scale: 4 }).notNull(),
    taxRate: numeric("tax_rate", { precision: 6, scale: 4 }).notNull(),
    subtotal: money("subtotal").notNull(),
    tax: money("tax").notNull(),
    total: money("total").notNull(),
  },
  (t) => [uniqueIndex("invoice_lines_document_line_uq").on(t.documentId, t.lineNo)],
);

export const remissions = pgTable(
  "remissions",
  {
    id: id(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => documents.id),
    number: text("number").notNull(),
    deliveryDate: date("delivery_date", { mode: "string" }).notNull(),
    receivedBy: text("received_by"),
  },
  (t) => [index("remissions_invoice_idx").on(t.invoiceId), index("remissions_number_idx").on(t.number)],
);

/**
 * A credit (payment, credit note, credit adjustment) applied to a charge. A reversal is a new row with the
 * negated amount pointing at the row it reverses; rows are never updated or deleted.
 */
export const applications = pgTable(
  "applications",
  {
    id: id(),
    sourceId: text("source_id")
      .notNull()
      .references(() => documents.id),
    targetId: text("target_id")
      .notNull()
      .references(() => documents.id),
    amount: money("amount").notNull(),
    currency: currencyEnum("currency").notNull(),
    appliedOn: date("applied_on", { mode: "string" }).notNull(),
    reversesId: text("reverses_id"),
    reason: text("reason"),
    createdById: text("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("applications_target_idx").on(t.targetId, t.appliedOn),
    index("applications_source_idx").on(t.sourceId, t.appliedOn),
    uniqueIndex("applications_reverses_uq").on(t.reversesId),
    check("applications_amount_nonzero", sql`${t.amount} <> 0`),
    check(
      "applications_reversal_sign",
      sql`(${t.reversesId} is null and ${t.amount} > 0) or (${t.reversesId} is not null and ${t.amount} < 0)`,
    ),
  ],
);

export const storedFiles = pgTable("stored_files", {
  id: id(),
  sha256: text("sha256").notNull().unique(),
  mediaType: text("media_type").notNull(),
  size: bigint("size", { mode: "number" }).notNull(),
  content: bytea("content").notNull(),
  createdAt: createdAt(),
});

export const documentFiles = pgTable(
  "document_files",
  {
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    fileId: text("file_id")
      .notNull()
      .references(() => storedFiles.id),
    role: fileRoleEnum("role").notNull(),
    fileName: text("file_name").notNull(),
    attachedAt: timestamp("attached_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.fileId] }),
    index("document_files_document_role_idx").on(t.documentId, t.role),
  ],
);
