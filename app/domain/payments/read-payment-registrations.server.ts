// What the payment pages read. A customer: its registrations on the accounts it may see (a foreign ID
// is simply not found), each with its allocation, its ledger payment's applications and its REPs. Staff:
// the cash application queue of the accounts they reach (portfolio, team or all), filtered by status in
// SQL and walked a keyset page at a time by (created_at, id).
import { and, asc, desc, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import {
  applications,
  customerAccounts,
  documents,
  paymentAllocations,
  paymentReceiptInvoices,
  paymentReceipts,
  paymentRegistrations,
  sellers,
  users,
} from "#db/schema";
import { staffScope } from "~/domain/identity/account-access.server";
import type { PaymentRegistrationStatus, StaffRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";

export const QUEUE_PAGE_SIZE = 25;

const summaryColumns = {
  id: paymentRegistrations.id,
  number: paymentRegistrations.number,
  accountId: paymentRegistrations.accountId,
  accountNumber: customerAccounts.number,
  accountName: customerAccounts.legalName,
  method: paymentRegistrations.method,
  status: paymentRegistrations.status,
  paidOn: paymentRegistrations.paidOn,
  depositDate: paymentRegistrations.depositDate,
  amount: paymentRegistrations.amount,
  currency: paymentRegistrations.currency,
  bank: paymentRegistrations.bank,
  reference: paymentRegistrations.reference,
  staffEntered: paymentRegistrations.staffEntered,
  duplicateDecision: paymentRegistrations.duplicateDecision,
  createdAt: paymentRegistrations.createdAt,
};

/** A customer's registrations on `accountIds`, newest first (the last 100). */
export async function listCustomerRegistrations(db: DbOrTx, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db
    .select(summaryColumns)
    .from(paymentRegistrations)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentRegistrations.accountId))
    .where(inArray(paymentRegistrations.accountId, [...accountIds]))
    .orderBy(desc(paymentRegistrations.createdAt), desc(paymentRegistrations.id))
    .limit(100);
}

/** The keyset cursor of the queue: the last row's (created_at, id). */
export function encodeQueueCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}
export function decodeQueueCursor(value: string | null): { createdAt: Date; id: string } | null {
  if (!value || value.length > 200) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [at, id] = parsed as unknown[];
    if (typeof at !== "string" || typeof id !== "string" || !/^[a-z0-9]{1,64}$/.test(id)) return null;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
  } catch {
    return null;
  }
}

/**
 * The cash application queue: registrations of a status (in review by default), oldest first, of the
 * accounts the staff member reaches; `after` continues from a cursor. Filters and reach are SQL.
 */
export async function listPaymentQueue(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  input: { status: PaymentRegistrationStatus; after: { createdAt: Date; id: string } | null; size?: number },
) {
  const size = input.size ?? QUEUE_PAGE_SIZE;
  const after: SQL | undefined = input.after
    ? or(
        gt(paymentRegistrations.createdAt, input.after.createdAt),
        and(eq(paymentRegistrations.createdAt, input.after.createdAt), gt(paymentRegistrations.id, input.after.id)),
      )
    : undefined;
  const rows = await db
    .select(summaryColumns)
    .from(paymentRegistrations)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentRegistrations.accountId))
    .where(and(eq(paymentRegistrations.status, input.status), staffScope(staff), after))
    .orderBy(asc(paymentRegistrations.createdAt), asc(paymentRegistrations.id))
    .limit(size + 1);
  const page = rows.slice(0, size);
  return { rows: page, next: rows.length > size ? encodeQueueCursor(page[page.length - 1]) : null };
}

/** One registration with everything its page shows; null when it does not exist for this reader. */
async function readRegistration(db: DbOrTx, where: SQL | undefined) {
  const [row] = await db
    .select({
      ...summaryColumns,
      sellerId: paymentRegistrations.sellerId,
      country: sellers.country,
      timeZone: sellers.timeZone,
      sellerName: sellers.legalName,
      sellerTaxId: sellers.taxId,
      accountTaxId: customerAccounts.taxId,
      notes: paymentRegistrations.notes,
      rejectionReason: paymentRegistrations.rejectionReason,
      proofFileName: paymentRegistrations.proofFileName,
      proofMediaType: paymentRegistrations.proofMediaType,
      proofSha256: paymentRegistrations.proofSha256,
      proofSize: paymentRegistrations.proofSize,
      paymentDocumentId: paymentRegistrations.paymentDocumentId,
      exchangeRate: paymentRegistrations.exchangeRate,
      version: paymentRegistrations.version,
      reviewedAt: paymentRegistrations.reviewedAt,
      registeredByName: users.name,
    })
    .from(paymentRegistrations)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentRegistrations.accountId))
    .innerJoin(sellers, eq(sellers.id, paymentRegistrations.sellerId))
    .innerJoin(users, eq(users.id, paymentRegistrations.registeredById))
    .where(where);
  if (!row) return null;
  const allocations = await db
    .select({
      documentId: paymentAllocations.documentId,
      amount: paymentAllocations.amount,
      currency: paymentAllocations.currency,
      series: documents.series,
      folio: documents.folio,
      dueDate: documents.dueDate,
      openAmount: documents.openAmount,
    })
    .from(paymentAllocations)
    .innerJoin(documents, eq(documents.id, paymentAllocations.documentId))
    .where(eq(paymentAllocations.registrationId, row.id))
    .orderBy(asc(documents.dueDate), asc(documents.id));
  const applied = row.paymentDocumentId
    ? await db
        .select({
          id: applications.id,
          targetId: applications.targetId,
          series: documents.series,
          folio: documents.folio,
          amount: applications.amount,
          appliedOn: applications.appliedOn,
          reversesId: applications.reversesId,
          reversed: sql<boolean>`exists (select 1 from ${applications} r where r.reverses_id = ${applications.id})`,
        })
        .from(applications)
        .innerJoin(documents, eq(documents.id, applications.targetId))
        .where(eq(applications.sourceId, row.paymentDocumentId))
        .orderBy(asc(applications.createdAt), asc(applications.id))
    : [];
  const receipts = await db
    .select({
      id: paymentReceipts.id,
      series: paymentReceipts.series,
      folio: paymentReceipts.folio,
      uuid: paymentReceipts.uuid,
    })
    .from(paymentReceipts)
    .where(eq(paymentReceipts.registrationId, row.id))
    .orderBy(asc(paymentReceipts.createdAt));
  return { registration: row, allocations, applied, receipts };
}

