// A customer raises a claim from the portal: on one of its documents (the claim's origin follows the
// document's kind), on some lines of one of its invoices (origin "lines", an amount per line), or in
// general on its one selected account, with its evidence files, in one transaction (a refused rule
// writes nothing, files included).
import type { ClaimOrigin, ClaimType, DocumentKind } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import type { CustomerActor } from "./customer-claim-actions.server";
import { ClaimRuleError } from "./errors";
import type { AcceptedEvidence } from "./parse-evidence-upload.server";
import { raiseClaim } from "./raise-claim.server";
import { findClaimableDocument } from "./read-claims.server";
import { storeClaimAttachments } from "./store-claim-attachments.server";

/** The origin of a claim raised on a document of this kind. */
export const ORIGIN_OF_KIND: Readonly<Record<DocumentKind, ClaimOrigin>> = {
  invoice: "invoice",
  credit_note: "note",
  debit_note: "note",
  payment: "payment",
  adjustment: "general",
};

export async function raiseCustomerClaim(
  db: DbOrTx,
  customer: CustomerActor,
  input: {
    type: ClaimType;
    description: string;
    documentId?: string;
    /** The amount disputed on the whole document; left out when `lines` are given. */
    amount?: string;
    /** Lines of the document disputed, each with its amount (raise-claim.server.ts checks they are its lines). */
    lines?: readonly { lineId: string; amount: string }[];
    files: readonly AcceptedEvidence[];
  },
  { now }: { now: Date },
) {
  const doc = input.documentId ? await findClaimableDocument(db, customer.accountIds, input.documentId) : null;
  if (input.documentId && !doc) throw new ClaimRuleError("document.not_found");
  const accountId = doc?.accountId ?? (customer.accountIds.length === 1 ? customer.accountIds[0] : null);
  if (!accountId) throw new ClaimRuleError("claim.account_required");
  const lines = doc ? (input.lines ?? []) : [];
  const disputed = !doc
    ? []
    : lines.length
      ? lines.map((l) => ({ documentId: doc.id, lineId: l.lineId, amount: l.amount }))
      : input.amount
        ? [{ documentId: doc.id, amount: input.amount }]
        : [];
  return db.transaction(async (tx) => {
    const raised = await raiseClaim(
      tx,
      customer,
      {
        accountId,
        type: input.type,
        origin: lines.length ? "lines" : doc ? ORIGIN_OF_KIND[doc.kind] : "general",
        description: input.description,
        documents: disputed,
      },
      { now },
    );
    await storeClaimAttachments(tx, customer, {
      claimId: raised.id,
      accountId,
      messageId: null,
      files: input.files,
      now,
    });
    return raised;
  });
}
