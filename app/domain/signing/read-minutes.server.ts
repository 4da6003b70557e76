// Reading minutes: one account's list (staff and portal) and one version with its signers, the
// corrections proposed and their responses, the version it replaced and the one that replaced it, and
// what its payment-promise agreements became. Every read is scoped by the account IDs the caller may
// see; another account's minutes are simply not there. A sent or viewed one past its deadline reads as
// expired.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  customerAccounts,
  envelopeSigners,
  envelopes,
  minuteCorrectionResponses,
  minuteCorrections,
  minutePromises,
  users,
} from "#db/schema";
import type { CorrectionTarget } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { listAccountSigners } from "./envelope-parties.server";
import type { MinutesContent } from "./minutes-content";
import { effectiveStatus } from "./read-envelopes.server";

/** The account's minutes (customers never see drafts), newest first. */
export async function listAccountMinutes(
  db: DbOrTx,
  input: { accountIds: readonly string[]; includeDrafts: boolean },
  { now }: { now: Date },
) {
  if (input.accountIds.length === 0) return [];
  const rows = await db
    .select({
      id: envelopes.id,
      number: envelopes.number,
      version: envelopes.version,
      status: envelopes.status,
      accountId: envelopes.accountId,
      accountNumber: customerAccounts.number,
      accountName: customerAccounts.legalName,
      meetingDate: sql<string>`${envelopes.content}->>'meetingDate'`,
      channel: sql<string>`${envelopes.content}->>'channel'`,
      sentAt: envelopes.sentAt,
      expiresAt: envelopes.expiresAt,
      completedAt: envelopes.completedAt,
      sealedAt: envelopes.sealedAt,
      createdAt: envelopes.createdAt,
    })
    .from(envelopes)
    .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
    .where(
      and(
        eq(envelopes.kind, "minutes"),
        inArray(envelopes.accountId, [...input.accountIds]),
        input.includeDrafts ? undefined : sql`${envelopes.status} <> 'draft'`,
      ),
    )
    .orderBy(desc(envelopes.createdAt), desc(envelopes.id))
    .limit(200);
  return rows.map((r) => ({ ...r, status: effectiveStatus(r, now) }));
}

/** One version of minutes of the given accounts, or null. */
export async function readMinutes(
  db: DbOrTx,
  accountIds: readonly string[],
  envelopeId: string,
  { now }: { now: Date },
) {
  if (accountIds.length === 0) return null;
  const [row] = await db
    .select({
      id: envelopes.id,
      number: envelopes.number,
      version: envelopes.version,
      status: envelopes.status,
      accountId: envelopes.accountId,
      content: envelopes.content,
      contentSha256: envelopes.contentSha256,
      verificationCode: envelopes.verificationCode,
      supersedesId: envelopes.supersedesId,
      sentAt: envelopes.sentAt,
      expiresAt: envelopes.expiresAt,
      completedAt: envelopes.completedAt,
      sealedAt: envelopes.sealedAt,
      sealedSha256: envelopes.sealedSha256,
      createdAt: envelopes.createdAt,
    })
    .from(envelopes)
    .where(
      and(eq(envelopes.id, envelopeId), eq(envelopes.kind, "minutes"), inArray(envelopes.accountId, [...accountIds])),
    );
  if (!row) return null;
  const [signers, corrections, next, promises] = await Promise.all([
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
        typedName: envelopeSigners.typedName,
      })
      .from(envelopeSigners)
      .innerJoin(users, eq(users.id, envelopeSigners.userId))
      .where(eq(envelopeSigners.envelopeId, row.id))
      .orderBy(asc(users.email)),
    db
      .select({
        id: minuteCorrections.id,
        items: minuteCorrections.items,
        createdAt: minuteCorrections.createdAt,
        signerId: minuteCorrections.signerId,
        signerName: users.name,
        response: minuteCorrectionResponses.response,
        responseMessage: minuteCorrectionResponses.message,
        respondedAt: minuteCorrectionResponses.createdAt,
        newEnvelopeId: minuteCorrectionResponses.newEnvelopeId,
      })
      .from(minuteCorrections)
      .innerJoin(envelopeSigners, eq(envelopeSigners.id, minuteCorrections.signerId))
      .innerJoin(users, eq(users.id, envelopeSigners.userId))
      .leftJoin(minuteCorrectionResponses, eq(minuteCorrectionResponses.correctionId, minuteCorrections.id))
      .where(eq(minuteCorrections.envelopeId, row.id))
      .orderBy(asc(minuteCorrections.createdAt), asc(minuteCorrections.id)),
    db
      .select({ id: envelopes.id, number: envelopes.number, version: envelopes.version })
      .from(envelopes)
      .where(and(eq(envelopes.supersedesId, row.id), inArray(envelopes.accountId, [...accountIds]))),
    db
      .select({
        agreementId: minutePromises.agreementId,
        promiseId: minutePromises.promiseId,
        refusedCode: minutePromises.refusedCode,
      })
      .from(minutePromises)
      .where(eq(minutePromises.envelopeId, row.id)),
  ]);
  const previous = row.supersedesId
    ? ((
        await db
          .select({ id: envelopes.id, number: envelopes.number, version: envelopes.version })
          .from(envelopes)
          .where(and(eq(envelopes.id, row.supersedesId), inArray(envelopes.accountId, [...accountIds])))
      )[0] ?? null)
    : null;
  return {
    ...row,
    status: effectiveStatus(row, now),
    storedStatus: row.status,
    content: row.content as MinutesContent,
    signers,
    corrections: corrections.map((c) => ({
      ...c,
      items: c.items as { target: CorrectionTarget; targetId: string | null; text: string }[],
    })),
    supersededBy: next[0] ?? null,
    previous,
    promises,
  };
}
export type MinutesDetail = NonNullable<Awaited<ReturnType<typeof readMinutes>>>;

/** Who may attend and sign minutes of the account: its enabled customer users whose grant may sign. */
export function listMinutesAttendeeOptions(db: DbOrTx, accountId: string) {
  return listAccountSigners(db, accountId, { orderBy: "name" });
}
