DROP INDEX "audit_events_entity_idx";--> statement-breakpoint
DROP INDEX "audit_events_actor_idx";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "account_id" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Events recorded before account_id existed get it from what they already store, so filtering the trail
-- by account finds them too. This fills a new, derived column once and changes nothing that was recorded;
-- the append-only trigger is off for these two updates only and back on before the migration commits. Done
-- before the new indexes exist, so the update does not maintain them row by row.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only";--> statement-breakpoint
UPDATE "audit_events" e SET "account_id" = c."id"
FROM "customer_accounts" c
WHERE c."id" = CASE
    WHEN e."entity_type" = 'customer_account' THEN e."entity_id"
    WHEN e."entity_type" = 'account_grant' THEN split_part(e."entity_id", ':', 1)
    WHEN e."action" = 'document.issued' THEN e."after"->>'accountId'
    WHEN e."action" = 'invitation.accepted' THEN e."after"->'accountIds'->>0
  END;--> statement-breakpoint
UPDATE "audit_events" e SET "account_id" = d."account_id"
FROM "applications" a JOIN "documents" d ON d."id" = a."target_id"
WHERE e."entity_type" = 'application' AND a."id" = e."entity_id";--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only";--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_account_idx" ON "audit_events" USING btree ("account_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_label_idx" ON "audit_events" USING btree ("actor_label","occurred_at","id") WHERE "audit_events"."actor_id" is null;--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","occurred_at","id");