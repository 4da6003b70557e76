// The open charges a payment of one account may be allocated to: issued invoices and debit notes with
// something open, oldest due first, each with what open claims dispute on it (claim_documents of
// claims still open or waiting on the customer), which the suggestion skips and an allocation may not take.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { documents } from "#db/schema";
import type { Currency } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import type { AllocatableInvoice } from "./allocate-oldest-first";

export interface AllocatableDocument extends AllocatableInvoice {
  currency: Currency;
  series: string;
  folio: string;
  amount: string;
}

/** At most this many open charges are offered (oldest due first); the rest of a payment stays on account. */
export const ALLOCATABLE_LIMIT = 200;

export async function listAllocatableInvoices(
  db: DbOrTx,
  accountId: string,
  options: { documentIds?: readonly string[] } = {},
): Promise<AllocatableDocument[]> {
  // Qualified by hand: drizzle writes bare column names in a one-table select, which a correlated
  // subquery would read as its own.
  const disputed = sql<string>`coalesce((
    select sum(cd.disputed_amount) from claim_documents cd
    join claims c on c.id = cd.claim_id
    where cd.document_id = "documents"."id" and c.status in ('open', 'waiting_on_customer')
  ), 0)::text`;
  return db
    .select({
      id: documents.id,
      series: documents.series,
      folio: documents.folio,
      issueDate: documents.issueDate,
      dueDate: documents.dueDate,
      currency: documents.currency,
      amount: documents.amount,
      openAmount: documents.openAmount,
      disputedAmount: disputed,
    })
    .from(documents)
    .where(
      and(
        eq(documents.accountId, accountId),
        eq(documents.effect, "charge"),
        eq(documents.status, "issued"),
        gt(documents.openAmount, "0"),
        options.documentIds ? inArray(documents.id, [...options.documentIds]) : undefined,
      ),
    )
    .orderBy(asc(documents.dueDate), asc(documents.issueDate), asc(documents.id))
    .limit(options.documentIds ? Math.max(options.documentIds.length, 1) : ALLOCATABLE_LIMIT);
}
