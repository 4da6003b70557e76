// The audit trail's vocabulary: every action the portal records, the entity it is about, whether it
// concerns a customer account, and the shape of what it stores before and after the change (for an
// event that changes no state, such as a refused sign-in, `after` holds its data). One zod schema per
// action in one discriminated union, after Documenso's typed audit log
// (packages/lib/types/document-audit-logs.ts): recordAuditEvent only accepts these events (checked by
// the compiler, and again at runtime before anything is written), and parseAuditEvent types a stored row.
//
// Adding an action (claims, payments, signing…): write its schema below and add it to
// AUDIT_EVENT_SCHEMAS; its labels go in app/i18n (a test fails until they exist). Rows already stored
// are parsed with these schemas too: never remove a field or narrow a type an older row may hold, add
// optional fields instead.
//
// Pure (zod and the vocabulary lists only): the trail page and its exports import it as well as the server.
import { z } from "zod";
import {
  CLAIM_LEVELS,
  CLAIM_ORIGINS,
  CLAIM_RESOLUTIONS,
  CLAIM_SETTLEMENT_KINDS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  CARD_PAYMENT_STATUSES,
  CHEQUE_RETURN_REASONS,
  CHEQUE_STATUSES,
  COUNTRIES,
  PROMISE_STATUSES,
  PLAN_STATUSES,
  CURRENCIES,
  DIFFERENCE_KINDS,
  DOCUMENT_KINDS,
  CORRECTION_TARGETS,
  ENVELOPE_KINDS,
  ENVELOPE_STATUSES,
  DUPLICATE_DECISIONS,
  GRANT_ROLES,
  PAYMENT_REGISTRATION_METHODS,
  PAYMENT_REGISTRATION_STATUSES,
  SEGMENTS,
  SIGNATURE_METHODS,
  STAFF_AREAS,
  STAFF_ROLES,
  USER_KINDS,
} from "~/domain/vocabulary";

export const AUDIT_ENTITY_TYPES = [
  "user",
  "account_grant",
  "seller",
  "zone",
  "customer_group",
  "customer_account",
  "document",
  "application",
  "claim",
  "envelope",
  "payment_registration",
  "scheduled_task",
  "payment_attempt",
  "payment_promise",
  "payment_plan",
  "cheque",
  "cheque_pickup",
] as const;
export const AuditEntityTypeSchema = z.enum(AUDIT_ENTITY_TYPES);
export type AuditEntityType = z.infer<typeof AuditEntityTypeSchema>;

/** A slot the action leaves empty: null in the row, left out when recording. */
const Nothing = z.null().default(null);
const Id = z.string().min(1).max(200);
/** The entity of sign-in and reset events is the user, unknown when the email matches nobody. */
const IdIfKnown = Id.nullable().default(null);
const Count = z.number().int().nonnegative();
const Money = z.string().regex(/^-?\d{1,16}(\.\d{1,2})?$/);
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A Date when recorded, its ISO string once stored (JSON has no dates). */
const Instant = z.union([z.date().transform((d) => d.toISOString()), z.iso.datetime({ offset: true })]);
const Currency = z.enum(CURRENCIES);
const GrantRole = z.enum(GRANT_ROLES);
const StaffRole = z.enum(STAFF_ROLES);
const StaffArea = z.enum(STAFF_AREAS);
const DocumentKind = z.enum(DOCUMENT_KINDS);
const FailureCounts = z.strictObject({ source: Count, user: Count, userSource: Count });

/**
 * The common frame: the action, its entity type and ID, and empty account/before/after slots that an
 * action's schema fills in with `.extend`. Before/after objects are strict: a key the schema does not
 * name is refused when recording, so the schema is always the whole of what is stored.
 */
function auditEvent<const A extends string, const E extends AuditEntityType>(action: A, entityType: E) {
  return z.object({
    action: z.literal(action),
    entityType: z.literal(entityType),
    entityId: Id,
    /** The customer account the event concerns, so the trail can be filtered by account. */
    accountId: Nothing,
    before: Nothing,
    after: Nothing,
  });
}

// Sign-in, sign-out and password reset (app/domain/identity, app/routes/logout.tsx).
export const SignedInEventSchema = auditEvent("auth.signed_in", "user");
export const SignInRateLimitedEventSchema = auditEvent("auth.sign_in_rate_limited", "user").extend({
  entityId: IdIfKnown,
  after: z.strictObject({ failuresFromSource: Count }),
});
export const SignInBlockedEventSchema = auditEvent("auth.sign_in_blocked", "user").extend({
  entityId: IdIfKnown,
  after: z.strictObject({ failures: FailureCounts }),
});
export const UserLockedEventSchema = auditEvent("auth.user_locked", "user").extend({
  entityId: IdIfKnown,
  after: z.strictObject({ reason: z.enum(["wrong_password", "unknown_user"]), failures: FailureCounts }),
});
export const SignInFailedEventSchema = auditEvent("auth.sign_in_failed", "user").extend({
  entityId: IdIfKnown,
  after: z.strictObject({
    reason: z.enum(["wrong_password", "unknown_user", "disabled"]),
    failures: FailureCounts.optional(),
  }),
});
export const SignedOutEventSchema = auditEvent("auth.signed_out", "user").extend({
  after: z.strictObject({ sessionsEnded: Count }),
});
export const SignedOutEverywhereEventSchema = auditEvent("auth.signed_out_everywhere", "user").extend({
  after: z.strictObject({ sessionsEnded: Count }),
});
export const PasswordResetRequestedUnknownEventSchema = auditEvent(
  "auth.password_reset_requested_unknown",
  "user",
).extend({
  entityId: IdIfKnown,
  after: z.strictObject({ email: z.string() }),
});
export const PasswordResetRequestedEventSchema = auditEvent("auth.password_reset_requested", "user").extend({
  after: z.strictObject({ expiresAt: Instant }),
});
export const PasswordResetEventSchema = auditEvent("auth.password_reset", "user").extend({
  after: z.strictObject({ sessionsEnded: Count, resetLinksRevoked: Count }),
});

