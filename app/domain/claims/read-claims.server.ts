// What the claim pages read: a customer's claims (only its accounts, never internal notes) and the
// staff queue (only the claims the staff member may act on, per staff-access.server.ts, or every
// claim for administrators and auditors), each a page at a time in SQL.
import { and, asc, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  claimAttachments,
  claimDocuments,
  claimMessages,
  claims,
  customerAccounts,
  documents,
  invoiceLines,
  users,
  sellers,
} from "#db/schema";
import type { ClaimStatus } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { REOPEN_WINDOW_DAYS } from "./customer-claim-actions.server";
import { ClaimRuleError } from "./errors";
import type { StaffActor } from "./staff-access.server";

export const CLAIM_PAGE_SIZE = 25;

const listColumns = {
  id: claims.id,
  number: claims.number,
  type: claims.type,
  status: claims.status,
  level: claims.level,
  dueAt: claims.dueAt,
  createdAt: claims.createdAt,
  accountId: claims.accountId,
  accountNumber: customerAccounts.number,
  accountName: customerAccounts.legalName,
};

/** A customer's claims on `accountIds`, newest first, `page` (1-based) of CLAIM_PAGE_SIZE. */
export async function listCustomerClaims(
  db: DbOrTx,
  input: { accountIds: readonly string[]; status: ClaimStatus | null; page: number },
) {
  if (input.accountIds.length === 0) return { rows: [], hasMore: false };
  const rows = await db
    .select(listColumns)
    .from(claims)
    .innerJoin(customerAccounts, eq(customerAccounts.id, claims.accountId))
    .where(
      and(inArray(claims.accountId, [...input.accountIds]), input.status ? eq(claims.status, input.status) : undefined),
    )
    .orderBy(desc(claims.createdAt), desc(claims.id))
    .limit(CLAIM_PAGE_SIZE + 1)
    .offset((input.page - 1) * CLAIM_PAGE_SIZE);
  return { rows: rows.slice(0, CLAIM_PAGE_SIZE), hasMore: rows.length > CLAIM_PAGE_SIZE };
}

const collector = alias(users, "claim_collector");

/** The SQL twin of staffMayAct (staff-access.server.ts); administrators and auditors see every claim. */
function staffVisible(staff: StaffActor): SQL | undefined {
  if (staff.staffRole === "admin" || staff.staffRole === "auditor") return undefined;
  const mine = eq(claims.assigneeId, staff.userId);
  switch (staff.staffRole) {
    case "collector":
      return or(mine, eq(customerAccounts.collectorId, staff.userId));
    case "supervisor":
      return or(mine, eq(collector.supervisorId, staff.userId));
    case "area_owner":
      return staff.staffArea ? or(mine, and(eq(claims.level, "L3"), eq(claims.owningArea, staff.staffArea))) : mine;
  }
}

/** The staff queue: the claims the staff member may see, the nearest deadline first (paused and closed last). */
export async function listStaffClaims(
  db: DbOrTx,
  staff: StaffActor,
  input: { status: ClaimStatus | null; page: number },
) {
  const rows = await db
    .select(listColumns)
    .from(claims)
    .innerJoin(customerAccounts, eq(customerAccounts.id, claims.accountId))
    .leftJoin(collector, eq(collector.id, customerAccounts.collectorId))
    .where(
      and(
        staffVisible(staff),
        input.status ? eq(claims.status, input.status) : inArray(claims.status, ["open", "waiting_on_customer"]),
      ),
    )
    .orderBy(sql`${claims.dueAt} asc nulls last`, asc(claims.createdAt), asc(claims.id))
    .limit(CLAIM_PAGE_SIZE + 1)
    .offset((input.page - 1) * CLAIM_PAGE_SIZE);
  return { rows: rows.slice(0, CLAIM_PAGE_SIZE), hasMore: rows.length > CLAIM_PAGE_SIZE };
}

/** Whether the staff member may see the claim (claim.not_found otherwise, as if it did not exist). */
export async function requireStaffMaySee(db: DbOrTx, staff: StaffActor, claimId: string) {
  const [row] = await db
    .select({ id: claims.id })
    .from(claims)
    .innerJoin(customerAccounts, eq(customerAccounts.id, claims.accountId))
    .leftJoin(collector, eq(collector.id, customerAccounts.collectorId))
    .where(and(eq(claims.id, claimId), staffVisible(staff)));
  if (!row) throw new ClaimRuleError("claim.not_found");
}

