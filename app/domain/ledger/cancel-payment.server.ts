// Cancels a credit (a payment whose money never arrived: a returned cheque): every application it
// still has standing is reversed (a negated row per application, through reverseApplication, so the
// charges it paid are open again and the stored applied amounts move with them), then its status
// becomes `cancelled` by a conditional update (its open amount, a generated column, becomes 0, so the
// account's balance no longer counts it). Nothing is deleted. Audited as `document.cancelled` in the
// same transaction; `ledger:verify` holds as for cancelInvoice.
import { and, eq, inArray, sql } from "drizzle-orm";
import { applications, documents } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { reverseApplication } from "./apply-credits.server";
import { LedgerRuleError } from "./errors";

export interface CancelledPayment {
  documentId: string;
  /** The applications reversed, with the charge each had paid (now open again). */
  reversed: { applicationId: string; reversalId: string; targetId: string; amount: string }[];
}

/** Applications from `documentId` that are not reversals and have not been reversed. */
function standingApplications(tx: DbOrTx, documentId: string) {
  const reversal = sql`select 1 from ${applications} r where r.reverses_id = ${applications.id}`;
  return tx
    .select({ id: applications.id, targetId: applications.targetId, amount: applications.amount })
    .from(applications)
    .where(
      and(
        eq(applications.sourceId, documentId),
        sql`${applications.reversesId} is null`,
        sql`not exists (${reversal})`,
      ),
    )
    .orderBy(applications.createdAt, applications.id);
}

export async function cancelPayment(
  db: DbOrTx,
  actor: Actor,
  input: { documentId: string; cancelledOn: string; reason: string },
): Promise<CancelledPayment> {
  return db.transaction(async (tx) => {
    // Lock the credit and every charge it paid in id order (the order applyCredits uses), then read
    // what stands under the locks.
    const first = await standingApplications(tx, input.documentId);
    const ids = [...new Set([input.documentId, ...first.map((a) => a.targetId)])].sort();
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
        status: documents.status,
        openAmount: documents.openAmount,
        issueDate: documents.issueDate,
      })
      .from(documents)
      .where(eq(documents.id, input.documentId));
    if (!doc) throw new LedgerRuleError("document.not_found");
    if (doc.status !== "issued") throw new LedgerRuleError("document.cancelled");
    if (doc.effect !== "credit") throw new LedgerRuleError("document.not_cancellable");
    const standing = await standingApplications(tx, input.documentId);
    if (standing.some((a) => !ids.includes(a.targetId))) throw new LedgerRuleError("document.changed");
    const reversed: CancelledPayment["reversed"] = [];
    for (const a of standing) {
      const [original] = await tx
        .select({ appliedOn: applications.appliedOn })
        .from(applications)
        .where(eq(applications.id, a.id));
      const reversalId = await reverseApplication(tx, actor, {
        applicationId: a.id,
        // Never dated before what it reverses.
        reversedOn: input.cancelledOn > original.appliedOn ? input.cancelledOn : original.appliedOn,
        reason: input.reason,
      });
      reversed.push({ applicationId: a.id, reversalId, targetId: a.targetId, amount: a.amount });
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
        cancelledOn: input.cancelledOn > doc.issueDate ? input.cancelledOn : doc.issueDate,
        reason: input.reason,
        reversedApplications: reversed.map((r) => r.applicationId),
      },
    });
    return { documentId: doc.id, reversed };
  });
}