// Users, invitations and grants on accounts (app/domain/identity).
export const UserCreatedEventSchema = auditEvent("user.created", "user").extend({
  after: z.strictObject({
    email: z.string(),
    kind: z.enum(USER_KINDS),
    staffRole: StaffRole.optional(),
    staffArea: StaffArea.nullish(),
  }),
});
/** Entity ID of a grant: "<accountId>:<userId>". */
export const InvitationCreatedEventSchema = auditEvent("invitation.created", "account_grant").extend({
  accountId: Id,
  after: z.strictObject({
    accountId: Id,
    userId: Id,
    email: z.string(),
    role: GrantRole,
    needsActivation: z.boolean(),
  }),
});
/** Nothing sent nor granted (a staff address, or a customer who has every account already). */
export const InvitationSuppressedEventSchema = auditEvent("invitation.suppressed", "account_grant").extend({
  accountId: Id,
  after: z.strictObject({
    accountId: Id,
    userId: Id,
    email: z.string(),
    role: GrantRole,
    reason: z.enum(["staff_email", "already_member"]),
  }),
});
/** One event per account invited to (the grants follow as grant.created). */
export const InvitationAcceptedEventSchema = auditEvent("invitation.accepted", "user").extend({
  accountId: Id,
  after: z.strictObject({ accountIds: z.array(Id), role: GrantRole, inert: z.boolean().optional() }),
});
/** Made directly (administration, demo data) or on accepting an invitation (`via`). */
export const GrantCreatedEventSchema = auditEvent("grant.created", "account_grant").extend({
  accountId: Id,
  after: z.strictObject({
    accountId: Id,
    userId: Id.optional(),
    role: GrantRole,
    via: z.enum(["invitation"]).optional(),
  }),
});
export const GrantRoleChangedEventSchema = auditEvent("grant.role_changed", "account_grant").extend({
  accountId: Id,
  before: z.strictObject({ role: GrantRole }),
  after: z.strictObject({ role: GrantRole }),
});
export const GrantRevokedEventSchema = auditEvent("grant.revoked", "account_grant").extend({
  accountId: Id,
  before: z.strictObject({ role: GrantRole }),
});

// Organization (app/domain/accounts).
export const SellerCreatedEventSchema = auditEvent("seller.created", "seller").extend({
  after: z.strictObject({
    code: z.string(),
    legalName: z.string(),
    country: z.enum(COUNTRIES),
    taxId: z.string(),
    taxRegime: z.string(),
    postalCode: z.string(),
    currency: Currency,
    timeZone: z.string(),
  }),
});
/** An administrator changes how often a seller's signers are reminded and when its envelopes expire. */
const SigningSettingsValues = z.strictObject({ reminderEveryDays: Count, expireAfterDays: Count });
export const SellerSigningSettingsUpdatedEventSchema = auditEvent("seller.signing_settings_updated", "seller").extend({
  before: SigningSettingsValues,
  after: SigningSettingsValues,
});
export const ZoneCreatedEventSchema = auditEvent("zone.created", "zone").extend({
  after: z.strictObject({ sellerId: Id, code: z.string(), name: z.string() }),
});
export const CustomerGroupCreatedEventSchema = auditEvent("customer_group.created", "customer_group").extend({
  after: z.strictObject({ name: z.string() }),
});
export const CustomerAccountCreatedEventSchema = auditEvent("customer_account.created", "customer_account").extend({
  accountId: Id,
  after: z.strictObject({
    sellerId: Id,
    zoneId: Id,
    groupId: Id.nullish(),
    number: z.string(),
    legalName: z.string(),
    taxId: z.string(),
    taxRegime: z.string(),
    postalCode: z.string(),
    segment: z.enum(SEGMENTS),
    currency: Currency,
    creditLimit: Money,
    paymentTermDays: Count,
    collectorId: Id.nullish(),
  }),
});
export const CollectorAssignedEventSchema = auditEvent(
  "customer_account.collector_assigned",
  "customer_account",
).extend({
  accountId: Id,
  before: z.strictObject({ collectorId: Id.nullable() }),
  after: z.strictObject({ collectorId: Id.nullable() }),
});

