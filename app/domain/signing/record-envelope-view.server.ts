// A signer opened a sent envelope in the portal: its first view is recorded (signer pending → viewed,
// the envelope sent → viewed, each a conditional update), audited in the same transaction. Later
// views, views by users who are not its signers, and views of answered envelopes change nothing.
import { and, eq } from "drizzle-orm";
import { envelopeSigners, envelopes } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";

export async function recordEnvelopeView(
  db: DbOrTx,
  actor: Actor & { userId: string },
  envelope: { id: string; accountId: string },
  { now }: { now: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [signer] = await tx
      .update(envelopeSigners)
      .set({ status: "viewed", viewedAt: now })
      .where(
        and(
          eq(envelopeSigners.envelopeId, envelope.id),
          eq(envelopeSigners.userId, actor.userId),
          eq(envelopeSigners.status, "pending"),
        ),
      )
      .returning({ id: envelopeSigners.id });
    if (!signer) return false;
    const moved = await tx
      .update(envelopes)
      .set({ status: "viewed" })
      .where(and(eq(envelopes.id, envelope.id), eq(envelopes.status, "sent")))
      .returning({ id: envelopes.id });
    const [current] = await tx
      .select({ status: envelopes.status })
      .from(envelopes)
      .where(eq(envelopes.id, envelope.id));
    await recordAuditEvent(tx, actor, {
      action: "envelope.viewed",
      entityType: "envelope",
      entityId: envelope.id,
      accountId: envelope.accountId,
      before: { status: moved.length ? "sent" : current.status },
      after: { status: current.status, signerId: signer.id },
    });
    return true;
  });
}
