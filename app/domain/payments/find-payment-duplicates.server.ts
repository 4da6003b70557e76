// Suspected duplicates of a registration, shown to the collector before applying it: another
// registration (not rejected) or a ledger payment of the same account with the same amount and
// reference; the same amount within a few days with a similar reference (one contains the other, or
// they differ in at most two characters); or the same proof file (SHA-256) anywhere in the seller.
import { and, between, eq, ne, or, sql } from "drizzle-orm";
import { documents, paymentRegistrations } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { referenceKey } from "./register-payment.server";
import type { PaymentRegistration } from "./registration-transition.server";

export const DUPLICATE_WINDOW_DAYS = 5;

export type DuplicateReason = "same_reference" | "similar_reference" | "same_proof";

export interface SuspectedDuplicate {
  kind: "registration" | "ledger_payment";
  id: string;
  label: string;
  amount: string;
  currency: string;
  paidOn: string;
  reference: string | null;
  status: string;
  reasons: DuplicateReason[];
}

/** Edit distance, capped: true when a and b differ in at most `max` insertions, deletions or changes. */
export function withinEditDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] <= max;
}

export function similarReference(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (Math.min(a.length, b.length) >= 4 && (a.includes(b) || b.includes(a))) return true;
  return Math.min(a.length, b.length) >= 6 && withinEditDistance(a, b, 2);
}

function shiftDays(isoDate: string, days: number) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function findPaymentDuplicates(db: DbOrTx, reg: PaymentRegistration): Promise<SuspectedDuplicate[]> {
  const from = shiftDays(reg.paidOn, -DUPLICATE_WINDOW_DAYS);
  const to = shiftDays(reg.paidOn, DUPLICATE_WINDOW_DAYS);
  const registrations = await db
    .select({
      id: paymentRegistrations.id,
      number: paymentRegistrations.number,
      accountId: paymentRegistrations.accountId,
      amount: paymentRegistrations.amount,
      currency: paymentRegistrations.currency,
      paidOn: paymentRegistrations.paidOn,
      reference: paymentRegistrations.reference,
      referenceKey: paymentRegistrations.referenceKey,
      proofSha256: paymentRegistrations.proofSha256,
      status: paymentRegistrations.status,
    })
    .from(paymentRegistrations)
    .where(
      and(
        ne(paymentRegistrations.id, reg.id),
        ne(paymentRegistrations.status, "rejected"),
        or(
          and(
            eq(paymentRegistrations.accountId, reg.accountId),
            eq(paymentRegistrations.amount, reg.amount),
            or(eq(paymentRegistrations.referenceKey, reg.referenceKey), between(paymentRegistrations.paidOn, from, to)),
          ),
          reg.proofSha256
            ? and(
                eq(paymentRegistrations.sellerId, reg.sellerId),
                eq(paymentRegistrations.proofSha256, reg.proofSha256),
              )
            : undefined,
        ),
      ),
    )
    .limit(50);
  const out: SuspectedDuplicate[] = [];
  for (const r of registrations) {
    const reasons: DuplicateReason[] = [];
    const sameAccountAmount = r.accountId === reg.accountId && r.amount === reg.amount;
    if (sameAccountAmount && r.referenceKey === reg.referenceKey) reasons.push("same_reference");
    else if (
      sameAccountAmount &&
      r.paidOn >= from &&
      r.paidOn <= to &&
      similarReference(r.referenceKey, reg.referenceKey)
    )
      reasons.push("similar_reference");
    if (reg.proofSha256 && r.proofSha256 === reg.proofSha256) reasons.push("same_proof");
    if (reasons.length > 0)
      out.push({
        kind: "registration",
        id: r.id,
        label: `RP-${r.number}`,
        amount: r.amount,
        currency: r.currency,
        paidOn: r.paidOn,
        reference: r.reference,
        status: r.status,
        reasons,
      });
  }
  // Ledger payments that did not come through a registration (bank imports, the seed): same account,
  // amount, and a reference that matches or is similar within the window.
  const payments = await db
    .select({
      id: documents.id,
      series: documents.series,
      folio: documents.folio,
      amount: documents.amount,
      currency: documents.currency,
      issueDate: documents.issueDate,
      reference: documents.reference,
    })
    .from(documents)
    .where(
      and(
        eq(documents.accountId, reg.accountId),
        eq(documents.kind, "payment"),
        eq(documents.amount, reg.amount),
        sql`${documents.id} is distinct from ${reg.paymentDocumentId}`,
        sql`not exists (select 1 from payment_registrations r where r.payment_document_id = "documents"."id")`,
        or(
          sql`regexp_replace(lower(coalesce(${documents.reference}, '')), '[^0-9a-z]', '', 'g') = ${reg.referenceKey}`,
          between(documents.issueDate, from, to),
        ),
      ),
    )
    .limit(20);
  for (const p of payments) {
    const key = referenceKey(p.reference ?? "");
    const reason: DuplicateReason | null =
      key === reg.referenceKey
        ? "same_reference"
        : p.issueDate >= from && p.issueDate <= to && similarReference(key, reg.referenceKey)
          ? "similar_reference"
          : null;
    if (reason)
      out.push({
        kind: "ledger_payment",
        id: p.id,
        label: `${p.series}-${p.folio}`,
        amount: p.amount,
        currency: p.currency,
        paidOn: p.issueDate,
        reference: p.reference,
        status: "confirmed",
        reasons: [reason],
      });
  }
  return out;
}
