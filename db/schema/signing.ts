// Signing (issue 13): envelopes (a balance reconciliation, later a minute) with their content frozen
// when prepared, the customer users asked to sign, what each signature recorded, the differences a
// customer stated, and the original and sealed PDF. Rules live in app/domain/signing. Once sealed, a
// trigger (migration "signing", hand SQL at its end) refuses any change to the envelope, its signers
// and its differences.
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
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  CORRECTION_RESPONSES,
  DIFFERENCE_KINDS,
  ENVELOPE_KINDS,
  ENVELOPE_STATUSES,
  SIGNATURE_METHODS,
  SIGNER_STATUSES,
} from "~/domain/vocabulary";
import { createdAt, id, money } from "./_columns";
import { claims } from "./claims";
import { currencyEnum } from "./enums";
import { grantRoleEnum, users } from "./identity";
import { documents } from "./ledger";
import { customerAccounts, sellers } from "./organization";
import { paymentPromises } from "./promises";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const envelopeKindEnum = pgEnum("envelope_kind", ENVELOPE_KINDS);
export const envelopeStatusEnum = pgEnum("envelope_status", ENVELOPE_STATUSES);
export const signerStatusEnum = pgEnum("signer_status", SIGNER_STATUSES);
export const differenceKindEnum = pgEnum("difference_kind", DIFFERENCE_KINDS);
export const signatureMethodEnum = pgEnum("signature_method", SIGNATURE_METHODS);
export const correctionResponseEnum = pgEnum("correction_response", CORRECTION_RESPONSES);

