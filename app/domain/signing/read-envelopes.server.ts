// Reading envelopes: the list of one account's (staff and portal), the collector's portfolio list,
// and one envelope with its signers and differences. Every read is scoped by the account IDs (or the
// staff reach) the caller may see; another account's envelope is simply not there. The status shown
// is the stored one, except that a sent or viewed envelope past its deadline reads as expired.
import { type SQL, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { customerAccounts, envelopeSigners, envelopes, reconciliationDifferences, claims, users } from "#db/schema";
import { staffScope } from "~/domain/identity/account-access.server";
import type { EnvelopeStatus, StaffRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import type { ReconciliationContent } from "./reconciliation-content";

export function effectiveStatus(e: { status: EnvelopeStatus; expiresAt: Date | null }, now: Date): EnvelopeStatus {
  if ((e.status === "sent" || e.status === "viewed") && e.expiresAt && e.expiresAt <= now) return "expired";
  return e.status;
}

const listColumns = {
  id: envelopes.id,
  number: envelopes.number,
  kind: envelopes.kind,
  status: envelopes.status,
  cutoffDate: envelopes.cutoffDate,
  accountId: envelopes.accountId,
  accountNumber: customerAccounts.number,
  accountName: customerAccounts.legalName,
  sentAt: envelopes.sentAt,
  expiresAt: envelopes.expiresAt,
  completedAt: envelopes.completedAt,
  sealedAt: envelopes.sealedAt,
  createdAt: envelopes.createdAt,
};

async function listWhere(db: DbOrTx, where: SQL | undefined, now: Date, limit = 200) {
  const rows = await db
    .select(listColumns)
    .from(envelopes)
    .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
    .where(where)
    .orderBy(desc(envelopes.createdAt), desc(envelopes.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, status: effectiveStatus(r, now) }));
}

/** A customer's or one account's reconciliations (customers never see drafts), newest first (minutes: read-minutes.server.ts). */
export function listAccountEnvelopes(
  db: DbOrTx,
  input: { accountIds: readonly string[]; includeDrafts: boolean },
  { now }: { now: Date },
) {
  if (input.accountIds.length === 0) return Promise.resolve([]);
  return listWhere(
    db,
    and(
      inArray(envelopes.accountId, [...input.accountIds]),
      eq(envelopes.kind, "reconciliation"),
      input.includeDrafts ? undefined : sql`${envelopes.status} <> 'draft'`,
    ),
    now,
  );
}

/** The staff member's portfolio (its reach: own accounts, its team's, or all), optionally by status. */
export function listPortfolioEnvelopes(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  input: { status?: EnvelopeStatus },
  { now }: { now: Date },
) {
  const expired = sql`${envelopes.status} in ('sent', 'viewed') and ${envelopes.expiresAt} <= ${now}`;
  const byStatus =
    input.status === undefined
      ? undefined
      : input.status === "expired"
        ? sql`(${envelopes.status} = 'expired' or (${expired}))`
        : input.status === "sent" || input.status === "viewed"
          ? and(eq(envelopes.status, input.status), sql`not (${expired})`)
          : eq(envelopes.status, input.status);
  return listWhere(db, and(staffScope(staff), eq(envelopes.kind, "reconciliation"), byStatus), now);
}

/** One reconciliation of the given accounts with its signers and differences, or null (minutes: readMinutes). */
export async function readEnvelope(
  db: DbOrTx,
  accountIds: readonly string[],
  envelopeId: string,
  { now }: { now: Date },
) {
  if (accountIds.length === 0) return null;
  const [row] = await db
    .select({
      ...listColumns,
      message: envelopes.message,
      content: envelopes.content,
      contentSha256: envelopes.contentSha256,
      verificationCode: envelopes.verificationCode,
      customerBalance: envelopes.customerBalance,
      customerBalanceCurrency: envelopes.customerBalanceCurrency,
      originalSha256: envelopes.originalSha256,
      sealedSha256: envelopes.sealedSha256,
    })
    .from(envelopes)
    .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
    .where(
      and(
        eq(envelopes.id, envelopeId),
        eq(envelopes.kind, "reconciliation"),
        inArray(envelopes.accountId, [...accountIds]),
      ),
    );
  if (!row) return null;
  const [signers, differences] = await Promise.all([
    db
      .select({
        id: envelopeSigners.id,
        userId: envelopeSigners.userId,
        name: users.name,
        email: users.email,
        role: envelopeSigners.role,
        status: envelopeSigners.status,
        viewedAt: envelopeSigners.viewedAt,
        signedAt: envelopeSigners.signedAt,
        signedTimeZone: envelopeSigners.signedTimeZone,
        typedName: envelopeSigners.typedName,
        ip: envelopeSigners.ip,
        userAgent: envelopeSigners.userAgent,
      })
      .from(envelopeSigners)
      .innerJoin(users, eq(users.id, envelopeSigners.userId))
      .where(eq(envelopeSigners.envelopeId, row.id))
      .orderBy(asc(users.email)),
    db
      .select({
        id: reconciliationDifferences.id,
        kind: reconciliationDifferences.kind,
        documentId: reconciliationDifferences.documentId,
        reference: reconciliationDifferences.reference,
        amount: reconciliationDifferences.amount,
        currency: reconciliationDifferences.currency,
        description: reconciliationDifferences.description,
        claimId: reconciliationDifferences.claimId,
        claimNumber: claims.number,
      })
      .from(reconciliationDifferences)
      .innerJoin(claims, eq(claims.id, reconciliationDifferences.claimId))
      .where(eq(reconciliationDifferences.envelopeId, row.id))
      .orderBy(asc(reconciliationDifferences.createdAt), asc(reconciliationDifferences.id)),
  ]);
  return {
    ...row,
    status: effectiveStatus(row, now),
    storedStatus: row.status,
    content: row.content as ReconciliationContent,
    signers,
    differences,
  };
}
export type EnvelopeDetail = NonNullable<Awaited<ReturnType<typeof readEnvelope>>>;
