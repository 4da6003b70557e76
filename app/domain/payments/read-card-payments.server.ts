// What the card payment pages read: the account's charges that can be paid now (open, issued,
// oldest due first), its recent card payments, and one payment with what it pays — every read
// limited to the accounts the caller passes (the customer's own), so another account's attempt is
// simply not found.
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { documents, paymentAttemptItems, paymentAttempts } from "#db/schema";
import { disputedAmountSql } from "~/domain/claims/disputed-amounts.server";
import type { DbOrTx } from "~/utils/db.server";

/** The payment page lists at most this many open charges (oldest due first); older ones page by filter on the invoices list. */
export const PAYABLE_LIMIT = 200;

export async function listPayableDocuments(db: DbOrTx, accountId: string) {
  return db
    .select({
      id: documents.id,
      kind: documents.kind,
      series: documents.series,
      folio: documents.folio,
      issueDate: documents.issueDate,
      dueDate: documents.dueDate,
      currency: documents.currency,
      amount: documents.amount,
      open: documents.openAmount,
      /** What open claims dispute on it ("en aclaración"); null when nothing. */
      disputed: sql<string | null>`${disputedAmountSql(sql`${documents.id}`)}::numeric(18,2)::text`,
      /** What the page suggests paying: the open amount less what is disputed (never chased while the claim is open). */
      suggested: sql<string>`(${documents.openAmount} - least(coalesce(${disputedAmountSql(sql`${documents.id}`)}, 0), ${documents.openAmount}))::numeric(18,2)::text`,
    })
    .from(documents)
    .where(
      and(
        eq(documents.accountId, accountId),
        eq(documents.effect, "charge"),
        eq(documents.status, "issued"),
        gt(documents.openAmount, "0"),
      ),
    )
    .orderBy(asc(documents.dueDate), asc(documents.id))
    .limit(PAYABLE_LIMIT);
}

export async function listRecentCardPayments(db: DbOrTx, accountIds: string[], limit = 10) {
  if (accountIds.length === 0) return [];
  return db
    .select({
      id: paymentAttempts.id,
      status: paymentAttempts.status,
      amount: paymentAttempts.amount,
      currency: paymentAttempts.currency,
      refundedAmount: paymentAttempts.refundedAmount,
      createdAt: paymentAttempts.createdAt,
    })
    .from(paymentAttempts)
    .where(inArray(paymentAttempts.accountId, accountIds))
    .orderBy(desc(paymentAttempts.createdAt), desc(paymentAttempts.id))
    .limit(limit);
}

export async function getCardPayment(db: DbOrTx, accountIds: string[], attemptId: string) {
  if (accountIds.length === 0) return null;
  const [attempt] = await db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.id, attemptId), inArray(paymentAttempts.accountId, accountIds)));
  if (!attempt) return null;
  const items = await db
    .select({
      documentId: paymentAttemptItems.documentId,
      amount: paymentAttemptItems.amount,
      kind: documents.kind,
      series: documents.series,
      folio: documents.folio,
      open: documents.openAmount,
    })
    .from(paymentAttemptItems)
    .innerJoin(documents, eq(documents.id, paymentAttemptItems.documentId))
    .where(eq(paymentAttemptItems.attemptId, attemptId))
    .orderBy(asc(paymentAttemptItems.position));
  return { attempt, items };
}
