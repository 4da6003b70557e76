DROP INDEX "claims_assignee_status_due_idx";--> statement-breakpoint
DROP INDEX "claims_status_due_idx";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "sla_at_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "queue_key" timestamp with time zone GENERATED ALWAYS AS (coalesce(due_at, 'infinity'::timestamptz)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "disputed_amount" numeric(18, 2);--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "disputed_currency" "currency";--> statement-breakpoint
CREATE INDEX "claims_queue_active_idx" ON "claims" USING btree ("queue_key","id") WHERE "claims"."status" in ('open', 'waiting_on_customer');--> statement-breakpoint
CREATE INDEX "claims_queue_assignee_active_idx" ON "claims" USING btree ("assignee_id","queue_key","id") WHERE "claims"."status" in ('open', 'waiting_on_customer');--> statement-breakpoint
CREATE INDEX "claims_queue_account_active_idx" ON "claims" USING btree ("account_id","queue_key","id") WHERE "claims"."status" in ('open', 'waiting_on_customer');--> statement-breakpoint
CREATE INDEX "claims_queue_area_active_idx" ON "claims" USING btree ("owning_area","level","queue_key","id") WHERE "claims"."status" in ('open', 'waiting_on_customer');--> statement-breakpoint
CREATE INDEX "claims_queue_status_idx" ON "claims" USING btree ("status","queue_key","id");--> statement-breakpoint
CREATE INDEX "claims_queue_assignee_status_idx" ON "claims" USING btree ("assignee_id","status","queue_key","id");--> statement-breakpoint
CREATE INDEX "claims_queue_account_status_idx" ON "claims" USING btree ("account_id","status","queue_key","id");--> statement-breakpoint
CREATE INDEX "scheduled_tasks_dead_idx" ON "scheduled_tasks" USING btree ("finished_at","id") WHERE "scheduled_tasks"."status" = 'dead';--> statement-breakpoint
-- Hand SQL (claims queue): backfill what older claims lack. The disputed total from their documents;
-- the at-risk mark of open claims approximated in wall time (a quarter of the level's span before the
-- deadline); new transitions compute it in business hours (claim-sla.server.ts).
UPDATE "claims" c SET "disputed_amount" = d.total, "disputed_currency" = d.currency
  FROM (SELECT claim_id, sum(disputed_amount) AS total, min(currency::text)::"currency" AS currency
        FROM "claim_documents" GROUP BY claim_id) d
  WHERE d.claim_id = c.id;--> statement-breakpoint
UPDATE "claims" SET "sla_at_risk_at" = "due_at" - ("due_at" - "level_started_at") / 4
  WHERE "due_at" IS NOT NULL AND "due_at" > "level_started_at";--> statement-breakpoint
UPDATE "claims" SET "sla_at_risk_at" = "due_at" WHERE "due_at" IS NOT NULL AND "sla_at_risk_at" IS NULL;
