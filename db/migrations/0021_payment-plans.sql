CREATE TYPE "public"."plan_revision_author" AS ENUM('customer', 'collector');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('proposed', 'countered', 'awaiting_approval', 'active', 'rejected', 'declined', 'withdrawn', 'cancelled');--> statement-breakpoint
CREATE TABLE "payment_plan_documents" (
	"plan_id" text NOT NULL,
	"position" integer NOT NULL,
	"document_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "payment_plan_documents_plan_id_position_pk" PRIMARY KEY("plan_id","position"),
	CONSTRAINT "payment_plan_documents_amount_positive" CHECK ("payment_plan_documents"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_plan_instalments" (
	"plan_id" text NOT NULL,
	"revision" integer NOT NULL,
	"position" integer NOT NULL,
	"due_date" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"author" "plan_revision_author" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_plan_instalments_plan_id_revision_position_pk" PRIMARY KEY("plan_id","revision","position"),
	CONSTRAINT "payment_plan_instalments_amount_positive" CHECK ("payment_plan_instalments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"currency" "currency" NOT NULL,
	"status" "plan_status" DEFAULT 'proposed' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"note" text,
	"proposed_by_id" text NOT NULL,
	"decided_by_id" text,
	"approved_by_id" text,
	"rejected_by_id" text,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	CONSTRAINT "payment_plans_total_positive" CHECK ("payment_plans"."total" > 0),
	CONSTRAINT "payment_plans_revision_positive" CHECK ("payment_plans"."revision" >= 1)
);
--> statement-breakpoint
CREATE TABLE "plan_approval_policies" (
	"seller_id" text NOT NULL,
	"currency" "currency" NOT NULL,
	"approval_above" numeric(18, 2) NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_approval_policies_seller_id_currency_pk" PRIMARY KEY("seller_id","currency"),
	CONSTRAINT "plan_approval_policies_nonnegative" CHECK ("plan_approval_policies"."approval_above" >= 0)
);
--> statement-breakpoint
ALTER TABLE "payment_promises" ADD COLUMN "plan_id" text;--> statement-breakpoint
ALTER TABLE "payment_promises" ADD COLUMN "plan_position" integer;--> statement-breakpoint
ALTER TABLE "payment_plan_documents" ADD CONSTRAINT "payment_plan_documents_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_documents" ADD CONSTRAINT "payment_plan_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plan_instalments" ADD CONSTRAINT "payment_plan_instalments_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_rejected_by_id_users_id_fk" FOREIGN KEY ("rejected_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_approval_policies" ADD CONSTRAINT "plan_approval_policies_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_approval_policies" ADD CONSTRAINT "plan_approval_policies_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_plan_documents_document_idx" ON "payment_plan_documents" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "payment_plans_account_idx" ON "payment_plans" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_plans_status_idx" ON "payment_plans" USING btree ("status","updated_at");--> statement-breakpoint
ALTER TABLE "payment_promises" ADD CONSTRAINT "payment_promises_plan_id_payment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."payment_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_promises_plan_idx" ON "payment_promises" USING btree ("plan_id","plan_position");--> statement-breakpoint
ALTER TABLE "payment_promises" ADD CONSTRAINT "payment_promises_plan_position" CHECK (("payment_promises"."plan_id" is null) = ("payment_promises"."plan_position" is null));