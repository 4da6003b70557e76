// The collector answers proposed corrections without changing the minutes: a message back to the
// attendee (stored once per correction, append-only), and the minutes become signable again
// (corrections_requested → viewed, a conditional update), audited in the same transaction. Accepting
// corrections is reviseMinutes (a new version).
import { and, eq, inArray } from "drizzle-orm";
import { envelopes, minuteCorrectionResponses, minuteCorrections } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { SigningRuleError } from "./errors";

export async function answerMinutesCorrection(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { envelopeId: string; accountIds: readonly string[]; correctionId: string; message: string },
  { now }: { now: Date },
) {
  const message = input.message.trim();
  if (!message || message.length > 2000) throw new SigningRuleError("correction.not_pending");
  return db.transaction(async (tx) => {
    const [envelope] = await tx
      .select({ id: envelopes.id, accountId: envelopes.accountId, status: envelopes.status })
      .from(envelopes)
      .where(
        and(
          eq(envelopes.id, input.envelopeId),
          eq(envelopes.kind, "minutes"),
          inArray(envelopes.accountId, [...input.accountIds]),
        ),
      )
      .for("update");
    if (!envelope) throw new SigningRuleError("envelope.not_found");
    const [correction] = await tx
      .select({ id: minuteCorrections.id, responseId: minuteCorrectionResponses.id })
      .from(minuteCorrections)
      .leftJoin(minuteCorrectionResponses, eq(minuteCorrectionResponses.correctionId, minuteCorrections.id))
      .where(and(eq(minuteCorrections.id, input.correctionId), eq(minuteCorrections.envelopeId, envelope.id)));
    if (!correction || correction.responseId || envelope.status !== "corrections_requested")
      throw new SigningRuleError("correction.not_pending");
    await tx.insert(minuteCorrectionResponses).values({
      correctionId: correction.id,
      response: "answered",
      message,
      respondedById: actor.userId,
      createdAt: now,
    });
    const moved = await tx
      .update(envelopes)
      .set({ status: "viewed" })
      .where(and(eq(envelopes.id, envelope.id), eq(envelopes.status, "corrections_requested")))
      .returning({ id: envelopes.id });
    if (moved.length !== 1) throw new SigningRuleError("correction.not_pending");
    await recordAuditEvent(tx, actor, {
      action: "envelope.correction_answered",
      entityType: "envelope",
      entityId: envelope.id,
      accountId: envelope.accountId,
      before: { status: "corrections_requested" },
      after: { status: "viewed", correctionId: correction.id, message },
    });
    return { id: correction.id };
  });
}
