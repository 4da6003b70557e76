// Cancels a charge (an invoice or a debit note): every application still standing on it is reversed
// (a negated row per application, through reverseApplication, so the credits that paid it are free
// again and the stored applied amounts move with them), then its status becomes `cancelled` by a
// conditional update (its open amount, a generated column, becomes 0). Nothing is deleted; the
// document stays in the ledger, its lists and its statement history, marked cancelled. Audited as
// `document.cancelled` in the same transaction. `ledger:verify` holds: the reversals are ordinary
// ledger entries and a cancelled document has nothing open by definition.
import { and, eq, inArray, sql } from "drizzle-orm";
import { applications, documents } from "#db/schema";
import { recordAuditEvent, type Actor } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { reverseApplication } from "./apply-credits.server";
import { LedgerRuleError } from "./errors";

export interface CancelledInvoice {
  documentId: string;
  /** The applications reversed, with the credit each had applied (now free to apply elsewhere). */
  reversed: { applicationId: string; reversalId: string; sourceId: string; amount: string }[];
}

/** Applications to `documentId` that are not reversals and have not been reversed. */
function standingApplications(tx: DbOrTx, documentId: string) {
  const reversal = sql`select 1 from ${applications} r where r.reverses_id = ${applications.id}`;
  return tx
    .select({ id: applications.id, sourceId: applications.sourceId, amount: applications.amount })
    .from(applications)
    .where(
      and(
        eq(applications.targetId, documentId),
        sql`${applications.reversesId} is null`,
        sql`not exists (${reversal})`,
      ),
    )
    .orderBy(applications.createdAt, applications.id);
}

export async function cancelInvoice(
  db: DbOrTx,
  actor: Actor,
  input: { documentId: string; cancelledOn: string; reason: string },
): Promise<CancelledInvoice> {
  return db.transaction(async (tx) => {
    // Lock the invoice and every credit applied to it in id order (the order applyCredits uses), then
    // read what stands under the locks.
    const first = await standingApplications(tx, input.documentId);
    const ids = [...new Set([input.documentId, ...first.map((a) => a.sourceId)])].sort();
    await tx
      .select({ id: documents.id })
      .from(documents)
      .where(inArray(documents.id, ids))
      .orderBy(documents.id)
      .for("update");
    const [doc] = await tx
      .select({
        id: documents.id,
        accountId: documents.accountId,
        effect: documents.effect,
        kind: documents.kind,
        status: documents.status,
        amount: documents.amount,
        openAmount: documents.openAmount,
        issueDate: documents.issueDate,
      })
      .from(documents)
      .where(eq(documents.id, input.documentId));
    if (!doc) throw new LedgerRuleError("document.not_found");
    if (doc.status !== "issued") throw new LedgerRuleError("document.cancelled");
    if (doc.effect !== "charge") throw new LedgerRuleError("document.not_cancellable");
    if (input.cancelledOn < doc.issueDate) throw new LedgerRuleError("application.before_issue");
    const standing = await standingApplications(tx, input.documentId);
    if (standing.some((a) => !ids.includes(a.sourceId))) throw new LedgerRuleError("document.changed");
    const reversed: CancelledInvoice["reversed"] = [];
    for (const a of standing) {
      const reversalId = await reverseApplication(tx, actor, {
        applicationId: a.id,
        reversedOn: input.cancelledOn,
        reason: input.reason,
      });
      reversed.push({ applicationId: a.id, reversalId, sourceId: a.sourceId, amount: a.amount });
    }
    const updated = await tx
      .update(documents)
      .set({ status: "cancelled" })
      .where(and(eq(documents.id, doc.id), eq(documents.status, "issued")))
      .returning({ id: documents.id });
    if (updated.length !== 1) throw new LedgerRuleError("document.cancelled");
    await recordAuditEvent(tx, actor, {
      action: "document.cancelled",
      entityType: "document",
      entityId: doc.id,
      accountId: doc.accountId,
      before: { status: "issued", openAmount: doc.openAmount },
      after: {
        status: "cancelled",
        cancelledOn: input.cancelledOn,
        reason: input.reason,
        reversedApplications: reversed.map((r) => r.applicationId),
      },
    });
    return { documentId: doc.id, reversed };
  });
}
