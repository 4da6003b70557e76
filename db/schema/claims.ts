// Claims (disputes) and what their SLAs run on: working calendars with public holidays, SLA policies
// per level × claim type × segment, and the scheduled tasks that escalate a claim when its deadline
// passes. Rules live in app/domain/claims; the timers' sweeper in app/jobs.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  CLAIM_LEVELS,
  CLAIM_MESSAGE_KINDS,
  CLAIM_ORIGINS,
  CLAIM_RESOLUTIONS,
  CLAIM_SETTLEMENT_KINDS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  SCHEDULED_TASK_STATUSES,
} from "~/domain/vocabulary";
import { createdAt, id, money } from "./_columns";
import { countryEnum, currencyEnum, segmentEnum } from "./enums";
import { staffAreaEnum, users } from "./identity";
import { invoiceLines, documents } from "./ledger";
import { customerAccounts, sellers } from "./organization";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const claimTypeEnum = pgEnum("claim_type", CLAIM_TYPES);
export const claimOriginEnum = pgEnum("claim_origin", CLAIM_ORIGINS);
export const claimStatusEnum = pgEnum("claim_status", CLAIM_STATUSES);
export const claimLevelEnum = pgEnum("claim_level", CLAIM_LEVELS);
export const claimResolutionEnum = pgEnum("claim_resolution", CLAIM_RESOLUTIONS);
export const claimMessageKindEnum = pgEnum("claim_message_kind", CLAIM_MESSAGE_KINDS);
export const claimSettlementKindEnum = pgEnum("claim_settlement_kind", CLAIM_SETTLEMENT_KINDS);
export const scheduledTaskStatusEnum = pgEnum("scheduled_task_status", SCHEDULED_TASK_STATUSES);

