// What minutes say, frozen when recorded: the meeting (date, channel, place), who attended on each
// side (the customer's attendees are the users who sign), the topics, and the agreements, each with
// an owner and a due date; an agreement may be a payment promise (documents and amounts, paid by its
// due date), which becomes a promise in app/domain/payments at the last signature. This object is what
// the canonical hash covers, what the portal shows and what the PDF prints. Pure types and helpers.
import type { Currency, MeetingChannel } from "~/domain/vocabulary";

export interface MinutesPromise {
  currency: Currency;
  /** The sum of the documents' amounts. */
  amount: string;
  documents: { documentId: string; serieFolio: string; amount: string }[];
}

export interface MinutesAgreement {
  /** "A1", "A2"… in order; corrections name it. */
  id: string;
  text: string;
  /** Who does it (a name, or the company). */
  owner: string;
  dueDate: string;
  /** When the agreement is a payment promise: the promise's date is the due date. */
  promise: MinutesPromise | null;
}

export interface MinutesContent {
  kind: "minutes";
  envelopeId: string;
  version: number;
  /** The version it replaced after accepting corrections. */
  supersedes: { envelopeId: string; number: number } | null;
  seller: { legalName: string; taxId: string; country: string; timeZone: string };
  account: { id: string; number: string; legalName: string; taxId: string; currency: Currency };
  meetingDate: string;
  channel: MeetingChannel;
  place: string;
  /** The customer's users who attended: each one signs. */
  customerAttendees: { userId: string; name: string; email: string }[];
  sellerAttendees: string[];
  topics: { id: string; title: string; notes: string }[];
  agreements: MinutesAgreement[];
  preparedBy: { name: string; email: string };
  /** ISO instant. */
  preparedAt: string;
}

/** Whether a correction's target names a topic or an agreement of the content. */
export function hasTarget(content: MinutesContent, target: "topic" | "agreement", id: string): boolean {
  return target === "topic" ? content.topics.some((t) => t.id === id) : content.agreements.some((a) => a.id === id);
}