// Ledger (app/domain/ledger).
export const DocumentIssuedEventSchema = auditEvent("document.issued", "document").extend({
  accountId: Id,
  after: z.strictObject({
    kind: DocumentKind,
    series: z.string(),
    folio: z.string(),
    amount: Money,
    currency: Currency,
    accountId: Id,
  }),
});
export const ApplicationCreatedEventSchema = auditEvent("application.created", "application").extend({
  accountId: Id,
  after: z.strictObject({ sourceId: Id, targetId: Id, amount: Money, currency: Currency, appliedOn: CalendarDate }),
});
/** Entity: the application reversed (the original); the reversal's own ID is in `after`. */
export const ApplicationReversedEventSchema = auditEvent("application.reversed", "application").extend({
  accountId: Id,
  before: z.strictObject({ amount: Money, appliedOn: CalendarDate }),
  after: z.strictObject({ reversalId: Id, reversedOn: CalendarDate, reason: z.string() }),
});

/** A charge cancelled (app/domain/ledger/cancel-invoice.server.ts): its standing applications reversed first. */
export const DocumentCancelledEventSchema = auditEvent("document.cancelled", "document").extend({
  accountId: Id,
  before: z.strictObject({ status: z.literal("issued"), openAmount: Money }),
  after: z.strictObject({
    status: z.literal("cancelled"),
    cancelledOn: CalendarDate,
    reason: z.string(),
    reversedApplications: z.array(Id),
  }),
});

// Statements (app/pages/statement.server.ts).
export const StatementEmailedEventSchema = auditEvent("statement.emailed", "customer_account").extend({
  accountId: Id,
  after: z.strictObject({ to: z.string(), period: z.strictObject({ from: CalendarDate, to: CalendarDate }) }),
});

// Claims (app/domain/claims). Entity: the claim; every event is filed under the claim's account.
const ClaimStatus = z.enum(CLAIM_STATUSES);
const ClaimLevel = z.enum(CLAIM_LEVELS);
const Minutes = Count;
export const ClaimRaisedEventSchema = auditEvent("claim.raised", "claim").extend({
  accountId: Id,
  after: z.strictObject({
    number: Count,
    type: z.enum(CLAIM_TYPES),
    origin: z.enum(CLAIM_ORIGINS),
    level: ClaimLevel,
    assigneeId: Id.nullable(),
    dueAt: Instant,
    documents: z.array(
      z.strictObject({ documentId: Id, lineId: Id.nullable(), disputedAmount: Money, currency: Currency }),
    ),
  }),
});
export const ClaimAssignedEventSchema = auditEvent("claim.assigned", "claim").extend({
  accountId: Id,
  before: z.strictObject({ assigneeId: Id.nullable() }),
  after: z.strictObject({ assigneeId: Id.nullable(), via: z.enum(["take", "reassign"]) }),
});
export const ClaimRepliedEventSchema = auditEvent("claim.replied", "claim").extend({
  accountId: Id,
  after: z.strictObject({ messageId: Id, firstResponse: z.boolean() }),
});
/** Internal note: the customer never sees it, nor this event in its version of the history. */
export const ClaimNoteAddedEventSchema = auditEvent("claim.note_added", "claim").extend({
  accountId: Id,
  after: z.strictObject({ messageId: Id }),
});
export const ClaimInfoRequestedEventSchema = auditEvent("claim.info_requested", "claim").extend({
  accountId: Id,
  before: z.strictObject({ status: ClaimStatus, dueAt: Instant }),
  after: z.strictObject({ status: ClaimStatus, remainingMinutes: Minutes, messageId: Id }),
});
export const ClaimCustomerAnsweredEventSchema = auditEvent("claim.customer_answered", "claim").extend({
  accountId: Id,
  before: z.strictObject({ status: ClaimStatus, remainingMinutes: Minutes }),
  after: z.strictObject({ status: ClaimStatus, dueAt: Instant, messageId: Id }),
});
export const ClaimEscalatedEventSchema = auditEvent("claim.escalated", "claim").extend({
  accountId: Id,
  before: z.strictObject({ level: ClaimLevel, assigneeId: Id.nullable(), dueAt: Instant }),
  after: z.strictObject({
    level: ClaimLevel,
    assigneeId: Id.nullable(),
    dueAt: Instant,
    automatic: z.boolean(),
    reason: z.string().nullable(),
  }),
});
/** The last level's deadline passed: nothing left to escalate to. */
export const ClaimSlaBreachedEventSchema = auditEvent("claim.sla_breached", "claim").extend({
  accountId: Id,
  after: z.strictObject({ level: ClaimLevel, dueAt: Instant }),
});
export const ClaimResolvedEventSchema = auditEvent("claim.resolved", "claim").extend({
  accountId: Id,
  before: z.strictObject({ status: ClaimStatus }),
  after: z.strictObject({
    status: ClaimStatus,
    resolution: z.enum(CLAIM_RESOLUTIONS),
    reason: z.string().nullable(),
    acceptedAmount: Money.nullable(),
  }),
});
/** What settled an accepted claim (app/domain/claims/settle-claim.server.ts), in the resolution's transaction. */
export const ClaimSettledEventSchema = auditEvent("claim.settled", "claim").extend({
  accountId: Id,
  after: z.strictObject({
    kind: z.enum(CLAIM_SETTLEMENT_KINDS),
    documentId: Id,
    cancelledDocumentId: Id.nullable(),
    amount: Money,
    currency: Currency,
    applied: z.array(z.strictObject({ documentId: Id, amount: Money })),
  }),
});
export const ClaimWithdrawnEventSchema = auditEvent("claim.withdrawn", "claim").extend({
  accountId: Id,
  before: z.strictObject({ status: ClaimStatus }),
  after: z.strictObject({ status: ClaimStatus, reason: z.string().nullable() }),
});
export const ClaimReopenedEventSchema = auditEvent("claim.reopened", "claim").extend({
  accountId: Id,
  before: z.strictObject({ status: ClaimStatus, resolution: z.enum(CLAIM_RESOLUTIONS).nullable() }),
  after: z.strictObject({ status: ClaimStatus, level: ClaimLevel, dueAt: Instant, reason: z.string() }),
});
export const ClaimAttachmentAddedEventSchema = auditEvent("claim.attachment_added", "claim").extend({
  accountId: Id,
  after: z.strictObject({
    attachmentId: Id,
    messageId: Id.nullable(),
    fileName: z.string(),
    mediaType: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: Count,
  }),
});