export const claims = pgTable(
  "claims",
  {
    id: id(),
    /** Shown to people ("Aclaración 1042"); URLs use the random id. */
    number: bigint("number", { mode: "number" }).notNull().generatedAlwaysAsIdentity({ startWith: 1001 }),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    type: claimTypeEnum("type").notNull(),
    origin: claimOriginEnum("origin").notNull(),
    status: claimStatusEnum("status").notNull().default("open"),
    level: claimLevelEnum("level").notNull().default("L1"),
    /** The L3 area, fixed by the type when raised (CLAIM_AREA_OF_TYPE). */
    owningArea: staffAreaEnum("owning_area").notNull(),
    description: text("description").notNull(),
    raisedById: text("raised_by_id")
      .notNull()
      .references(() => users.id),
    assigneeId: text("assignee_id").references(() => users.id),
    /** When the current level's deadline passes (business hours); null while paused or closed. */
    dueAt: instant("due_at"),
    /** When less than a quarter of the level's business time is left ("at risk" in the queue); null with due_at. */
    slaAtRiskAt: instant("sla_at_risk_at"),
    /** The queue's sort key: the deadline, paused and closed claims last (keyset pages, ADR 011). */
    queueKey: timestamp("queue_key", { withTimezone: true, mode: "date" })
      .notNull()
      .generatedAlwaysAs(sql`coalesce(due_at, 'infinity'::timestamptz)`),
    /** While paused (waiting on the customer): business minutes left at the current level. */
    slaRemainingMinutes: integer("sla_remaining_minutes"),
    levelStartedAt: instant("level_started_at").notNull(),
    firstResponseAt: instant("first_response_at"),
    resolution: claimResolutionEnum("resolution"),
    /** The reason the customer sees (rejected, partly accepted, reopened, withdrawn). */
    resolutionReason: text("resolution_reason"),
    acceptedAmount: money("accepted_amount"),
    /** Σ of the claim's disputed amounts (its documents are of its account, one currency); null for a general claim. */
    disputedAmount: money("disputed_amount"),
    disputedCurrency: currencyEnum("disputed_currency"),
    resolvedAt: instant("resolved_at"),
    closedAt: instant("closed_at"),
    reopenCount: integer("reopen_count").notNull().default(0),
    /** Bumped by every transition: conditional updates compare it, so a stale form changes nothing. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("claims_number_uq").on(t.number),
    index("claims_account_created_idx").on(t.accountId, t.createdAt, t.id),
    // The staff queue (read-staff-queue.server.ts): each view is one or more index ranges read in
    // (queue_key, id) order; the partial ones hold the active claims (open or waiting on the customer).
    index("claims_queue_active_idx")
      .on(t.queueKey, t.id)
      .where(sql`${t.status} in ('open', 'waiting_on_customer')`),
    index("claims_queue_assignee_active_idx")
      .on(t.assigneeId, t.queueKey, t.id)
      .where(sql`${t.status} in ('open', 'waiting_on_customer')`),
    index("claims_queue_account_active_idx")
      .on(t.accountId, t.queueKey, t.id)
      .where(sql`${t.status} in ('open', 'waiting_on_customer')`),
    index("claims_queue_area_active_idx")
      .on(t.owningArea, t.level, t.queueKey, t.id)
      .where(sql`${t.status} in ('open', 'waiting_on_customer')`),
    index("claims_queue_status_idx").on(t.status, t.queueKey, t.id),
    index("claims_queue_assignee_status_idx").on(t.assigneeId, t.status, t.queueKey, t.id),
    index("claims_queue_account_status_idx").on(t.accountId, t.status, t.queueKey, t.id),
    check("claims_resolution_when_resolved", sql`(${t.status} = 'resolved') = (${t.resolution} is not null)`),
    check(
      "claims_paused_has_remaining",
      sql`${t.status} <> 'waiting_on_customer' or ${t.slaRemainingMinutes} is not null`,
    ),
    check("claims_open_has_due", sql`${t.status} <> 'open' or ${t.dueAt} is not null`),
    check("claims_accepted_amount_nonneg", sql`${t.acceptedAmount} is null or ${t.acceptedAmount} >= 0`),
  ],
);

/** A document (or one of its lines) a claim disputes, with the amount disputed in the document's currency. */
export const claimDocuments = pgTable(
  "claim_documents",
  {
    id: id(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    lineId: text("line_id").references(() => invoiceLines.id),
    /** Never above the document's open amount when raised (nor the line's total): checked under the document's lock. */
    disputedAmount: money("disputed_amount").notNull(),
    currency: currencyEnum("currency").notNull(),
  },
  (t) => [
    unique("claim_documents_claim_document_line_uq").on(t.claimId, t.documentId, t.lineId).nullsNotDistinct(),
    index("claim_documents_document_idx").on(t.documentId),
    check("claim_documents_amount_positive", sql`${t.disputedAmount} > 0`),
  ],
);

export const claimMessages = pgTable(
  "claim_messages",
  {
    id: id(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id),
    authorId: text("author_id").references(() => users.id),
    kind: claimMessageKindEnum("kind").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("claim_messages_claim_idx").on(t.claimId, t.createdAt, t.id)],
);

/** Evidence: type sniffed from the bytes, SHA-256 and size; bytes here or, later, a storage key. */
export const claimAttachments = pgTable(
  "claim_attachments",
  {
    id: id(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id),
    messageId: text("message_id").references((): AnyPgColumn => claimMessages.id),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    content: bytea("content"),
    storageKey: text("storage_key"),
    uploadedById: text("uploaded_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("claim_attachments_claim_idx").on(t.claimId),
    check("claim_attachments_stored", sql`${t.content} is not null or ${t.storageKey} is not null`),
    check("claim_attachments_size_nonneg", sql`${t.size} >= 0`),
  ],
);

/**
 * What settled an accepted claim (app/domain/claims/settle-claim.server.ts): the document issued for it
 * (the credit note, or the corrected invoice of a re-invoice) and, for a re-invoice, the invoice it
 * cancelled. One per resolution that settled something (a reopened claim may be settled again; the
 * resolving conditional update is what makes a double submit settle once).
 */
export const claimSettlements = pgTable(
  "claim_settlements",
  {
    id: id(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id),
    kind: claimSettlementKindEnum("kind").notNull(),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id),
    cancelledDocumentId: text("cancelled_document_id").references(() => documents.id),
    amount: money("amount").notNull(),
    currency: currencyEnum("currency").notNull(),
    createdById: text("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("claim_settlements_claim_idx").on(t.claimId, t.createdAt),
    index("claim_settlements_document_idx").on(t.documentId),
    check("claim_settlements_amount_positive", sql`${t.amount} > 0`),
    check(
      "claim_settlements_cancelled_when_reinvoice",
      sql`(${t.kind} = 'reinvoice') = (${t.cancelledDocumentId} is not null)`,
    ),
  ],
);

/** One per country: the seller's time zone and, in the rows below, its opening hours and holidays. */
export const workingCalendars = pgTable("working_calendars", {
  id: id(),
  country: countryEnum("country").notNull().unique(),
  timeZone: text("time_zone").notNull(),
  name: text("name").notNull(),
});

/** Opening hours: ISO weekday (1 Monday … 7 Sunday), minutes from midnight, local time. Several rows a day allowed. */
export const workingHours = pgTable(
  "working_hours",
  {
    calendarId: text("calendar_id")
      .notNull()
      .references(() => workingCalendars.id),
    weekday: integer("weekday").notNull(),
    opensMinute: integer("opens_minute").notNull(),
    closesMinute: integer("closes_minute").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.calendarId, t.weekday, t.opensMinute] }),
    check("working_hours_weekday", sql`${t.weekday} between 1 and 7`),
    check(
      "working_hours_interval",
      sql`${t.opensMinute} >= 0 and ${t.closesMinute} <= 1440 and ${t.opensMinute} < ${t.closesMinute}`,
    ),
  ],
);

/** Public holidays as data (seeded from date-holidays in the migration, editable by an admin). */
export const publicHolidays = pgTable(
  "public_holidays",
  {
    calendarId: text("calendar_id")
      .notNull()
      .references(() => workingCalendars.id),
    date: date("date", { mode: "string" }).notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.date] })],
);