/** One claim with its disputed documents, thread and evidence. `audience` "customer" leaves out internal notes. */
export async function readClaimDetail(
  db: DbOrTx,
  claimId: string,
  scope: { audience: "customer"; accountIds: readonly string[] } | { audience: "staff" },
  now: Date,
) {
  const customer = scope.audience === "customer";
  if (customer && scope.accountIds.length === 0) throw new ClaimRuleError("claim.not_found");
  const assignee = alias(users, "claim_assignee");
  const [row] = await db
    .select({
      claim: claims,
      accountNumber: customerAccounts.number,
      accountName: customerAccounts.legalName,
      assigneeName: assignee.name,
      timeZone: sellers.timeZone,
      country: sellers.country,
    })
    .from(claims)
    .innerJoin(customerAccounts, eq(customerAccounts.id, claims.accountId))
    .innerJoin(sellers, eq(sellers.id, claims.sellerId))
    .leftJoin(assignee, eq(assignee.id, claims.assigneeId))
    .where(and(eq(claims.id, claimId), customer ? inArray(claims.accountId, [...scope.accountIds]) : undefined));
  if (!row) throw new ClaimRuleError("claim.not_found");
  const [docs, messages, attachments] = await Promise.all([
    db
      .select({
        id: claimDocuments.id,
        documentId: claimDocuments.documentId,
        series: documents.series,
        folio: documents.folio,
        kind: documents.kind,
        amount: claimDocuments.disputedAmount,
        currency: claimDocuments.currency,
        lineId: claimDocuments.lineId,
        lineNo: invoiceLines.lineNo,
        lineDescription: invoiceLines.description,
        lineTotal: invoiceLines.total,
      })
      .from(claimDocuments)
      .innerJoin(documents, eq(documents.id, claimDocuments.documentId))
      .leftJoin(invoiceLines, eq(invoiceLines.id, claimDocuments.lineId))
      .where(eq(claimDocuments.claimId, claimId))
      .orderBy(asc(documents.series), asc(documents.folio), sql`${invoiceLines.lineNo} asc nulls first`),
    db
      .select({
        id: claimMessages.id,
        kind: claimMessages.kind,
        body: claimMessages.body,
        createdAt: claimMessages.createdAt,
        authorName: users.name,
        authorKind: users.kind,
      })
      .from(claimMessages)
      .leftJoin(users, eq(users.id, claimMessages.authorId))
      .where(and(eq(claimMessages.claimId, claimId), customer ? ne(claimMessages.kind, "internal_note") : undefined))
      .orderBy(asc(claimMessages.createdAt), asc(claimMessages.id)),
    db
      .select({
        id: claimAttachments.id,
        fileName: claimAttachments.fileName,
        mediaType: claimAttachments.mediaType,
        size: claimAttachments.size,
      })
      .from(claimAttachments)
      .where(eq(claimAttachments.claimId, claimId))
      .orderBy(asc(claimAttachments.createdAt), asc(claimAttachments.id)),
  ]);
  const { claim } = row;
  const reopenable =
    claim.status === "resolved" &&
    claim.resolvedAt !== null &&
    now.getTime() - claim.resolvedAt.getTime() <= REOPEN_WINDOW_DAYS * 86_400_000;
  return {
    claim,
    account: { number: row.accountNumber, legalName: row.accountName },
    /** The seller's: the account's time zone and formatting country. */
    timeZone: row.timeZone,
    country: row.country,
    assigneeName: row.assigneeName,
    documents: docs,
    messages,
    attachments,
    reopenable,
  };
}
export type ClaimDetail = Awaited<ReturnType<typeof readClaimDetail>>;

/** The document a claim form starts from, if it is an issued document of one of `accountIds`. */
export async function findClaimableDocument(db: DbOrTx, accountIds: readonly string[], documentId: string) {
  if (accountIds.length === 0) return null;
  const [doc] = await db
    .select({
      id: documents.id,
      accountId: documents.accountId,
      kind: documents.kind,
      series: documents.series,
      folio: documents.folio,
      currency: documents.currency,
      openAmount: documents.openAmount,
    })
    .from(documents)
    .where(
      and(eq(documents.id, documentId), inArray(documents.accountId, [...accountIds]), eq(documents.status, "issued")),
    );
  return doc ?? null;
}

/**
 * The lines of an invoice the raise form offers, each with the most that may be disputed on it (its
 * total). Call it only with a document findClaimableDocument returned: it does not scope by account.
 */
export async function listClaimableLines(db: DbOrTx, documentId: string) {
  return db
    .select({
      id: invoiceLines.id,
      lineNo: invoiceLines.lineNo,
      sku: invoiceLines.sku,
      description: invoiceLines.description,
      quantity: invoiceLines.quantity,
      unit: invoiceLines.unit,
      total: invoiceLines.total,
    })
    .from(invoiceLines)
    .where(eq(invoiceLines.documentId, documentId))
    .orderBy(asc(invoiceLines.lineNo));
}
