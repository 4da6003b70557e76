// What the promise pages read: a customer's promises with what has been paid towards each so far,
// and the collectors' list (due today, this week, broken, partly kept, kept) over the accounts the
// staff member reaches. Each page is one query for the promises and one for their documents.
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { customerAccounts, documents, paymentPromiseDocuments, paymentPromises, sellers } from "#db/schema";
import { staffScope } from "~/domain/identity/account-access.server";
import type { PromiseStatus, StaffPromiseView, StaffRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { promisePaidSql } from "./settle-promise.server";

export const PROMISE_PAGE_SIZE = 25;

const columns = {
  id: paymentPromises.id,
  accountId: paymentPromises.accountId,
  accountNumber: customerAccounts.number,
  accountName: customerAccounts.legalName,
  amount: paymentPromises.amount,
  currency: paymentPromises.currency,
  promisedDate: paymentPromises.promisedDate,
  status: paymentPromises.status,
  paidAmount: paymentPromises.paidAmount,
  note: paymentPromises.note,
  createdAt: paymentPromises.createdAt,
  paidSoFar: promisePaidSql(paymentPromises.id),
  planId: paymentPromises.planId,
  planPosition: paymentPromises.planPosition,
};

async function withDocuments<T extends { id: string }>(db: DbOrTx, rows: T[]) {
  if (rows.length === 0) return [];
  const docs = await db
    .select({
      promiseId: paymentPromiseDocuments.promiseId,
      documentId: paymentPromiseDocuments.documentId,
      amount: paymentPromiseDocuments.amount,
      series: documents.series,
      folio: documents.folio,
    })
    .from(paymentPromiseDocuments)
    .innerJoin(documents, eq(documents.id, paymentPromiseDocuments.documentId))
    .where(
      inArray(
        paymentPromiseDocuments.promiseId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(paymentPromiseDocuments.promiseId), asc(paymentPromiseDocuments.position));
  return rows.map((row) => ({
    ...row,
    documents: docs
      .filter((d) => d.promiseId === row.id)
      .map((d) => ({ id: d.documentId, label: `${d.series}-${d.folio}`, amount: d.amount })),
  }));
}

export async function listAccountPromises(db: DbOrTx, accountIds: string[], page = 1) {
  if (accountIds.length === 0) return { rows: [], hasMore: false };
  const rows = await db
    .select(columns)
    .from(paymentPromises)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPromises.accountId))
    .where(inArray(paymentPromises.accountId, accountIds))
    .orderBy(desc(paymentPromises.promisedDate), desc(paymentPromises.id))
    .limit(PROMISE_PAGE_SIZE + 1)
    .offset((page - 1) * PROMISE_PAGE_SIZE);
  return { rows: await withDocuments(db, rows.slice(0, PROMISE_PAGE_SIZE)), hasMore: rows.length > PROMISE_PAGE_SIZE };
}

/** The pending promises of the accounts, nearest date first (home's reminder). */
export async function listPendingPromises(db: DbOrTx, accountIds: string[], limit = 5) {
  if (accountIds.length === 0) return [];
  return db
    .select(columns)
    .from(paymentPromises)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPromises.accountId))
    .where(and(inArray(paymentPromises.accountId, accountIds), eq(paymentPromises.status, "pending")))
    .orderBy(asc(paymentPromises.promisedDate), asc(paymentPromises.id))
    .limit(limit);
}

export async function listStaffPromises(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  input: { view: StaffPromiseView; now: Date; page: number },
) {
  // "Today" is the account's seller's calendar day at `now` (a Colombian account's day starts an hour
  // after a Mexican one's part of the year), never one zone's for every account.
  const today = sql`((${input.now.toISOString()})::timestamptz at time zone ${sellers.timeZone})::date`;
  const byView: Record<StaffPromiseView, SQL | undefined> = {
    today: and(eq(paymentPromises.status, "pending"), sql`${paymentPromises.promisedDate} = ${today}`),
    week: and(
      eq(paymentPromises.status, "pending"),
      sql`${paymentPromises.promisedDate} between ${today} and ${today} + 6`,
    ),
    pending: eq(paymentPromises.status, "pending"),
    broken: eq(paymentPromises.status, "broken" satisfies PromiseStatus),
    partly_kept: eq(paymentPromises.status, "partly_kept"),
    kept: eq(paymentPromises.status, "kept"),
  };
  const settledView = input.view === "broken" || input.view === "partly_kept" || input.view === "kept";
  const rows = await db
    .select(columns)
    .from(paymentPromises)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPromises.accountId))
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(and(byView[input.view], staffScope(staff)))
    .orderBy(
      settledView ? desc(paymentPromises.promisedDate) : asc(paymentPromises.promisedDate),
      asc(paymentPromises.id),
    )
    .limit(PROMISE_PAGE_SIZE + 1)
    .offset((input.page - 1) * PROMISE_PAGE_SIZE);
  return { rows: await withDocuments(db, rows.slice(0, PROMISE_PAGE_SIZE)), hasMore: rows.length > PROMISE_PAGE_SIZE };
}