// Signing (app/domain/signing). Entity: the envelope (a reconciliation or minutes); every event is
// filed under the envelope's account.
const EnvelopeStatus = z.enum(ENVELOPE_STATUSES);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
export const EnvelopePreparedEventSchema = auditEvent("envelope.prepared", "envelope").extend({
  accountId: Id,
  after: z.strictObject({
    kind: z.enum(ENVELOPE_KINDS),
    number: Count,
    cutoffDate: CalendarDate.nullable(),
    contentSha256: Sha256,
    balances: z.array(z.strictObject({ currency: Currency, balance: Money, items: Count })),
    // Minutes only (reconciliations leave them out):
    version: Count.optional(),
    supersedesId: Id.nullable().optional(),
    meetingDate: CalendarDate.optional(),
    attendees: z.array(Id).optional(),
    agreements: Count.optional(),
    promises: z
      .array(z.strictObject({ agreementId: Id, amount: Money, currency: Currency, promisedDate: CalendarDate }))
      .optional(),
  }),
});
export const EnvelopeSentEventSchema = auditEvent("envelope.sent", "envelope").extend({
  accountId: Id,
  before: z.strictObject({ status: EnvelopeStatus }),
  after: z.strictObject({
    status: EnvelopeStatus,
    expiresAt: Instant,
    signers: z.array(z.strictObject({ userId: Id, role: GrantRole })),
    /** Reminders scheduled with it (older rows have none). */
    reminders: Count.optional(),
    /** The month-end batch it was sent in, if any. */
    batchId: Id.optional(),
  }),
});
/** A reminder came due while it still waited: the signers who had not signed are emailed again. */
export const EnvelopeRemindedEventSchema = auditEvent("envelope.reminded", "envelope").extend({
  accountId: Id,
  after: z.strictObject({ reminder: Count, recipients: z.array(Id) }),
});
/** Unanswered at its deadline. */
export const EnvelopeExpiredEventSchema = auditEvent("envelope.expired", "envelope").extend({
  accountId: Id,
  after: z.strictObject({ status: EnvelopeStatus, expiresAt: Instant }),
});
/** A one-time code was emailed to a signer (the code itself is never stored nor logged). */
export const EnvelopeCodeSentEventSchema = auditEvent("envelope.code_sent", "envelope").extend({
  accountId: Id,
  after: z.strictObject({ codeId: Id, expiresAt: Instant }),
});
/** An account of a month-end batch was not sent one (no signer, one already waiting…). */
export const EnvelopeBatchSkippedEventSchema = auditEvent("envelope.batch_skipped", "customer_account").extend({
  accountId: Id,
  after: z.strictObject({ batchId: Id, cutoffDate: CalendarDate, reason: z.string().max(100) }),
});
/** A signer opened it for the first time (the envelope moves to viewed on the first signer's view). */
export const EnvelopeViewedEventSchema = auditEvent("envelope.viewed", "envelope").extend({
  accountId: Id,
  before: z.strictObject({ status: EnvelopeStatus }),
  after: z.strictObject({ status: EnvelopeStatus, signerId: Id }),
});
export const EnvelopeSignedEventSchema = auditEvent("envelope.signed", "envelope").extend({
  accountId: Id,
  before: z.strictObject({ status: EnvelopeStatus }),
  after: z.strictObject({
    status: EnvelopeStatus,
    signerId: Id,
    typedName: z.string(),
    signedAt: Instant,
    timeZone: z.string(),
    contentSha256: Sha256,
    differences: Count,
    customerBalance: Money.nullable(),
    /** How the signer re-authenticated (older rows: the password). */
    method: z.enum(SIGNATURE_METHODS).optional(),
    // Minutes only: the attendees still to sign after this one, and at the last signature what each
    // payment-promise agreement became (the promise, or the promise rule that refused it by then).
    remainingSigners: Count.optional(),
    promises: z
      .array(z.strictObject({ agreementId: Id, promiseId: Id.nullable(), refused: z.string().nullable() }))
      .optional(),
  }),
});
const CorrectionItems = z.array(
  z.strictObject({ target: z.enum(CORRECTION_TARGETS), targetId: Id.nullable(), text: z.string() }),
);
/** An attendee proposed corrections to minutes instead of signing (they wait for the collector's response). */
export const EnvelopeCorrectionProposedEventSchema = auditEvent("envelope.correction_proposed", "envelope").extend({
  accountId: Id,
  before: z.strictObject({ status: EnvelopeStatus }),
  after: z.strictObject({ status: EnvelopeStatus, correctionId: Id, signerId: Id, items: CorrectionItems }),
});
/** The collector answered a correction with a message; the minutes stay as they were, signable again. */
export const EnvelopeCorrectionAnsweredEventSchema = auditEvent("envelope.correction_answered", "envelope").extend({
  accountId: Id,
  before: z.strictObject({ status: EnvelopeStatus }),
  after: z.strictObject({ status: EnvelopeStatus, correctionId: Id, message: z.string() }),
});
/** The collector accepted the corrections: this version is kept, replaced by the next one. */
export const EnvelopeSupersededEventSchema = auditEvent("envelope.superseded", "envelope").extend({
  accountId: Id,
  before: z.strictObject({ status: EnvelopeStatus }),
  after: z.strictObject({
    status: EnvelopeStatus,
    supersededById: Id,
    number: Count,
    version: Count,
    correctionIds: z.array(Id),
  }),
});
/** One per difference stated when signing with differences, with the claim it raised. */
export const EnvelopeDisputedEventSchema = auditEvent("envelope.disputed", "envelope").extend({
  accountId: Id,
  after: z.strictObject({
    differenceId: Id,
    kind: z.enum(DIFFERENCE_KINDS),
    documentId: Id.nullable(),
    amount: Money,
    currency: Currency,
    claimId: Id,
  }),
});
export const EnvelopeSealedEventSchema = auditEvent("envelope.sealed", "envelope").extend({
  accountId: Id,
  after: z.strictObject({
    originalSha256: Sha256,
    sealedSha256: Sha256,
    level: z.literal("PAdES B-B"),
    certificateSubject: z.string(),
    certificateSha256: Sha256,
  }),
});
export const EnvelopeDownloadedEventSchema = auditEvent("envelope.downloaded", "envelope").extend({
  accountId: Id,
  after: z.strictObject({ file: z.enum(["sealed"]) }),
});
/** Someone checked it on the public page (by its code, or a copy of its PDF matched it). */
export const EnvelopeVerifiedEventSchema = auditEvent("envelope.verified", "envelope").extend({
  accountId: Id,
  after: z.strictObject({
    via: z.enum(["code", "upload"]),
    result: z.enum(["sealed_copy", "bytes_appended", "modified", "not_sealed"]),
  }),
});

