// A customer signs a sent reconciliation: it agrees, or it states its own balance and the differences
// item by item, each of which becomes a claim of the matching type (CLAIM_TYPE_OF_DIFFERENCE) in the
// escalation queue, linked to the reconciliation, with its evidence. The signer re-authenticates with
// its password or a one-time code sent by email (signing-codes.server.tsx), types its full name and
// ticks the consent; what is recorded: signer, how it re-authenticated, time and the seller's zone, IP,
// user agent, the consent text shown, and the hash of the canonical content shown
// (which must still be the envelope's). Completion is a conditional update on the envelope
// (`status in ('sent', 'viewed')`): a double submit, or a second signer at the same moment, changes no
// row and the whole transaction rolls back, so it is signed once (after Documenso's
// complete-document-with-token.ts). Sealing follows (sealEnvelope), outside this transaction.
import Decimal from "decimal.js";
import { and, eq, inArray } from "drizzle-orm";
import { documents, envelopes, reconciliationDifferences } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { AcceptedEvidence } from "~/domain/claims/parse-evidence-upload.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { ORIGIN_OF_KIND } from "~/domain/claims/raise-customer-claim.server";
import { storeClaimAttachments } from "~/domain/claims/store-claim-attachments.server";
import { CLAIM_TYPE_OF_DIFFERENCE, type ClaimOrigin } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { cancelEnvelopeTimers } from "./envelope-timers.server";
import { SigningRuleError } from "./errors";
import { signAsDesignatedSigner } from "./reauthenticate-signer.server";
import { type ReconciliationContent, findItem } from "./reconciliation-content";
import { type SignEnvelopeForm, SignEnvelopeFormSchema } from "./schemas";

export interface SignEnvelopeInput {
  envelopeId: string;
  /** The accounts on which the user's grant allows signing (checked by the caller, checked again here). */
  accountIds: readonly string[];
  form: SignEnvelopeForm;
  /** The consent text as the signer was shown it (its language). */
  consentText: string;
  /** The first words of each claim's description, e.g. "Conciliación 1001 al 30 nov 2026". */
  claimTitle: string;
  /** Evidence per difference, in the differences' order. */
  evidence?: readonly (readonly AcceptedEvidence[])[];
}

export async function signEnvelope(
  db: DbOrTx,
  actor: Actor & { userId: string },
  rawInput: SignEnvelopeInput,
  { now }: { now: Date },
) {
  const form = SignEnvelopeFormSchema.parse(rawInput.form);
  const input = { ...rawInput, form };
  return signAsDesignatedSigner(
    db,
    actor,
    {
      envelopeId: input.envelopeId,
      kind: "reconciliation",
      accountIds: input.accountIds,
      form,
      consentText: input.consentText,
    },
    { now },
    async (tx, { envelope, signerId, auth }) => {
      const content = envelope.content as ReconciliationContent;
      const differences = form.intent === "disagree" ? form.differences : [];
      const status = differences.length ? "signed_with_differences" : "signed";
      const customerBalance = form.intent === "disagree" ? new Decimal(form.customerBalance).toFixed(2) : null;
      const completed = await tx
        .update(envelopes)
        .set({
          status,
          completedAt: now,
          customerBalance,
          customerBalanceCurrency: customerBalance === null ? null : content.account.currency,
        })
        .where(and(eq(envelopes.id, envelope.id), inArray(envelopes.status, ["sent", "viewed"])))
        .returning({ id: envelopes.id });
      if (completed.length !== 1) throw new SigningRuleError("envelope.already_signed");
      // Answered: no more reminders, and it will not expire.
      await cancelEnvelopeTimers(tx, envelope.id);

      const events = [];
      for (const [index, difference] of differences.entries()) {
        const item = difference.documentId ? findItem(content, difference.documentId) : undefined;
        if (difference.documentId && !item) throw new SigningRuleError("difference.document_not_found");
        const currency = item
          ? content.sections.find((s) => s.items.includes(item))!.currency
          : content.account.currency;
        const amount = new Decimal(difference.amount).toFixed(2);
        // The claim disputes the document when it is still open by at least the amount (it may have been
        // paid since the cut-off); otherwise it is a general claim stating the amount in its text.
        let disputed: { documentId: string; amount: string }[] = [];
        if (item) {
          const [doc] = await tx
            .select({ open: documents.openAmount, status: documents.status })
            .from(documents)
            .where(and(eq(documents.id, item.documentId), eq(documents.accountId, envelope.accountId)));
          if (doc && doc.status === "issued" && new Decimal(doc.open).gte(amount))
            disputed = [{ documentId: item.documentId, amount }];
        }
        const origin: ClaimOrigin = disputed.length && item ? ORIGIN_OF_KIND[item.kind] : "general";
        const parts = [
          input.claimTitle,
          item ? item.serieFolio : null,
          difference.reference ? difference.reference : null,
          `${amount} ${currency}`,
        ].filter(Boolean);
        const claim = await raiseClaim(
          tx,
          actor,
          {
            accountId: envelope.accountId,
            type: CLAIM_TYPE_OF_DIFFERENCE[difference.kind],
            origin,
            description: `${parts.join(" · ")}: ${difference.description}`.slice(0, 4000),
            documents: disputed,
          },
          { now },
        );
        const files = input.evidence?.[index] ?? [];
        if (files.length)
          await storeClaimAttachments(tx, actor, {
            claimId: claim.id,
            accountId: envelope.accountId,
            messageId: null,
            files,
            now,
          });
        const [row] = await tx
          .insert(reconciliationDifferences)
          .values({
            envelopeId: envelope.id,
            signerId,
            kind: difference.kind,
            documentId: item?.documentId ?? null,
            reference: difference.reference || null,
            amount,
            currency,
            description: difference.description,
            claimId: claim.id,
            createdAt: now,
          })
          .returning({ id: reconciliationDifferences.id });
        events.push({
          action: "envelope.disputed" as const,
          entityType: "envelope" as const,
          entityId: envelope.id,
          accountId: envelope.accountId,
          after: {
            differenceId: row.id,
            kind: difference.kind,
            documentId: item?.documentId ?? null,
            amount,
            currency,
            claimId: claim.id,
          },
        });
      }
      await recordAuditEvent(tx, actor, {
        action: "envelope.signed",
        entityType: "envelope",
        entityId: envelope.id,
        accountId: envelope.accountId,
        before: { status: envelope.status },
        after: {
          status,
          signerId,
          typedName: form.typedName,
          signedAt: now,
          timeZone: envelope.timeZone,
          contentSha256: envelope.contentSha256,
          differences: differences.length,
          customerBalance,
          method: auth.method,
        },
      });
      for (const event of events) await recordAuditEvent(tx, actor, event);
      return { id: envelope.id, number: envelope.number, status, differences: differences.length };
    },
  );
}
