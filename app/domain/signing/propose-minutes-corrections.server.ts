// A customer attendee proposes corrections to sent minutes instead of signing them: a text per topic
// or agreement it would change (or about the whole). The minutes move to corrections_requested (a
// conditional update: not signable until the collector responds), the correction is stored
// (append-only) and audited in the same transaction. Only an attendee who has not signed yet, whose
// grant still allows signing, may propose; the hash it was shown must still be the envelope's.
import { and, eq, inArray } from "drizzle-orm";
import { envelopes, minuteCorrections } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { SigningRuleError } from "./errors";
import { type MinutesContent, hasTarget } from "./minutes-content";
import { type CorrectionItem, CorrectionItemSchema } from "./minutes-schemas";
import { findDesignatedSigner } from "./reauthenticate-signer.server";

export async function proposeMinutesCorrections(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: {
    envelopeId: string;
    accountIds: readonly string[];
    contentSha256: string;
    items: readonly CorrectionItem[];
  },
  { now }: { now: Date },
) {
  const items = input.items.map((i) => CorrectionItemSchema.parse(i));
  if (items.length === 0) throw new SigningRuleError("correction.target");
  return db.transaction(async (tx) => {
    const [envelope] = await tx
      .select({
        id: envelopes.id,
        accountId: envelopes.accountId,
        status: envelopes.status,
        expiresAt: envelopes.expiresAt,
        content: envelopes.content,
        contentSha256: envelopes.contentSha256,
      })
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
    if (
      !(envelope.status === "sent" || envelope.status === "viewed") ||
      (envelope.expiresAt && envelope.expiresAt <= now)
    )
      throw new SigningRuleError("minutes.not_correctable");
    if (input.contentSha256 !== envelope.contentSha256) throw new SigningRuleError("envelope.content_changed");
    const content = envelope.content as MinutesContent;
    for (const item of items) {
      if (item.target === "general" ? item.targetId : !item.targetId || !hasTarget(content, item.target, item.targetId))
        throw new SigningRuleError("correction.target");
    }
    const signer = await findDesignatedSigner(tx, {
      envelopeId: envelope.id,
      accountId: envelope.accountId,
      userId: actor.userId,
    });
    if (!signer || signer.status === "signed") throw new SigningRuleError("signer.not_allowed");
    const moved = await tx
      .update(envelopes)
      .set({ status: "corrections_requested" })
      .where(and(eq(envelopes.id, envelope.id), inArray(envelopes.status, ["sent", "viewed"])))
      .returning({ id: envelopes.id });
    if (moved.length !== 1) throw new SigningRuleError("minutes.not_correctable");
    const stored = items.map((i) => ({ target: i.target, targetId: i.targetId ?? null, text: i.text }));
    const [correction] = await tx
      .insert(minuteCorrections)
      .values({ envelopeId: envelope.id, signerId: signer.id, items: stored, createdAt: now })
      .returning({ id: minuteCorrections.id });
    await recordAuditEvent(tx, actor, {
      action: "envelope.correction_proposed",
      entityType: "envelope",
      entityId: envelope.id,
      accountId: envelope.accountId,
      before: { status: envelope.status },
      after: { status: "corrections_requested", correctionId: correction.id, signerId: signer.id, items: stored },
    });
    return { id: correction.id };
  });
}
