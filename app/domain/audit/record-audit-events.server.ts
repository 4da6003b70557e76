// Writes audit events. Call it with the same transaction as the change it records.
import { createRandomId } from "#db/schema/_columns";
import { type DbOrTx, insertJsonRows } from "~/utils/db.server";

/** Who acts: a user, or the system (seed, scheduled job) with a label. */
export interface Actor {
  userId?: string | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };

export interface AuditEventInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAuditEvents(db: DbOrTx, actor: Actor, events: AuditEventInput[]): Promise<void> {
  // One JSON parameter per 1,000 events: bulk issuing (seed, imports) writes one event per document.
  for (let i = 0; i < events.length; i += 1000) {
    await insertJsonRows(
      db,
      "audit_events",
      events.slice(i, i + 1000).map((e) => ({
        id: createRandomId(),
        actor_id: actor.userId ?? null,
        actor_label: actor.label,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId ?? null,
        before: e.before ?? null,
        after: e.after ?? null,
        ip: actor.ip ?? null,
        user_agent: actor.userAgent ?? null,
      })),
    );
  }
}

export async function recordAuditEvent(db: DbOrTx, actor: Actor, event: AuditEventInput): Promise<void> {
  await recordAuditEvents(db, actor, [event]);
}
