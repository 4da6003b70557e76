// The sealed PDF of an envelope of the given accounts, or null (not theirs, or not sealed yet).
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { envelopes } from "#db/schema";
import type { EnvelopeKind } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";

export async function readSealedPdf(
  db: DbOrTx,
  accountIds: readonly string[],
  envelopeId: string,
  kind?: EnvelopeKind,
) {
  if (accountIds.length === 0) return null;
  const [row] = await db
    .select({ id: envelopes.id, number: envelopes.number, accountId: envelopes.accountId, bytes: envelopes.sealedPdf })
    .from(envelopes)
    .where(
      and(
        eq(envelopes.id, envelopeId),
        inArray(envelopes.accountId, [...accountIds]),
        isNotNull(envelopes.sealedAt),
        kind ? eq(envelopes.kind, kind) : undefined,
      ),
    );
  return row?.bytes ? { ...row, bytes: row.bytes } : null;
}
