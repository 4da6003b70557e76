CREATE TYPE "public"."card_payment_status" AS ENUM('open', 'processing', 'paid', 'failed', 'expired', 'refunded');--> statement-breakpoint
CREATE TABLE "payment_attempt_items" (
	"attempt_id" text NOT NULL,
	"position" integer NOT NULL,
	"document_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "payment_attempt_items_attempt_id_position_pk" PRIMARY KEY("attempt_id","position"),
	CONSTRAINT "payment_attempt_items_amount_positive" CHECK ("payment_attempt_items"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"status" "card_payment_status" DEFAULT 'open' NOT NULL,
	"currency" "currency" NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"stripe_session_id" text,
	"checkout_url" text,
	"expires_at" timestamp with time zone,
	"stripe_payment_intent_id" text,
	"payment_document_id" text,
	"refunded_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"failure_reason" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_attempts_amount_positive" CHECK ("payment_attempts"."amount" > 0),
	CONSTRAINT "payment_attempts_refund_within" CHECK ("payment_attempts"."refunded_amount" >= 0 and "payment_attempts"."refunded_amount" <= "payment_attempts"."amount")
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"attempt_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_attempt_items" ADD CONSTRAINT "payment_attempt_items_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempt_items" ADD CONSTRAINT "payment_attempt_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_payment_document_id_documents_id_fk" FOREIGN KEY ("payment_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_attempt_id_payment_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."payment_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempt_items_document_uq" ON "payment_attempt_items" USING btree ("attempt_id","document_id");--> statement-breakpoint
CREATE INDEX "payment_attempt_items_document_idx" ON "payment_attempt_items" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_session_uq" ON "payment_attempts" USING btree ("stripe_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_payment_intent_uq" ON "payment_attempts" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_payment_document_uq" ON "payment_attempts" USING btree ("payment_document_id");--> statement-breakpoint
CREATE INDEX "payment_attempts_account_created_idx" ON "payment_attempts" USING btree ("account_id","created_at","id");