export const envelopes = pgTable(
  "envelopes",
  {
    id: id(),
    /** Shown to people ("Conciliación 1001"); URLs use the random id. */
    number: bigint("number", { mode: "number" }).notNull().generatedAlwaysAsIdentity({ startWith: 1001 }),
    kind: envelopeKindEnum("kind").notNull(),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    status: envelopeStatusEnum("status").notNull().default("draft"),
    /** Reconciliation: the cut-off date (seller's calendar) the balance is stated at. */
    cutoffDate: date("cutoff_date", { mode: "string" }),
    message: text("message").notNull().default(""),
    /** The content as signed (see canonical-content.ts): frozen when prepared, never recomputed. */
    content: jsonb("content").notNull(),
    /** SHA-256 (hex) of the canonical JSON of `content`: what each signer confirms it saw. */
    contentSha256: text("content_sha256").notNull(),
    /** Printed on the certificate page (with a QR code to /verify); unique, not guessable. */
    verificationCode: text("verification_code").notNull(),
    preparedById: text("prepared_by_id")
      .notNull()
      .references(() => users.id),
    sentAt: instant("sent_at"),
    expiresAt: instant("expires_at"),
    completedAt: instant("completed_at"),
    /** When the customer disagreed: the balance it states, in the account's currency. */
    customerBalance: money("customer_balance"),
    customerBalanceCurrency: currencyEnum("customer_balance_currency"),
    originalPdf: bytea("original_pdf"),
    originalSha256: text("original_sha256"),
    sealedPdf: bytea("sealed_pdf"),
    sealedSha256: text("sealed_sha256"),
    sealedAt: instant("sealed_at"),
    /** Minutes: 1 for the first version; a correction accepted makes the next one. */
    version: integer("version").notNull().default(1),
    /** Minutes: the version this one replaced (that one's status is then superseded). */
    supersedesId: text("supersedes_id").references((): AnyPgColumn => envelopes.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("envelopes_number_uq").on(t.number),
    uniqueIndex("envelopes_supersedes_uq").on(t.supersedesId),
    uniqueIndex("envelopes_verification_code_uq").on(t.verificationCode),
    uniqueIndex("envelopes_sealed_sha256_uq").on(t.sealedSha256),
    index("envelopes_account_created_idx").on(t.accountId, t.createdAt, t.id),
    index("envelopes_seller_status_idx").on(t.sellerId, t.status, t.createdAt, t.id),
    // The portfolio's latest reconciliation per account (a lateral read of one row per account).
    index("envelopes_account_kind_created_idx").on(t.accountId, t.kind, t.createdAt.desc(), t.id.desc()),
    check("envelopes_reconciliation_has_cutoff", sql`${t.kind} <> 'reconciliation' or ${t.cutoffDate} is not null`),
    check(
      "envelopes_sealed_complete",
      sql`${t.sealedAt} is null or (${t.sealedPdf} is not null and ${t.sealedSha256} is not null and ${t.originalPdf} is not null and ${t.completedAt} is not null)`,
    ),
  ],
);

/** A customer user asked to sign (the account's payers and administrators when sent), and what its signature recorded. */
export const envelopeSigners = pgTable(
  "envelope_signers",
  {
    id: id(),
    envelopeId: text("envelope_id")
      .notNull()
      .references(() => envelopes.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** The grant role it signs in (payer, account_admin), as it was when sent. */
    role: grantRoleEnum("role").notNull(),
    status: signerStatusEnum("status").notNull().default("pending"),
    emailedAt: instant("emailed_at"),
    viewedAt: instant("viewed_at"),
    signedAt: instant("signed_at"),
    /** The IANA zone the signing time is stated in (the seller's). */
    signedTimeZone: text("signed_time_zone"),
    typedName: text("typed_name"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    consentText: text("consent_text"),
    /** The SHA-256 of the canonical content the signer was shown (equal to the envelope's). */
    contentSha256: text("content_sha256"),
    /** How the signer re-authenticated: its password, or a one-time code sent to its email. */
    method: signatureMethodEnum("method"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("envelope_signers_envelope_user_uq").on(t.envelopeId, t.userId),
    index("envelope_signers_user_idx").on(t.userId),
    check(
      "envelope_signers_signed_complete",
      sql`${t.status} <> 'signed' or (${t.signedAt} is not null and ${t.typedName} is not null and ${t.consentText} is not null and ${t.contentSha256} is not null)`,
    ),
  ],
);

/** A difference the customer stated when signing with differences; each one raised a claim. */
export const reconciliationDifferences = pgTable(
  "reconciliation_differences",
  {
    id: id(),
    envelopeId: text("envelope_id")
      .notNull()
      .references(() => envelopes.id),
    signerId: text("signer_id")
      .notNull()
      .references(() => envelopeSigners.id),
    kind: differenceKindEnum("kind").notNull(),
    /** The open item of the snapshot it is about (unknown invoice, amount differs), if any. */
    documentId: text("document_id").references(() => documents.id),
    /** The customer's own reference (its payment's bank reference, the credit note it expects…). */
    reference: text("reference"),
    amount: money("amount").notNull(),
    currency: currencyEnum("currency").notNull(),
    description: text("description").notNull(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("reconciliation_differences_envelope_idx").on(t.envelopeId),
    check("reconciliation_differences_amount_positive", sql`${t.amount} > 0`),
  ],
);

/**
 * Corrections a customer attendee proposed to minutes instead of signing them: text per topic,
 * agreement, or about the whole (items: [{ target, targetId, text }]). Append-only.
 */
export const minuteCorrections = pgTable(
  "minute_corrections",
  {
    id: id(),
    envelopeId: text("envelope_id")
      .notNull()
      .references(() => envelopes.id),
    signerId: text("signer_id")
      .notNull()
      .references(() => envelopeSigners.id),
    items: jsonb("items").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("minute_corrections_envelope_idx").on(t.envelopeId, t.createdAt)],
);

/**
 * The collector's response to proposed corrections, once per correction: answered (a message back,
 * the minutes stay as they are) or accepted (the next version, `newEnvelopeId`). Append-only.
 */
export const minuteCorrectionResponses = pgTable(
  "minute_correction_responses",
  {
    id: id(),
    correctionId: text("correction_id")
      .notNull()
      .references(() => minuteCorrections.id),
    response: correctionResponseEnum("response").notNull(),
    message: text("message").notNull().default(""),
    newEnvelopeId: text("new_envelope_id").references(() => envelopes.id),
    respondedById: text("responded_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("minute_correction_responses_correction_uq").on(t.correctionId),
    check(
      "minute_correction_responses_accepted_has_version",
      sql`${t.response} <> 'accepted' or ${t.newEnvelopeId} is not null`,
    ),
  ],
);

/**
 * What each payment-promise agreement of signed minutes became at the last signature: the promise
 * (app/domain/payments) or, when the promise rules refused it by then, the reason. Once per agreement.
 */
export const minutePromises = pgTable(
  "minute_promises",
  {
    envelopeId: text("envelope_id")
      .notNull()
      .references(() => envelopes.id),
    agreementId: text("agreement_id").notNull(),
    promiseId: text("promise_id").references(() => paymentPromises.id),
    refusedCode: text("refused_code"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("minute_promises_envelope_agreement_uq").on(t.envelopeId, t.agreementId),
    uniqueIndex("minute_promises_promise_uq").on(t.promiseId),
    check("minute_promises_outcome", sql`(${t.promiseId} is null) <> (${t.refusedCode} is null)`),
  ],
);

/**
 * Per seller: how often an unanswered reconciliation is reminded and when it expires (days after it
 * was sent). A seller without a row uses the defaults in app/domain/signing/signing-settings.server.ts.
 */
export const signingSettings = pgTable(
  "signing_settings",
  {
    sellerId: text("seller_id")
      .primaryKey()
      .references(() => sellers.id),
    reminderEveryDays: integer("reminder_every_days").notNull(),
    expireAfterDays: integer("expire_after_days").notNull(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("signing_settings_reminder_positive", sql`${t.reminderEveryDays} between 1 and 90`),
    check("signing_settings_expiry_range", sql`${t.expireAfterDays} between 1 and 180`),
  ],
);

/**
 * One-time codes emailed to a signer as an alternative to its password: only an HMAC of the code is
 * kept; a code expires, allows a few attempts, and is consumed by the signature it authorised.
 */
export const signingCodes = pgTable(
  "signing_codes",
  {
    id: id(),
    envelopeId: text("envelope_id")
      .notNull()
      .references(() => envelopes.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    expiresAt: instant("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    consumedAt: instant("consumed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("signing_codes_user_envelope_idx").on(t.userId, t.envelopeId, t.createdAt.desc()),
    check("signing_codes_attempts_nonnegative", sql`${t.attempts} >= 0`),
  ],
);
