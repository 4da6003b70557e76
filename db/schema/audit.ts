// Append-only audit trail: who did what to which entity, with before and after. What each action
// stores is typed in app/domain/audit/audit-events.ts; the table itself only knows text and JSON.
import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { id } from "./_columns";
import { users } from "./identity";
import { customerAccounts } from "./organization";

export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id),
    /** Human-readable actor when there is no user (system, seed, anonymous sign-in attempt). */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** The customer account the event is about (documents, applications, grants, statements…), if any. */
    accountId: text("account_id").references(() => customerAccounts.id),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  // The trail is read newest first, (occurred_at, id) descending, a keyset page at a time: every index
  // ends in those two columns so each filter (none, account, entity, actor, action) is one index range
  // scanned backwards, however many millions of rows the table holds. (Ascending on purpose: scanned
  // backwards it gives `desc` order with PostgreSQL's default NULLS FIRST, which `order by … desc`
  // asks for; a `desc nulls last` index would not match it.)
  (t) => [
    index("audit_events_occurred_idx").on(t.occurredAt, t.id),
    index("audit_events_account_idx").on(t.accountId, t.occurredAt, t.id),
    index("audit_events_entity_idx").on(t.entityType, t.entityId, t.occurredAt, t.id),
    index("audit_events_actor_idx").on(t.actorId, t.occurredAt, t.id),
    // Events without a user (anonymous sign-in attempts, seed, system) are found by their label.
    index("audit_events_actor_label_idx")
      .on(t.actorLabel, t.occurredAt, t.id)
      .where(sql`${t.actorId} is null`),
    index("audit_events_action_idx").on(t.action, t.occurredAt, t.id),
  ],
);
