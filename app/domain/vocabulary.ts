// The closed vocabularies of the portal, each defined once: the database enum (db/schema), the
// TypeScript type and the zod schema are all built from these lists. Pure module (no imports), safe
// in the browser bundle.

export const COUNTRIES = ["MX", "CO"] as const;
export type Country = (typeof COUNTRIES)[number];

export const CURRENCIES = ["MXN", "COP", "USD"] as const;
export type Currency = (typeof CURRENCIES)[number];
/** Each country's own currency: a payment in any other carries an exchange rate to it. */
export const NATIONAL_CURRENCY: Readonly<Record<Country, Currency>> = { MX: "MXN", CO: "COP" };

/** The seller's time zone per country: documents carry calendar dates in it. */
export const TIME_ZONES = ["America/Mexico_City", "America/Bogota"] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

export const LANGUAGES = ["es", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const SEGMENTS = ["large", "medium", "small"] as const;
export type Segment = (typeof SEGMENTS)[number];

export const ACCOUNT_STATUSES = ["active", "on_hold", "blocked", "closed"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Ledger document kinds. Charges (invoice, debit note, charge adjustment) raise what the customer owes; credits lower it. */
export const DOCUMENT_KINDS = ["invoice", "credit_note", "debit_note", "payment", "adjustment"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_EFFECTS = ["charge", "credit"] as const;
export type DocumentEffect = (typeof DOCUMENT_EFFECTS)[number];

export const DOCUMENT_STATUSES = ["issued", "cancelled"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** SAT MetodoPago: PUE (paid in one go) or PPD (paid later). */
export const PAYMENT_METHODS = ["PUE", "PPD"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const FILE_ROLES = ["xml", "pdf", "evidence"] as const;
export type FileRole = (typeof FILE_ROLES)[number];

export const USER_KINDS = ["customer", "staff"] as const;
export type UserKind = (typeof USER_KINDS)[number];

export const STAFF_ROLES = ["collector", "supervisor", "area_owner", "auditor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_AREAS = ["sales", "operations", "credit"] as const;
export type StaffArea = (typeof STAFF_AREAS)[number];

export const GRANT_ROLES = ["account_admin", "payer", "viewer"] as const;
export type GrantRole = (typeof GRANT_ROLES)[number];

export const TOKEN_PURPOSES = ["invitation", "password_reset"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

// Claims (issue 11): what a customer disputes, where it stands, and who holds it.

/** What the customer contests. Each type has an owning area, the third escalation level (CLAIM_AREA_OF_TYPE). */
export const CLAIM_TYPES = [
  "price_difference",
  "quantity_or_remission",
  "damaged_or_returned",
  "duplicate_charge",
  "rebate_not_applied",
  "credit_note_missing",
  "reinvoicing",
  "payment_not_applied",
  "other",
] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

/** What the claim was raised from: an invoice, some of its lines, a credit or debit note, a payment, or nothing. */
export const CLAIM_ORIGINS = ["invoice", "lines", "note", "payment", "general"] as const;
export type ClaimOrigin = (typeof CLAIM_ORIGINS)[number];

/**
 * open: staff owe an answer (the SLA clock runs); waiting_on_customer: staff asked for information
 * (the clock is paused); resolved and withdrawn are closed (a resolved claim may be reopened within 15 days).
 */
export const CLAIM_STATUSES = ["open", "waiting_on_customer", "resolved", "withdrawn"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** L1 the account's collector, L2 the collector's supervisor, L3 the owning area. */
export const CLAIM_LEVELS = ["L1", "L2", "L3"] as const;
export type ClaimLevel = (typeof CLAIM_LEVELS)[number];

export const CLAIM_RESOLUTIONS = ["accepted_full", "accepted_partial", "rejected"] as const;
export type ClaimResolution = (typeof CLAIM_RESOLUTIONS)[number];

/**
 * What settles an accepted claim in the ledger: a credit note applied to the disputed charges, a
 * re-invoice (the invoice cancelled, a corrected one issued), or a rebate (a credit note of rebate kind).
 */
export const CLAIM_SETTLEMENT_KINDS = ["credit_note", "reinvoice", "rebate"] as const;
export type ClaimSettlementKind = (typeof CLAIM_SETTLEMENT_KINDS)[number];

/** internal_note is never shown to the customer; the rest form the thread both sides read. */
export const CLAIM_MESSAGE_KINDS = ["customer_message", "staff_reply", "info_request", "internal_note"] as const;
export type ClaimMessageKind = (typeof CLAIM_MESSAGE_KINDS)[number];

/** The area that owns a claim type at L3: sales for prices, rebates and re-invoicing; operations for
 * quantities, remissions and damaged goods; credit for payment application and credit. */
export const CLAIM_AREA_OF_TYPE: Readonly<Record<ClaimType, StaffArea>> = {
  price_difference: "sales",
  rebate_not_applied: "sales",
  credit_note_missing: "sales",
  reinvoicing: "sales",
  quantity_or_remission: "operations",
  damaged_or_returned: "operations",
  duplicate_charge: "credit",
  payment_not_applied: "credit",
  other: "credit",
};

/** Evidence files accepted by content (sniffed), whatever their name says. */
export const EVIDENCE_MEDIA_TYPES = [
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/heic",
  "image/webp",
  "application/xml",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

// Scheduled tasks (app/jobs): durable timers swept by every app instance.
export const SCHEDULED_TASK_STATUSES = ["pending", "running", "done", "dead", "cancelled"] as const;
export type ScheduledTaskStatus = (typeof SCHEDULED_TASK_STATUSES)[number];

export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

// Signing (issue 13): balance reconciliations and meeting minutes signed in the portal and sealed.

export const ENVELOPE_KINDS = ["reconciliation", "minutes"] as const;
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

/**
 * draft: prepared, not sent; sent: the signers were emailed; viewed: a signer opened it; signed: the
 * customer agreed; signed_with_differences: it signed stating differences (each one a claim);
 * expired: unanswered past its deadline. Sealing (sealed_at) follows signing and freezes the row.
 * Minutes only: corrections_requested: an attendee proposed corrections (not signable until the
 * collector answers them, or accepts them in a new version); superseded: replaced by a newer version.
 */
export const ENVELOPE_STATUSES = [
  "draft",
  "sent",
  "viewed",
  "signed",
  "signed_with_differences",
  "expired",
  "corrections_requested",
  "superseded",
] as const;
export type EnvelopeStatus = (typeof ENVELOPE_STATUSES)[number];

/** How a meeting recorded in minutes was held. */
export const MEETING_CHANNELS = ["meeting", "call", "video"] as const;
export type MeetingChannel = (typeof MEETING_CHANNELS)[number];

/** What a correction proposed to minutes is about: a topic, an agreement, or the minutes as a whole. */
export const CORRECTION_TARGETS = ["topic", "agreement", "general"] as const;
export type CorrectionTarget = (typeof CORRECTION_TARGETS)[number];

/** How the collector responded to proposed corrections: answered them (minutes unchanged) or accepted them (new version). */
export const CORRECTION_RESPONSES = ["answered", "accepted"] as const;
export type CorrectionResponse = (typeof CORRECTION_RESPONSES)[number];

export const SIGNER_STATUSES = ["pending", "viewed", "signed"] as const;
export type SignerStatus = (typeof SIGNER_STATUSES)[number];

/** What a customer states when it disagrees with a reconciliation, item by item. */
export const DIFFERENCE_KINDS = [
  "unknown_invoice",
  "unapplied_payment",
  "expected_credit_note",
  "amount_differs",
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/**
 * The claim each difference becomes. An invoice the customer does not recognise is answered with the
 * proof of delivery (remission), so it goes to operations; a payment not applied to credit; a missing
 * credit note and an amount that differs (price) to sales.
 */
export const CLAIM_TYPE_OF_DIFFERENCE: Readonly<Record<DifferenceKind, ClaimType>> = {
  unknown_invoice: "quantity_or_remission",
  unapplied_payment: "payment_not_applied",
  expected_credit_note: "credit_note_missing",
  amount_differs: "price_difference",
};

// Payments (issue 12): what a customer registers before a collector confirms it against the bank.
/** spei: SPEI / bank transfer (MX); pse_ach: PSE or ACH (CO); card is reserved for Stripe Checkout. */
export const PAYMENT_REGISTRATION_METHODS = [
  "spei",
  "pse_ach",
  "deposit",
  "cheque",
  "postdated_cheque",
  "card",
] as const;
export type PaymentRegistrationMethod = (typeof PAYMENT_REGISTRATION_METHODS)[number];
/** The methods a person registers by hand (the card arrives through Stripe). */
export const MANUAL_PAYMENT_METHODS = ["spei", "pse_ach", "deposit", "cheque", "postdated_cheque"] as const;
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];

/** in_review: waiting for the collector ("en revisión"); confirmed: in the ledger; rejected: with a reason. */
export const PAYMENT_REGISTRATION_STATUSES = ["in_review", "confirmed", "rejected"] as const;
export type PaymentRegistrationStatus = (typeof PAYMENT_REGISTRATION_STATUSES)[number];

/** What the collector said of a suspected duplicate. */
export const DUPLICATE_DECISIONS = ["genuine", "duplicate"] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

/** SAT FormaPago of each method, for the REP. */
export const SAT_PAYMENT_FORM_OF_METHOD: Readonly<Record<PaymentRegistrationMethod, string>> = {
  spei: "03",
  pse_ach: "03",
  deposit: "01",
  cheque: "02",
  postdated_cheque: "02",
  card: "04",
};

/**
 * A card payment attempt through Stripe Checkout: open (session created, customer at the checkout),
 * processing (completed with a delayed method such as OXXO or bank transfer, money not yet in), paid
 * (applied in the ledger), failed, expired; refunded once Stripe has returned all of it.
 */
export const CARD_PAYMENT_STATUSES = ["open", "processing", "paid", "failed", "expired", "refunded"] as const;
export type CardPaymentStatus = (typeof CARD_PAYMENT_STATUSES)[number];

/**
 * A payment promise: pending until its date; then kept (paid in full by its date), partly kept (some
 * of it), or broken (nothing); cancelled when the customer withdraws it before its date.
 */
export const PROMISE_STATUSES = ["pending", "kept", "partly_kept", "broken", "cancelled"] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** The collectors' views of the promises list: due today, this week, every pending one, and how the settled ones ended. */
export const STAFF_PROMISE_VIEWS = ["today", "week", "pending", "broken", "partly_kept", "kept"] as const;
export type StaffPromiseView = (typeof STAFF_PROMISE_VIEWS)[number];

/**
 * A payment plan: proposed (waiting on the collector), countered (the collector changed the
 * instalments; waiting on the customer), awaiting_approval (accepted by the collector above the
 * seller's amount; waiting on a supervisor), active (in force: each instalment is a promise), rejected
 * (by the collector or the supervisor, with a reason), declined (the customer refused the counter),
 * withdrawn (by the customer before it was in force), cancelled (in force, then withdrawn: its pending
 * instalments are cancelled).
 */
export const PLAN_STATUSES = [
  "proposed",
  "countered",
  "awaiting_approval",
  "active",
  "rejected",
  "declined",
  "withdrawn",
  "cancelled",
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** Who wrote a revision of a plan's instalments. */
export const PLAN_REVISION_AUTHORS = ["customer", "collector"] as const;
export type PlanRevisionAuthor = (typeof PLAN_REVISION_AUTHORS)[number];
// Cheques (issue 12 item 9): a confirmed cheque's custody and deposits, and pickups by the courier.
/** in_custody: received and held (post-dated ones until their deposit date); deposited: at the bank;
 * cleared: paid; returned: the bank refused it (cheque devuelto), until it is deposited again. */
export const CHEQUE_STATUSES = ["in_custody", "deposited", "cleared", "returned"] as const;
export type ChequeStatus = (typeof CHEQUE_STATUSES)[number];
/** Cheques that are not yet money: they count against the account's credit line while held. */
export const HELD_CHEQUE_STATUSES = ["in_custody", "deposited"] as const satisfies readonly ChequeStatus[];
export const CHEQUE_DEPOSIT_STATUSES = ["deposited", "cleared", "returned"] as const;
export type ChequeDepositStatus = (typeof CHEQUE_DEPOSIT_STATUSES)[number];
export const CHEQUE_PICKUP_STATUSES = ["requested", "collected", "cancelled"] as const;
export type ChequePickupStatus = (typeof CHEQUE_PICKUP_STATUSES)[number];
/** Why a bank returns a cheque (the common causes in Mexico and Colombia). */
export const CHEQUE_RETURN_REASONS = [
  "insufficient_funds",
  "signature_mismatch",
  "account_closed",
  "stop_payment",
  "post_dated_early",
  "other",
] as const;
export type ChequeReturnReason = (typeof CHEQUE_RETURN_REASONS)[number];
