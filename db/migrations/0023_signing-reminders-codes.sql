CREATE TYPE "public"."signature_method" AS ENUM('password', 'email_code');--> statement-breakpoint
CREATE TABLE "signing_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"envelope_id" text NOT NULL,
	"user_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signing_codes_attempts_nonnegative" CHECK ("signing_codes"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "signing_settings" (
	"seller_id" text PRIMARY KEY NOT NULL,
	"reminder_every_days" integer NOT NULL,
	"expire_after_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signing_settings_reminder_positive" CHECK ("signing_settings"."reminder_every_days" between 1 and 90),
	CONSTRAINT "signing_settings_expiry_range" CHECK ("signing_settings"."expire_after_days" between 1 and 180)
);
--> statement-breakpoint
ALTER TABLE "envelope_signers" ADD COLUMN "method" "signature_method";--> statement-breakpoint
ALTER TABLE "signing_codes" ADD CONSTRAINT "signing_codes_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_codes" ADD CONSTRAINT "signing_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_settings" ADD CONSTRAINT "signing_settings_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signing_codes_user_envelope_idx" ON "signing_codes" USING btree ("user_id","envelope_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "envelopes_account_kind_created_idx" ON "envelopes" USING btree ("account_id","kind","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- Hand SQL (signing reminders): every seller that exists starts with the defaults (remind every 3 days,
-- expire after 15); sellers created later get theirs from the seed or the defaults in code.
INSERT INTO "signing_settings" ("seller_id", "reminder_every_days", "expire_after_days")
SELECT "id", 3, 15 FROM "sellers" ON CONFLICT DO NOTHING;
