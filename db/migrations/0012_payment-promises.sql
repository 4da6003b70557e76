CREATE TYPE "public"."promise_status" AS ENUM('pending', 'kept', 'partly_kept', 'broken', 'cancelled');--> statement-breakpoint
CREATE TABLE "payment_promise_documents" (
	"promise_id" text NOT NULL,
	"position" integer NOT NULL,
	"document_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "payment_promise_documents_promise_id_position_pk" PRIMARY KEY("promise_id","position"),
	CONSTRAINT "payment_promise_documents_amount_positive" CHECK ("payment_promise_documents"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_promises" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"currency" "currency" NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"promised_date" date NOT NULL,
	"status" "promise_status" DEFAULT 'pending' NOT NULL,
	"paid_amount" numeric(18, 2),
	"note" text,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "payment_promises_amount_positive" CHECK ("payment_promises"."amount" > 0),
	CONSTRAINT "payment_promises_paid_within" CHECK ("payment_promises"."paid_amount" is null or ("payment_promises"."paid_amount" >= 0 and "payment_promises"."paid_amount" <= "payment_promises"."amount"))
);
--> statement-breakpoint
ALTER TABLE "payment_promise_documents" ADD CONSTRAINT "payment_promise_documents_promise_id_payment_promises_id_fk" FOREIGN KEY ("promise_id") REFERENCES "public"."payment_promises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_promise_documents" ADD CONSTRAINT "payment_promise_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_promises" ADD CONSTRAINT "payment_promises_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_promises" ADD CONSTRAINT "payment_promises_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_promise_documents_document_idx" ON "payment_promise_documents" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "payment_promises_account_date_idx" ON "payment_promises" USING btree ("account_id","promised_date","id");--> statement-breakpoint
CREATE INDEX "payment_promises_status_date_idx" ON "payment_promises" USING btree ("status","promised_date","id");