export type RegistrationDetail = NonNullable<Awaited<ReturnType<typeof readRegistration>>>;

export function getCustomerRegistration(db: DbOrTx, accountIds: readonly string[], registrationId: string) {
  if (accountIds.length === 0) return Promise.resolve(null);
  return readRegistration(
    db,
    and(eq(paymentRegistrations.id, registrationId), inArray(paymentRegistrations.accountId, [...accountIds])),
  );
}

export function getStaffRegistration(db: DbOrTx, staff: { id: string; staffRole: StaffRole }, registrationId: string) {
  return readRegistration(db, and(eq(paymentRegistrations.id, registrationId), staffScope(staff)));
}

/** The registration row itself (for duplicate detection on its page), reached as getStaffRegistration. */
export async function getRegistrationRow(db: DbOrTx, registrationId: string) {
  const [row] = await db.select().from(paymentRegistrations).where(eq(paymentRegistrations.id, registrationId));
  return row ?? null;
}

/** The proof file's bytes, if the registration is on one of `accountIds` (null: not found). */
export async function getRegistrationProof(
  db: DbOrTx,
  where: { registrationId: string; accountIds: readonly string[] },
) {
  if (where.accountIds.length === 0) return null;
  const [row] = await db
    .select({
      fileName: paymentRegistrations.proofFileName,
      mediaType: paymentRegistrations.proofMediaType,
      content: paymentRegistrations.proofContent,
    })
    .from(paymentRegistrations)
    .where(
      and(
        eq(paymentRegistrations.id, where.registrationId),
        inArray(paymentRegistrations.accountId, [...where.accountIds]),
      ),
    );
  return row?.content ? row : null;
}

/** A REP (XML and what its printed form shows) if it belongs to one of `accountIds`; null otherwise. */
export async function getPaymentReceipt(db: DbOrTx, accountIds: readonly string[], receiptId: string) {
  if (accountIds.length === 0) return null;
  const [receipt] = await db
    .select({
      id: paymentReceipts.id,
      registrationId: paymentReceipts.registrationId,
      accountId: paymentReceipts.accountId,
      series: paymentReceipts.series,
      folio: paymentReceipts.folio,
      uuid: paymentReceipts.uuid,
      xml: paymentReceipts.xml,
      createdAt: paymentReceipts.createdAt,
    })
    .from(paymentReceipts)
    .where(and(eq(paymentReceipts.id, receiptId), inArray(paymentReceipts.accountId, [...accountIds])));
  if (!receipt) return null;
  const invoices = await db
    .select({
      invoiceId: paymentReceiptInvoices.invoiceId,
      series: documents.series,
      folio: documents.folio,
      uuid: documents.fiscalId,
      currency: documents.currency,
      instalment: paymentReceiptInvoices.instalment,
      balanceBefore: paymentReceiptInvoices.balanceBefore,
      paid: paymentReceiptInvoices.paid,
      balanceAfter: paymentReceiptInvoices.balanceAfter,
    })
    .from(paymentReceiptInvoices)
    .innerJoin(documents, eq(documents.id, paymentReceiptInvoices.invoiceId))
    .where(eq(paymentReceiptInvoices.receiptId, receipt.id))
    .orderBy(asc(documents.series), asc(documents.folio));
  return { ...receipt, invoices };
}

/** The REPs naming an invoice (its instalments), for the invoice's page. */
export async function listInvoiceReceipts(db: DbOrTx, accountIds: readonly string[], invoiceId: string) {
  if (accountIds.length === 0) return [];
  return db
    .select({
      id: paymentReceipts.id,
      series: paymentReceipts.series,
      folio: paymentReceipts.folio,
      uuid: paymentReceipts.uuid,
      instalment: paymentReceiptInvoices.instalment,
      paid: paymentReceiptInvoices.paid,
      balanceAfter: paymentReceiptInvoices.balanceAfter,
    })
    .from(paymentReceiptInvoices)
    .innerJoin(paymentReceipts, eq(paymentReceipts.id, paymentReceiptInvoices.receiptId))
    .where(and(eq(paymentReceiptInvoices.invoiceId, invoiceId), inArray(paymentReceipts.accountId, [...accountIds])))
    .orderBy(asc(paymentReceiptInvoices.instalment));
}

/** The account a REP belongs to (the staff download checks the reader reaches it); null when none. */
export async function findReceiptAccount(db: DbOrTx, receiptId: string): Promise<string | null> {
  const [row] = await db
    .select({ accountId: paymentReceipts.accountId })
    .from(paymentReceipts)
    .where(eq(paymentReceipts.id, receiptId));
  return row?.accountId ?? null;
}
