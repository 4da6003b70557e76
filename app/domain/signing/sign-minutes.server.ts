// A customer attendee signs sent minutes, the same way a reconciliation is signed (the shared steps in
// reauthenticate-signer.server.ts): it re-authenticates with its password or a one-time code sent by
// email (signing-codes.server.tsx), types its full name and ticks the consent; recorded are the signer, time and the
// seller's zone, IP, user agent, the consent text shown and the hash of the canonical content shown
// (which must still be the envelope's). Minutes are complete when every attendee has signed: the
// envelope row is locked first, so concurrent signers are counted one after another, and completion
// is a conditional update (`status in ('sent', 'viewed')`), so it happens once. At completion each
// payment-promise agreement becomes a promise (recordPromise, the promise rules as of then) in the same
// transaction, kept in minute_promises (unique per agreement): exactly once. An agreement the promise
// rules refuse by then (documents paid meanwhile, date past) is recorded with the reason; the minutes
// still complete. Sealing follows (sealEnvelope), outside this transaction.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { envelopeSigners, envelopes, minutePromises } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { PaymentRuleError } from "~/domain/payments/errors";
import { recordPromise } from "~/domain/payments/record-promise.server";
import type { EnvelopeStatus } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { SigningRuleError } from "./errors";
import type { MinutesContent } from "./minutes-content";
import { type SignMinutesForm, SignMinutesFormSchema } from "./minutes-schemas";
import { signAsDesignatedSigner } from "./reauthenticate-signer.server";

export interface SignMinutesInput {
  envelopeId: string;
  /** The accounts on which the user's grant allows signing (checked by the caller, checked again here). */
  accountIds: readonly string[];
  form: SignMinutesForm;
  /** The consent text as the signer was shown it (its language). */
  consentText: string;
  /** The note of each promise the minutes become, e.g. "Minuta 1003"; the agreement's ID is appended. */
  promiseNote: string;
}

export async function signMinutes(
  db: DbOrTx,
  actor: Actor & { userId: string },
  rawInput: SignMinutesInput,
  { now }: { now: Date },
) {
  const form = SignMinutesFormSchema.parse(rawInput.form);
  // The envelope is read locked: concurrent attendees are counted one after another.
  return signAsDesignatedSigner(
    db,
    actor,
    {
      envelopeId: rawInput.envelopeId,
      kind: "minutes",
      accountIds: rawInput.accountIds,
      form,
      consentText: rawInput.consentText,
    },
    { now },
    async (tx, { envelope, signerId, auth }) => {
      const [{ remaining }] = await tx
        .select({ remaining: sql<number>`count(*)::int` })
        .from(envelopeSigners)
        .where(and(eq(envelopeSigners.envelopeId, envelope.id), ne(envelopeSigners.status, "signed")));
      const promises: { agreementId: string; promiseId: string | null; refused: string | null }[] = [];
      let status: EnvelopeStatus = envelope.status;
      if (remaining === 0) {
        const completed = await tx
          .update(envelopes)
          .set({ status: "signed", completedAt: now })
          .where(and(eq(envelopes.id, envelope.id), inArray(envelopes.status, ["sent", "viewed"])))
          .returning({ id: envelopes.id });
        if (completed.length !== 1) throw new SigningRuleError("envelope.already_signed");
        status = "signed";
        const content = envelope.content as MinutesContent;
        for (const agreement of content.agreements) {
          if (!agreement.promise) continue;
          let promiseId: string | null = null;
          let refused: string | null = null;
          try {
            const promise = await recordPromise(tx, actor, {
              accountId: envelope.accountId,
              userId: actor.userId,
              promisedDate: agreement.dueDate,
              items: agreement.promise.documents.map((d) => ({ documentId: d.documentId, amount: d.amount })),
              note: `${rawInput.promiseNote} · ${agreement.id}`.slice(0, 500),
              now,
            });
            promiseId = promise.id;
          } catch (error) {
            if (!(error instanceof PaymentRuleError)) throw error;
            refused = error.code;
          }
          await tx.insert(minutePromises).values({
            envelopeId: envelope.id,
            agreementId: agreement.id,
            promiseId,
            refusedCode: refused,
            createdAt: now,
          });
          promises.push({ agreementId: agreement.id, promiseId, refused });
        }
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
          differences: 0,
          customerBalance: null,
          method: auth.method,
          remainingSigners: remaining,
          promises,
        },
      });
      return { id: envelope.id, number: envelope.number, status, remaining, promises };
    },
  );
}