// Registered payments and cash application (app/domain/payments).
const PaymentStatus = z.enum(PAYMENT_REGISTRATION_STATUSES);
const Allocations = z.array(z.strictObject({ documentId: Id, amount: Money }));
export const PaymentRegisteredEventSchema = auditEvent("payment.registered", "payment_registration").extend({
  accountId: Id,
  after: z.strictObject({
    number: Count,
    method: z.enum(PAYMENT_REGISTRATION_METHODS),
    amount: Money,
    currency: Currency,
    paidOn: CalendarDate,
    reference: z.string(),
    staffEntered: z.boolean(),
    allocations: Allocations,
    proofSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  }),
});
export const PaymentAllocationAdjustedEventSchema = auditEvent(
  "payment.allocation_adjusted",
  "payment_registration",
).extend({
  accountId: Id,
  before: z.strictObject({ allocations: Allocations }),
  after: z.strictObject({ allocations: Allocations }),
});
export const PaymentConfirmedEventSchema = auditEvent("payment.confirmed", "payment_registration").extend({
  accountId: Id,
  before: z.strictObject({ status: PaymentStatus }),
  after: z.strictObject({
    status: PaymentStatus,
    paymentDocumentId: Id,
    applied: Money,
    onAccount: Money,
    /** Pesos per unit, for a payment in a foreign currency. */
    exchangeRate: z
      .string()
      .regex(/^\d{1,12}\.\d{6}$/)
      .optional(),
  }),
});
export const PaymentRejectedEventSchema = auditEvent("payment.rejected", "payment_registration").extend({
  accountId: Id,
  before: z.strictObject({ status: PaymentStatus }),
  after: z.strictObject({ status: PaymentStatus, reason: z.string() }),
});
export const PaymentDuplicateDecidedEventSchema = auditEvent(
  "payment.duplicate_decided",
  "payment_registration",
).extend({
  accountId: Id,
  after: z.strictObject({ decision: z.enum(DUPLICATE_DECISIONS), duplicateOfId: Id.nullable() }),
});
/** A REP (CFDI type P) issued for the PPD invoices a confirmed payment paid. */
export const PaymentReceiptIssuedEventSchema = auditEvent("payment.rep_issued", "payment_registration").extend({
  accountId: Id,
  after: z.strictObject({ receiptId: Id, uuid: z.string(), series: z.string(), folio: z.string(), invoices: Count }),
});
// Scheduled tasks (app/jobs): an administrator puts a dead task back in the queue.
export const ScheduledTaskRetriedEventSchema = auditEvent("scheduled_task.retried", "scheduled_task").extend({
  before: z.strictObject({
    status: z.literal("dead"),
    kind: z.string(),
    attempts: Count,
    lastError: z.string().nullable(),
  }),
  after: z.strictObject({ status: z.literal("pending"), attempts: Count, dueAt: Instant }),
});

