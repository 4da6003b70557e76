// Open items: each document's applied amount (what was applied to a charge, or what a credit applied)
// and the date of the latest application touching it, kept on the document by this module only
// (ADR 009). The open amount is a generated column: amount − applied_amount, 0 once cancelled.
//
// Who writes: applyCredits and reverseApplication, through recordApplied below, in their own
// transaction, after locking the documents involved in id order and inserting the application rows;
// so the stored amounts change exactly when and where the entries do. A new document starts at 0
// (issueDocuments writes nothing here). The database refuses any other write: a trigger
// (migration 0007) lets applied_amount and last_applied_on change only while the transaction-local
// setting `cartera.ledger_write` is on, which recordApplied sets around its one update and clears
// again; CHECK constraints keep 0 ≤ applied ≤ amount and 0 ≤ open ≤ amount.
// How it is verified: verifyOpenItems (npm run ledger:verify) recomputes every document's figures
// from documents and applications and lists each difference.
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { documents } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { toMoney } from "~/utils/money";

/** The transaction-local setting the guard trigger on documents looks for. */
export const LEDGER_WRITE_SETTING = "cartera.ledger_write";

export interface AppliedChange {
  documentId: string;
  /** Added to the document's applied amount: positive for an application, negative for a reversal. */
  amount: Decimal | string;
  /** The application's (or reversal's) date. */
  appliedOn: string;
}

/**
 * Adds application amounts to the documents' stored applied amounts and moves their last application
 * date forward. Call only from the ledger's write operations, inside their transaction, with the
 * documents already locked and the application rows already inserted.
 */
export async function recordApplied(tx: DbOrTx, changes: AppliedChange[]): Promise<void> {
  if (changes.length === 0) return;
  const byDocument = new Map<string, { amount: Decimal; last: string }>();
  for (const c of changes) {
    const current = byDocument.get(c.documentId);
    if (current) {
      current.amount = current.amount.plus(c.amount);
      if (c.appliedOn > current.last) current.last = c.appliedOn;
    } else byDocument.set(c.documentId, { amount: new Decimal(c.amount), last: c.appliedOn });
  }
  const rows = [...byDocument].map(([id, v]) => ({ id, amount: toMoney(v.amount), last: v.last }));
  await tx.execute(sql`select set_config(${LEDGER_WRITE_SETTING}, 'on', true)`);
  const changed = sql`json_to_recordset(${JSON.stringify(rows)}::json) as x(id text, amount numeric, last date)`;
  const updated = await tx
    .update(documents)
    .set({
      appliedAmount: sql`${documents.appliedAmount} + x.amount`,
      lastAppliedOn: sql`greatest(${documents.lastAppliedOn}, x.last)`,
    })
    .from(changed)
    .where(sql`${documents.id} = x.id`)
    .returning({ id: documents.id });
  await tx.execute(sql`select set_config(${LEDGER_WRITE_SETTING}, 'off', true)`);
  if (updated.length !== rows.length)
    throw new Error(`open items: updated ${updated.length} of ${rows.length} documents`);
}
