// What is "en aclaración": the amounts disputed on documents by claims still open (open or waiting on
// the customer; a resolved or withdrawn claim disputes nothing any more). The account pages mark them
// (invoice list, document detail, home, statements) from one aggregate over claim_documents joined to
// its claims, inside the query that reads the documents, never a query per row; whatever chases
// payment (payment suggestions, reminders) leaves them out, through listDisputedAmounts. Changes to
// claims and their documents bump the account's ledger version (migration 0012), so cached pages
// follow.
import { type SQL, sql } from "drizzle-orm";
import type { ClaimStatus } from "~/domain/vocabulary";
import { type DbOrTx, queryRows, sqlList } from "~/utils/db.server";
import type { Currency, MoneyString } from "~/utils/money";

/** Claims in these statuses dispute their documents' amounts. */
export const DISPUTING_CLAIM_STATUSES: readonly ClaimStatus[] = ["open", "waiting_on_customer"];

/**
 * The amount disputed on the document `documentId` (an SQL expression, e.g. sql`d.id`) by open claims,
 * as numeric, or null when nothing is disputed. Index-served: claim_documents by document, claims by id.
 */
export function disputedAmountSql(documentId: SQL): SQL {
  return sql`(select sum(cd.disputed_amount) from claim_documents cd join claims c on c.id = cd.claim_id
    where cd.document_id = ${documentId} and c.status in (${sqlList(DISPUTING_CLAIM_STATUSES)}))`;
}

export interface DisputedAmount {
  accountId: string;
  documentId: string;
  currency: Currency;
  /** Everything open claims dispute on the document. */
  disputed: MoneyString;
  /**
   * The part of the document's open amount under dispute (never above it: the document may have been
   * paid in part since the claim was raised). A charge's collectible amount is its open amount minus this.
   */
  disputedOpen: MoneyString;
  /** The open claims disputing it, oldest first. */
  claimIds: string[];
}

/**
 * Every document of `accountIds` that open claims dispute, with the amounts, in one query. For the
 * features that chase payment (payment suggestions, reminders): they leave `disputedOpen` out.
 */
export async function listDisputedAmounts(
  db: DbOrTx,
  accountIds: readonly string[],
  options: { documentIds?: readonly string[] } = {},
): Promise<DisputedAmount[]> {
  if (accountIds.length === 0 || options.documentIds?.length === 0) return [];
  const rows = await queryRows<{
    account_id: string;
    document_id: string;
    currency: Currency;
    disputed: string;
    disputed_open: string;
    claim_ids: string[] | string;
  }>(
    db,
    sql`select d.account_id, d.id as document_id, d.currency,
          sum(cd.disputed_amount)::numeric(18,2)::text as disputed,
          least(sum(cd.disputed_amount), greatest(d.open_amount, 0))::numeric(18,2)::text as disputed_open,
          json_agg(distinct c.id) as claim_ids
        from claims c
        join claim_documents cd on cd.claim_id = c.id
        join documents d on d.id = cd.document_id
        where c.account_id in (${sqlList(accountIds)})
          and c.status in (${sqlList(DISPUTING_CLAIM_STATUSES)})
          ${options.documentIds ? sql`and cd.document_id in (${sqlList(options.documentIds)})` : sql``}
        group by d.account_id, d.id, d.currency, d.open_amount
        order by d.account_id, d.id`,
  );
  return rows.map((r) => ({
    accountId: r.account_id,
    documentId: r.document_id,
    currency: r.currency,
    disputed: r.disputed,
    disputedOpen: r.disputed_open,
    claimIds: typeof r.claim_ids === "string" ? (JSON.parse(r.claim_ids) as string[]) : r.claim_ids,
  }));
}

export interface DisputedTotal {
  accountId: string;
  currency: Currency;
  amount: MoneyString;
  /** Documents disputed. */
  count: number;
}

/**
 * What open claims dispute on each of `accountIds`, per currency (never added across currencies): home's
 * and the statement's "En aclaración".
 */
export async function getDisputedTotals(db: DbOrTx, accountIds: readonly string[]): Promise<DisputedTotal[]> {
  if (accountIds.length === 0) return [];
  const rows = await queryRows<{ account_id: string; currency: Currency; amount: string; count: number }>(
    db,
    sql`select c.account_id, cd.currency, sum(cd.disputed_amount)::numeric(18,2)::text as amount,
          count(distinct cd.document_id)::int as count
        from claims c
        join claim_documents cd on cd.claim_id = c.id
        where c.account_id in (${sqlList(accountIds)})
          and c.status in (${sqlList(DISPUTING_CLAIM_STATUSES)})
        group by c.account_id, cd.currency
        order by c.account_id, cd.currency`,
  );
  return rows.map((r) => ({ accountId: r.account_id, currency: r.currency, amount: r.amount, count: Number(r.count) }));
}