// Card payments through Stripe Checkout (app/domain/payments). Entity: our payment attempt.
const CardPaymentStatus = z.enum(CARD_PAYMENT_STATUSES);
const AttemptItems = z.array(z.strictObject({ documentId: Id, amount: Money }));
export const CardPaymentStartedEventSchema = auditEvent("card_payment.started", "payment_attempt").extend({
  accountId: Id,
  after: z.strictObject({ amount: Money, currency: Currency, items: AttemptItems }),
});
export const CardPaymentStatusChangedEventSchema = auditEvent("card_payment.status_changed", "payment_attempt").extend({
  accountId: Id,
  before: z.strictObject({ status: CardPaymentStatus }),
  after: z.strictObject({ status: CardPaymentStatus, reason: z.string().max(200).nullable() }),
});
export const CardPaymentMismatchEventSchema = auditEvent("card_payment.mismatch", "payment_attempt").extend({
  accountId: Id,
  after: z.strictObject({
    amountTotal: z.number().int().nullable(),
    currency: z.string().max(10).nullable(),
    paymentIntentId: Id.nullable(),
  }),
});
export const CardPaymentPaidEventSchema = auditEvent("card_payment.paid", "payment_attempt").extend({
  accountId: Id,
  before: z.strictObject({ status: CardPaymentStatus }),
  after: z.strictObject({
    paymentDocumentId: Id,
    paymentIntentId: Id,
    amount: Money,
    currency: Currency,
    applied: AttemptItems,
  }),
});
export const CardPaymentRefundedEventSchema = auditEvent("card_payment.refunded", "payment_attempt").extend({
  accountId: Id,
  before: z.strictObject({ refundedAmount: Money, status: CardPaymentStatus }),
  after: z.strictObject({ refundedAmount: Money, status: CardPaymentStatus, refundDocumentId: Id }),
});

// Payment promises (app/domain/payments). Entity: the promise.
const PromiseStatus = z.enum(PROMISE_STATUSES);
export const PromiseRecordedEventSchema = auditEvent("promise.recorded", "payment_promise").extend({
  accountId: Id,
  after: z.strictObject({ amount: Money, currency: Currency, promisedDate: CalendarDate, items: AttemptItems }),
});
export const PromiseSettledEventSchema = auditEvent("promise.settled", "payment_promise").extend({
  accountId: Id,
  before: z.strictObject({ status: PromiseStatus }),
  after: z.strictObject({ status: PromiseStatus, paidAmount: Money }),
});
export const PromiseCancelledEventSchema = auditEvent("promise.cancelled", "payment_promise").extend({
  accountId: Id,
  before: z.strictObject({ status: PromiseStatus }),
  after: z.strictObject({ status: PromiseStatus }),
});

// Payment plans (app/domain/plans). Entity: the plan; its instalments in force are recorded as promises.
const PlanStatus = z.enum(PLAN_STATUSES);
const PlanInstalments = z.array(z.strictObject({ dueDate: CalendarDate, amount: Money }));
export const PlanProposedEventSchema = auditEvent("plan.proposed", "payment_plan").extend({
  accountId: Id,
  after: z.strictObject({
    status: PlanStatus,
    total: Money,
    currency: Currency,
    documents: AttemptItems,
    instalments: PlanInstalments,
  }),
});
export const PlanCounteredEventSchema = auditEvent("plan.countered", "payment_plan").extend({
  accountId: Id,
  before: z.strictObject({ status: PlanStatus, revision: Count, total: Money }),
  after: z.strictObject({ status: PlanStatus, revision: Count, total: Money, instalments: PlanInstalments }),
});
export const PlanAcceptedEventSchema = auditEvent("plan.accepted", "payment_plan").extend({
  accountId: Id,
  before: z.strictObject({ status: PlanStatus, revision: Count }),
  after: z.strictObject({ status: PlanStatus, needsApproval: z.boolean(), approvalAbove: Money.nullable() }),
});
export const PlanApprovedEventSchema = auditEvent("plan.approved", "payment_plan").extend({
  accountId: Id,
  before: z.strictObject({ status: PlanStatus }),
  after: z.strictObject({ status: PlanStatus }),
});
export const PlanRejectedEventSchema = auditEvent("plan.rejected", "payment_plan").extend({
  accountId: Id,
  before: z.strictObject({ status: PlanStatus }),
  after: z.strictObject({ status: PlanStatus, reason: z.string().max(1000) }),
});
export const PlanDeclinedEventSchema = auditEvent("plan.declined", "payment_plan").extend({
  accountId: Id,
  before: z.strictObject({ status: PlanStatus, revision: Count }),
  after: z.strictObject({ status: PlanStatus }),
});
export const PlanWithdrawnEventSchema = auditEvent("plan.withdrawn", "payment_plan").extend({
  accountId: Id,
  before: z.strictObject({ status: PlanStatus }),
  after: z.strictObject({ status: PlanStatus, cancelledPromises: Count }),
});
export const PlanPolicyChangedEventSchema = auditEvent("plan.policy_changed", "seller").extend({
  before: z.strictObject({ currency: Currency, approvalAbove: Money.nullable() }),
  after: z.strictObject({ currency: Currency, approvalAbove: Money }),
});

