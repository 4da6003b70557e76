// The next folio of a seller's series for one document kind: one more than the highest numeric folio
// issued so far. Serialised per (seller, kind, series) by a transaction-scoped advisory lock, so two
// transactions issuing in the same series at once get consecutive folios instead of one failing on
// the unique key; the lock is released when the caller's transaction ends.
import { sql } from "drizzle-orm";
import { documents } from "#db/schema";
import type { DocumentKind } from "~/domain/vocabulary";
import { type DbOrTx, queryRows } from "~/utils/db.server";

export async function nextFolio(
  tx: DbOrTx,
  input: { sellerId: string; kind: DocumentKind; series: string; first?: number },
): Promise<string> {
  const key = `folio:${input.sellerId}:${input.kind}:${input.series}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  const [row] = await queryRows<{ max: string | null }>(
    tx,
    sql`select max(${documents.folio}::numeric)::text as max from ${documents}
        where ${documents.sellerId} = ${input.sellerId} and ${documents.kind} = ${input.kind}
          and ${documents.series} = ${input.series} and ${documents.folio} ~ '^[0-9]{1,18}$'`,
  );
  return row?.max ? (BigInt(row.max) + 1n).toString() : String(input.first ?? 1);
}