/** Business hours allowed at a level, per claim type and segment (null: any). The most specific row wins. */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: id(),
    level: claimLevelEnum("level").notNull(),
    claimType: claimTypeEnum("claim_type"),
    segment: segmentEnum("segment"),
    businessMinutes: integer("business_minutes").notNull(),
  },
  (t) => [
    unique("sla_policies_level_type_segment_uq").on(t.level, t.claimType, t.segment).nullsNotDistinct(),
    check("sla_policies_minutes_positive", sql`${t.businessMinutes} > 0`),
  ],
);

/**
 * Durable timers: written in the transaction of the change that sets them, claimed by a sweeper in
 * any app instance (FOR UPDATE SKIP LOCKED, with a lease), retried with backoff, dead after
 * max_attempts (ADR 010). `subject_id` names what the task is about (a claim) so it can be cancelled.
 */
export const scheduledTasks = pgTable(
  "scheduled_tasks",
  {
    id: id(),
    kind: text("kind").notNull(),
    subjectId: text("subject_id"),
    payload: jsonb("payload").notNull(),
    dueAt: instant("due_at").notNull(),
    status: scheduledTaskStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    leaseUntil: instant("lease_until"),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    finishedAt: instant("finished_at"),
  },
  (t) => [
    // The sweeper's two reads: due pending tasks, and running tasks whose lease ran out.
    index("scheduled_tasks_pending_due_idx")
      .on(t.dueAt)
      .where(sql`${t.status} = 'pending'`),
    index("scheduled_tasks_running_lease_idx")
      .on(t.leaseUntil)
      .where(sql`${t.status} = 'running'`),
    index("scheduled_tasks_subject_idx").on(t.subjectId, t.kind),
    // The administrators' list of dead tasks, newest first.
    index("scheduled_tasks_dead_idx")
      .on(t.finishedAt, t.id)
      .where(sql`${t.status} = 'dead'`),
    check("scheduled_tasks_attempts", sql`${t.attempts} >= 0 and ${t.maxAttempts} > 0`),
  ],
);