// Cheques (app/domain/cheques). Entity: the cheque, or the pickup request.
const ChequeStatus = z.enum(CHEQUE_STATUSES);
export const ChequeReceivedEventSchema = auditEvent("cheque.received", "cheque").extend({
  accountId: Id,
  after: z.strictObject({
    registrationId: Id,
    number: z.string(),
    bank: z.string(),
    amount: Money,
    currency: Currency,
    depositDate: CalendarDate,
    paymentDocumentId: Id,
  }),
});
export const ChequeProtectionCheckedEventSchema = auditEvent("cheque.protection_checked", "cheque").extend({
  accountId: Id,
  before: z.strictObject({ reference: z.string().nullable() }),
  after: z.strictObject({ reference: z.string() }),
});
export const ChequeDepositedEventSchema = auditEvent("cheque.deposited", "cheque").extend({
  accountId: Id,
  before: z.strictObject({ status: ChequeStatus }),
  after: z.strictObject({ status: ChequeStatus, depositNo: Count, depositedOn: CalendarDate }),
});
export const ChequeClearedEventSchema = auditEvent("cheque.cleared", "cheque").extend({
  accountId: Id,
  before: z.strictObject({ status: ChequeStatus }),
  after: z.strictObject({
    status: ChequeStatus,
    depositNo: Count,
    clearedOn: CalendarDate,
    /** A redeposit that cleared after a return: the ledger payment issued again, and what it paid. */
    reissuedPaymentId: Id.nullable(),
    applied: Money,
  }),
});
export const ChequeReturnedEventSchema = auditEvent("cheque.returned", "cheque").extend({
  accountId: Id,
  before: z.strictObject({ status: ChequeStatus, paymentDocumentId: Id.nullable() }),
  after: z.strictObject({
    status: ChequeStatus,
    depositNo: Count,
    returnedOn: CalendarDate,
    reason: z.enum(CHEQUE_RETURN_REASONS),
    cancelledPaymentId: Id.nullable(),
    reversedApplications: z.array(Id),
    feeDocumentId: Id.nullable(),
    fee: Money.nullable(),
    followUpOn: CalendarDate,
    /** REPs issued for the cancelled payment: they stand (their SAT cancellation is not modelled). */
    repUuids: z.array(z.string()),
  }),
});
export const ChequePickupRequestedEventSchema = auditEvent("cheque_pickup.requested", "cheque_pickup").extend({
  accountId: Id,
  after: z.strictObject({
    pickupDate: CalendarDate,
    address: z.string(),
    contactName: z.string(),
    contactPhone: z.string(),
  }),
});
export const ChequePickupCollectedEventSchema = auditEvent("cheque_pickup.collected", "cheque_pickup").extend({
  accountId: Id,
  before: z.strictObject({ status: z.literal("requested") }),
  after: z.strictObject({ status: z.literal("collected") }),
});

