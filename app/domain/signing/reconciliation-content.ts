// What a reconciliation says, frozen when prepared: the seller's balance and open items of the account
// at the cut-off date, per currency (never summed across currencies). This object is what the
// canonical hash covers, what the portal shows and what the PDF prints. Pure types and helpers.
import type { Currency, DocumentKind } from "~/domain/vocabulary";

export interface ReconciliationItem {
  documentId: string;
  kind: DocumentKind;
  effect: "charge" | "credit";
  /** "A-1024" */
  serieFolio: string;
  fiscalId: string | null;
  issueDate: string;
  dueDate: string;
  amount: string;
  /** Open at the cut-off: unpaid (charges) or unapplied (credits). */
  open: string;
}

export interface ReconciliationSection {
  currency: Currency;
  openCharges: string;
  unappliedCredits: string;
  /** openCharges − unappliedCredits */
  balance: string;
  items: ReconciliationItem[];
}

export interface ReconciliationContent {
  kind: "reconciliation";
  envelopeId: string;
  seller: { legalName: string; taxId: string; country: string; timeZone: string };
  account: { id: string; number: string; legalName: string; taxId: string; currency: Currency };
  cutoffDate: string;
  message: string;
  preparedBy: { name: string; email: string };
  /** ISO instant. */
  preparedAt: string;
  sections: ReconciliationSection[];
}

/** The open item of the content with this ID, or undefined. */
export function findItem(content: ReconciliationContent, documentId: string): ReconciliationItem | undefined {
  for (const section of content.sections) {
    const item = section.items.find((i) => i.documentId === documentId);
    if (item) return item;
  }
  return undefined;
}

const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

/** 12 random Crockford base-32 characters (60 bits), printed as XXXX-XXXX-XXXX. */
export function newVerificationCode(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => CODE_ALPHABET[b % 32]).join("");
}

export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}
