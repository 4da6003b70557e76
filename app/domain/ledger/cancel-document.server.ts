// Cancels a ledger document, a charge (cancelInvoice) or a credit (cancelPayment), the one way for
// both: every application still standing on it is reversed (a negated row per application, through
// reverseApplication, so what stood on the other side is free or open again and the stored applied
// amounts move with them), then its status becomes `cancelled` by a conditional update (its open
// amount, a generated column, becomes 0). Nothing is deleted. Audited as `document.cancelled` in the
// same transaction. `ledger:verify` holds: the reversals are ordinary ledger entries and a cancelled
// document has nothing open by definition.
import { and, eq, inArray, sql } from "drizzle-orm";
import { applications, documents } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { reverseApplication } from "./apply-credits.server";
import { LedgerRuleError } from "./errors";

/** Which end of an application the cancelled document is, and which end is the counterpart. */
const ENDS = {
  charge: { own: applications.targetId, counterpart: applications.sourceId },
  credit: { own: applications.sourceId, counterpart: applications.targetId },
} as const;

export interface CancelledDocument {
  documentId: string;
  /** The applications reversed, with the document on their other end and the amount each had applied. */
  reversed: { applicationId: string; reversalId: string; counterpartId: string; amount: string }[];
}

/** Applications on `documentId`'s end that are not reversals and have not been reversed. */
function standingApplications(tx: DbOrTx, effect: keyof typeof ENDS, documentId: string) {
  const reversal = sql`select 1 from ${applications} r where r.reverses_id = ${applications.id}`;
  return tx
    .select({
      id: applications.id,
      counterpartId: ENDS[effect].counterpart,
      amount: applications.amount,
      appliedOn: applications.appliedOn,
    })
    .from(applications)
    .where(
      and(eq(ENDS[effect].own, documentId), sql`${applications.reversesId} is null`, sql`not exists (${reversal})`),
    )
    .orderBy(applications.createdAt, applications.id);
}

/**
 * A charge may not be cancelled before its issue date, and its reversals are dated `cancelledOn`. A
 * credit's cancellation (a returned cheque, learnt of late) is taken as it comes: each reversal is
 * dated no earlier than what it reverses, and the cancellation no earlier than the credit's issue.
 */
export async function cancelDocument(
  db: DbOrTx,
  actor: Actor,
  input: { documentId: string; effect: "charge" | "credit"; cancelledOn: string; reason: string },
): Promise<CancelledDocument> {
  const { effect } = input;
  return db.transaction(async (tx) => {
    // Lock the document and every counterpart in id order (the order applyCredits uses), then read
    // what stands under the locks.
    const first = await standingApplications(tx, effect, input.documentId);
    const ids = [...new Set([input.documentId, ...first.map((a) => a.counterpartId)])].sort();
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
    if (doc.effect !== effect) throw new LedgerRuleError("document.not_cancellable");
    if (effect === "charge" && input.cancelledOn < doc.issueDate) throw new LedgerRuleError("application.before_issue");
    const standing = await standingApplications(tx, effect, input.documentId);
    if (standing.some((a) => !ids.includes(a.counterpartId))) throw new LedgerRuleError("document.changed");
    const reversed: CancelledDocument["reversed"] = [];
    for (const a of standing) {
      const reversalId = await reverseApplication(tx, actor, {
        applicationId: a.id,
        reversedOn: effect === "credit" && a.appliedOn > input.cancelledOn ? a.appliedOn : input.cancelledOn,
        reason: input.reason,
      });
      reversed.push({ applicationId: a.id, reversalId, counterpartId: a.counterpartId, amount: a.amount });
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
