// The closed vocabularies of the portal, each defined once: the database enum (db/schema), the
// TypeScript type and the zod schema are all built from these lists. Pure module (no imports), safe
// in the browser bundle.

export const COUNTRIES = ["MX", "CO"] as const;
export type Country = (typeof COUNTRIES)[number];

export const CURRENCIES = ["MXN", "COP", "USD"] as const;
export type Currency = (typeof CURRENCIES)[number];

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