/** Every action's schema; the union, the action list and the types below all come from this list. */
export const AUDIT_EVENT_SCHEMAS = [
  SignedInEventSchema,
  SignInRateLimitedEventSchema,
  SignInBlockedEventSchema,
  UserLockedEventSchema,
  SignInFailedEventSchema,
  SignedOutEventSchema,
  SignedOutEverywhereEventSchema,
  PasswordResetRequestedUnknownEventSchema,
  PasswordResetRequestedEventSchema,
  PasswordResetEventSchema,
  UserCreatedEventSchema,
  InvitationCreatedEventSchema,
  InvitationSuppressedEventSchema,
  InvitationAcceptedEventSchema,
  GrantCreatedEventSchema,
  GrantRoleChangedEventSchema,
  GrantRevokedEventSchema,
  SellerCreatedEventSchema,
  SellerSigningSettingsUpdatedEventSchema,
  ZoneCreatedEventSchema,
  CustomerGroupCreatedEventSchema,
  CustomerAccountCreatedEventSchema,
  CollectorAssignedEventSchema,
  DocumentIssuedEventSchema,
  ApplicationCreatedEventSchema,
  ApplicationReversedEventSchema,
  DocumentCancelledEventSchema,
  StatementEmailedEventSchema,
  ClaimRaisedEventSchema,
  ClaimAssignedEventSchema,
  ClaimRepliedEventSchema,
  ClaimNoteAddedEventSchema,
  ClaimInfoRequestedEventSchema,
  ClaimCustomerAnsweredEventSchema,
  ClaimEscalatedEventSchema,
  ClaimSlaBreachedEventSchema,
  ClaimResolvedEventSchema,
  ClaimSettledEventSchema,
  ClaimWithdrawnEventSchema,
  ClaimReopenedEventSchema,
  ClaimAttachmentAddedEventSchema,
  EnvelopePreparedEventSchema,
  EnvelopeSentEventSchema,
  EnvelopeRemindedEventSchema,
  EnvelopeExpiredEventSchema,
  EnvelopeCodeSentEventSchema,
  EnvelopeBatchSkippedEventSchema,
  EnvelopeViewedEventSchema,
  EnvelopeSignedEventSchema,
  EnvelopeDisputedEventSchema,
  EnvelopeSealedEventSchema,
  EnvelopeDownloadedEventSchema,
  EnvelopeVerifiedEventSchema,
  EnvelopeCorrectionProposedEventSchema,
  EnvelopeCorrectionAnsweredEventSchema,
  EnvelopeSupersededEventSchema,
  PaymentRegisteredEventSchema,
  PaymentAllocationAdjustedEventSchema,
  PaymentConfirmedEventSchema,
  PaymentRejectedEventSchema,
  PaymentDuplicateDecidedEventSchema,
  PaymentReceiptIssuedEventSchema,
  ScheduledTaskRetriedEventSchema,
  CardPaymentStartedEventSchema,
  CardPaymentStatusChangedEventSchema,
  CardPaymentMismatchEventSchema,
  CardPaymentPaidEventSchema,
  CardPaymentRefundedEventSchema,
  PromiseRecordedEventSchema,
  PromiseSettledEventSchema,
  PromiseCancelledEventSchema,
  PlanProposedEventSchema,
  PlanCounteredEventSchema,
  PlanAcceptedEventSchema,
  PlanApprovedEventSchema,
  PlanRejectedEventSchema,
  PlanDeclinedEventSchema,
  PlanWithdrawnEventSchema,
  PlanPolicyChangedEventSchema,
  ChequeReceivedEventSchema,
  ChequeProtectionCheckedEventSchema,
  ChequeDepositedEventSchema,
  ChequeClearedEventSchema,
  ChequeReturnedEventSchema,
  ChequePickupRequestedEventSchema,
  ChequePickupCollectedEventSchema,
] as const;

export const AuditEventSchema = z.discriminatedUnion("action", AUDIT_EVENT_SCHEMAS);

/** What a caller passes to recordAuditEvent: empty slots may be left out, Dates may stand for instants. */
export type AuditEventInput = z.input<typeof AuditEventSchema>;
/** An event as stored and as parseAuditEvent returns it. */
export type AuditEvent = z.output<typeof AuditEventSchema>;
export type AuditAction = AuditEvent["action"];
export type AuditEventInputOf<A extends AuditAction> = Extract<AuditEventInput, { action: A }>;
export type AuditEventOf<A extends AuditAction> = Extract<AuditEvent, { action: A }>;

export const AUDIT_ACTIONS: readonly AuditAction[] = AUDIT_EVENT_SCHEMAS.map((s) => s.shape.action.value);

const ACTION_SET: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && ACTION_SET.has(value);
}

/** The entity type each action is recorded against. */
export const AUDIT_ENTITY_TYPE_OF: Readonly<Record<AuditAction, AuditEntityType>> = Object.fromEntries(
  AUDIT_EVENT_SCHEMAS.map((s) => [s.shape.action.value, s.shape.entityType.value]),
) as Record<AuditAction, AuditEntityType>;

/** The columns of a stored audit row that make up its event (the rest: who, when, where from). */
export interface StoredAuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  accountId: string | null;
  before: unknown;
  after: unknown;
}

export class AuditEventError extends Error {
  constructor(
    public readonly action: string,
    public readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `audit event ${JSON.stringify(action)} does not match its schema: ${z.prettifyError(new z.ZodError(issues))}`,
    );
    this.name = "AuditEventError";
  }
}

function pickEvent(row: StoredAuditEvent) {
  return {
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    accountId: row.accountId,
    before: row.before,
    after: row.after,
  };
}

/** A stored row's event, typed by its action; throws AuditEventError when the row matches no schema. */
export function parseAuditEvent(row: StoredAuditEvent): AuditEvent {
  const parsed = AuditEventSchema.safeParse(pickEvent(row));
  if (!parsed.success) throw new AuditEventError(row.action, parsed.error.issues);
  return parsed.data;
}

/** Like parseAuditEvent, but answers null for a row that matches no schema (shown raw by the trail). */
export function safeParseAuditEvent(row: StoredAuditEvent): AuditEvent | null {
  const parsed = AuditEventSchema.safeParse(pickEvent(row));
  return parsed.success ? parsed.data : null;
}
