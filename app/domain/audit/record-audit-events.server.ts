// Writes audit events. Call it with the same transaction as the change it records. Each event is one of
// the typed events of audit-events.ts: the compiler refuses any other, and each is parsed again here
// before anything is written (an unknown action, or data its schema does not describe, throws and
// rolls the change back with it).
import { auditEvents } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type DbOrTx, insertJsonRows } from "~/utils/db.server";
import { type AuditEventInput, AuditEventError, AuditEventSchema } from "./audit-events";

export type { AuditEventInput } from "./audit-events";

/** Who acts: a user, or the system (seed, scheduled job) with a label. */
export interface Actor {
  userId?: string | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };

export async function recordAuditEvents(db: DbOrTx, actor: Actor, events: readonly AuditEventInput[]): Promise<void> {
  const rows = events.map((input) => {
    const parsed = AuditEventSchema.safeParse(input);
    if (!parsed.success) throw new AuditEventError(String((input as { action?: unknown }).action), parsed.error.issues);
    const e = parsed.data;
    return {
      id: createRandomId(),
      actorId: actor.userId ?? null,
      actorLabel: actor.label,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      accountId: e.accountId,
      before: e.before,
      after: e.after,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
    };
  });
  // One JSON parameter per 1,000 events: bulk issuing (seed, imports) writes one event per document.
  for (let i = 0; i < rows.length; i += 1000) await insertJsonRows(db, auditEvents, rows.slice(i, i + 1000));
}

export async function recordAuditEvent(db: DbOrTx, actor: Actor, event: AuditEventInput): Promise<void> {
  await recordAuditEvents(db, actor, [event]);
}
