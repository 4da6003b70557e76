// What the sealed PDF of an envelope is rendered from: plain data (structured-clonable, for the PDF
// worker) with every word already translated on the main thread, so the worker needs no i18n.
import type { MinutesContent } from "../minutes-content";
import type { ReconciliationContent } from "../reconciliation-content";

export interface EnvelopePdfData {
  language: string;
  locale: string;
  title: string;
  number: number;
  verificationCode: string;
  verificationUrl: string;
  contentSha256: string;
  content: ReconciliationContent | MinutesContent;
  /** "Signed" / "Signed with differences", and the customer's stated balance when it disagreed. */
  outcome: string;
  customerBalance: string | null;
  differences: {
    kind: string;
    item: string | null;
    reference: string | null;
    amount: string;
    description: string;
    claim: string;
  }[];
  signers: {
    name: string;
    email: string;
    role: string;
    typedName: string;
    signedAt: string;
    viewedAt: string | null;
    ip: string;
    device: string;
    authMethod: string;
    consent: string;
  }[];
  audit: { time: string; action: string; actor: string; ip: string }[];
  labels: Record<
    | "seller"
    | "customer"
    | "cutoff"
    | "message"
    | "preparedBy"
    | "balance"
    | "openCharges"
    | "unappliedCredits"
    | "document"
    | "issueDate"
    | "dueDate"
    | "amount"
    | "open"
    | "noItems"
    | "outcome"
    | "customerBalance"
    | "differences"
    | "claim"
    | "certificateTitle"
    | "signerName"
    | "signerEmail"
    | "signerRole"
    | "typedName"
    | "signedAt"
    | "viewedAt"
    | "ip"
    | "device"
    | "authMethod"
    | "consent"
    | "contentHash"
    | "verificationCode"
    | "verifyAt"
    | "auditTitle"
    | "time"
    | "action"
    | "actor"
    | "page",
    string
  >;
  /** Minutes: their own words (meeting, attendees, topics, agreements) and the channel's name. */
  minutesLabels?: Record<MinutesPdfLabel, string>;
  /** Money formatted for the reader, by currency and amount (pre-formatted on the main thread). */
  money: Record<string, string>;
}

export const MINUTES_PDF_LABELS = [
  "meetingDate",
  "channel",
  "place",
  "version",
  "supersedes",
  "customerAttendees",
  "sellerAttendees",
  "topics",
  "agreements",
  "owner",
  "due",
  "promise",
  "noAgreements",
] as const;
export type MinutesPdfLabel = (typeof MINUTES_PDF_LABELS)[number] | "channelName";
