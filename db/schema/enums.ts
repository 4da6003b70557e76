import { pgEnum } from "drizzle-orm/pg-core";

export const countryEnum = pgEnum("country", ["MX", "CO"]);
export const currencyEnum = pgEnum("currency", ["MXN", "COP", "USD"]);
export const segmentEnum = pgEnum("segment", ["large", "medium", "small"]);
export const accountStatusEnum = pgEnum("account_status", ["active", "on_hold", "blocked", "closed"]);
/** Ledger document kinds. Charges (invoice, debit note, charge adjustment) raise what the customer owes; credits lower it. */
export const documentKindEnum = pgEnum("document_kind", [
  "invoice",
  "credit_note",
  "debit_note",
  "payment",
  "adjustment",
]);
export const documentEffectEnum = pgEnum("document_effect", ["charge", "credit"]);
export const documentStatusEnum = pgEnum("document_status", ["issued", "cancelled"]);
export const fileRoleEnum = pgEnum("file_role", ["xml", "pdf", "evidence"]);
