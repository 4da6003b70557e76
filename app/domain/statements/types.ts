// The statement of account as the domain returns it; the PDF, XLSX and CSV renderers and the
// routes consume this shape. Money is a decimal string, dates are calendar dates (YYYY-MM-DD).
import type { AgingBucket } from "~/domain/ledger/get-account-balances.server";
import type { Country } from "~/domain/vocabulary";
import type { Currency, MoneyString } from "~/utils/money";

export type MovementKind = "invoice" | "credit_note" | "debit_note" | "payment" | "adjustment";

export interface StatementMovement {
  documentId: string;
  kind: MovementKind;
  effect: "charge" | "credit";
  /** "A-1024": series and folio as printed on the document. */
  serieFolio: string;
  series: string;
  folio: string;
  /** CFDI UUID (MX) or CUFE (CO); null for payments and internal adjustments. */
  fiscalId: string | null;
  issueDate: string;
  dueDate: string;
  /** Free text from the document (notes, else bank reference, else purchase order); the kind label is added by renderers. */
  description: string | null;
  /** Exactly one of charge / credit is set. */
  charge: MoneyString | null;
  credit: MoneyString | null;
  /** Balance after this movement: opening + Σ charges − Σ credits so far, in date order. */
  balance: MoneyString;
  /** Charges only: what is still unpaid as of the aging date (null for credits and for charges issued after it). */
  openAmount: MoneyString | null;
  /** Charges only: open as of the aging date and due before it. */
  overdue: boolean;
  /** What open claims dispute on the document today ("en aclaración"); null when nothing. Stays on the statement, marked. */
  disputed: MoneyString | null;
}

export interface StatementAging {
  /** The date the aging is computed at: `asOf` if given, else the period end. */
  asOf: string;
  buckets: Record<AgingBucket, { amount: MoneyString; count: number }>;
  openCharges: MoneyString;
  unappliedCredits: MoneyString;
  /** openCharges − unappliedCredits */
  balance: MoneyString;
  /** Open charges past due (every bucket but current). */
  overdue: MoneyString;
}

/** Everything in one currency; currencies are never summed together. */
export interface StatementSection {
  currency: Currency;
  /** Balance at the end of the day before the period starts. */
  openingBalance: MoneyString;
  totalCharges: MoneyString;
  totalCredits: MoneyString;
  /** openingBalance + totalCharges − totalCredits; equals the ledger balance at the period end. */
  closingBalance: MoneyString;
  movements: StatementMovement[];
  aging: StatementAging;
  /** Everything open claims dispute today on the account's documents in this currency, whatever their date; "0.00" when nothing. */
  disputedTotal: MoneyString;
}

export interface StatementHeader {
  seller: { id: string; legalName: string; taxId: string; country: Country; timeZone: string };
  customer: {
    accountId: string;
    accountNumber: string;
    legalName: string;
    taxId: string;
    /** The account's own currency; credit limit is in it. */
    currency: Currency;
    paymentTermDays: number;
    creditLimit: MoneyString;
  };
}

export interface Statement extends StatementHeader {
  period: { from: string; to: string };
  /** Account currency first, then any other currency the account has documents in. */
  sections: StatementSection[];
}
