// Writes audit events. Call it with the same transaction as the change it records.
import { auditEvents } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";

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
  if (events.length === 0) return;
  await db.insert(auditEvents).values(
    events.map((e) => ({
      actorId: actor.userId ?? null,
      actorLabel: actor.label,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
    })),
  );
}

export async function recordAuditEvent(db: DbOrTx, actor: Actor, event: AuditEventInput): Promise<void> {
  await recordAuditEvents(db, actor, [event]);
}
