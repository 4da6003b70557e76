CREATE TYPE "public"."account_status" AS ENUM('active', 'on_hold', 'blocked', 'closed');--> statement-breakpoint
CREATE TYPE "public"."country" AS ENUM('MX', 'CO');--> statement-breakpoint
CREATE TYPE "public"."currency" AS ENUM('MXN', 'COP', 'USD');--> statement-breakpoint
CREATE TYPE "public"."document_effect" AS ENUM('charge', 'credit');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('invoice', 'credit_note', 'debit_note', 'payment', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."document_status" AS ENUM('issued', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."file_role" AS ENUM('xml', 'pdf', 'evidence');--> statement-breakpoint
CREATE TYPE "public"."segment" AS ENUM('large', 'medium', 'small');--> statement-breakpoint
CREATE TYPE "public"."grant_role" AS ENUM('account_admin', 'payer', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."language" AS ENUM('es', 'en');--> statement-breakpoint
CREATE TYPE "public"."staff_area" AS ENUM('sales', 'operations', 'credit');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('collector', 'supervisor', 'area_owner', 'auditor', 'admin');--> statement-breakpoint
CREATE TYPE "public"."token_purpose" AS ENUM('invitation', 'password_reset');--> statement-breakpoint
CREATE TYPE "public"."user_kind" AS ENUM('customer', 'staff');--> statement-breakpoint
CREATE TABLE "account_grants" (
	"user_id" text NOT NULL,
	"account_id" text NOT NULL,
	"role" "grant_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_grants_user_id_account_id_pk" PRIMARY KEY("user_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"email" text NOT NULL,
	"succeeded" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"purpose" "token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"created_by_id" text,
	"payload" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"kind" "user_kind" NOT NULL,
	"staff_role" "staff_role",
	"staff_area" "staff_area",
	"supervisor_id" text,
	"language" "language",
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"group_id" text,
	"zone_id" text NOT NULL,
	"number" text NOT NULL,
	"legal_name" text NOT NULL,
	"tax_id" text NOT NULL,
	"tax_regime" text NOT NULL,
	"postal_code" text NOT NULL,
	"segment" "segment" NOT NULL,
	"currency" "currency" NOT NULL,
	"credit_limit" numeric(18, 2) NOT NULL,
	"payment_term_days" integer NOT NULL,
	"status" "account_status" DEFAULT 'active' NOT NULL,
	"collector_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_accounts_credit_limit_nonneg" CHECK ("customer_accounts"."credit_limit" >= 0),
	CONSTRAINT "customer_accounts_term_nonneg" CHECK ("customer_accounts"."payment_term_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "customer_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sellers" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"legal_name" text NOT NULL,
	"country" "country" NOT NULL,
	"tax_id" text NOT NULL,
	"tax_regime" text NOT NULL,
	"postal_code" text NOT NULL,
	"currency" "currency" NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sellers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"target_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" "currency" NOT NULL,
	"applied_on" date NOT NULL,
	"reverses_id" text,
	"reason" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_amount_nonzero" CHECK ("applications"."amount" <> 0),
	CONSTRAINT "applications_reversal_sign" CHECK (("applications"."reverses_id" is null and "applications"."amount" > 0) or ("applications"."reverses_id" is not null and "applications"."amount" < 0))
);
--> statement-breakpoint
CREATE TABLE "document_files" (
	"document_id" text NOT NULL,
	"file_id" text NOT NULL,
	"role" "file_role" NOT NULL,
	"file_name" text NOT NULL,
	"attached_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_files_document_id_file_id_pk" PRIMARY KEY("document_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"account_id" text NOT NULL,
	"kind" "document_kind" NOT NULL,
	"effect" "document_effect" NOT NULL,
	"series" text NOT NULL,
	"folio" text NOT NULL,
	"fiscal_id" text,
	"issue_date" date NOT NULL,
	"due_date" date NOT NULL,
	"currency" "currency" NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"subtotal" numeric(18, 2),
	"tax_total" numeric(18, 2),
	"status" "document_status" DEFAULT 'issued' NOT NULL,
	"payment_method" text,
	"payment_form" text,
	"purchase_order" text,
	"reference" text,
	"notes" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_amount_positive" CHECK ("documents"."amount" > 0),
	CONSTRAINT "documents_due_after_issue" CHECK ("documents"."due_date" >= "documents"."issue_date"),
	CONSTRAINT "documents_kind_effect" CHECK (("documents"."kind" in ('invoice','debit_note') and "documents"."effect" = 'charge') or ("documents"."kind" in ('credit_note','payment') and "documents"."effect" = 'credit') or "documents"."kind" = 'adjustment')
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"sku" text NOT NULL,
	"description" text NOT NULL,
	"unit" text NOT NULL,
	"product_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"quantity" numeric(18, 4) NOT NULL,
	"unit_price" numeric(18, 4) NOT NULL,
	"tax_rate" numeric(6, 4) NOT NULL,
	"subtotal" numeric(18, 2) NOT NULL,
	"tax" numeric(18, 2) NOT NULL,
	"total" numeric(18, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remissions" (
	"id" text PRIMARY KEY NOT NULL,
	"invoice_id" text NOT NULL,
	"number" text NOT NULL,
	"delivery_date" date NOT NULL,
	"received_by" text
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" text PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_files_sha256_unique" UNIQUE("sha256")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" text PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_grants" ADD CONSTRAINT "account_grants_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_accounts" ADD CONSTRAINT "customer_accounts_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_accounts" ADD CONSTRAINT "customer_accounts_group_id_customer_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."customer_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_accounts" ADD CONSTRAINT "customer_accounts_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_accounts" ADD CONSTRAINT "customer_accounts_collector_id_users_id_fk" FOREIGN KEY ("collector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_source_id_documents_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_target_id_documents_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remissions" ADD CONSTRAINT "remissions_invoice_id_documents_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_grants_account_idx" ON "account_grants" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "login_attempts_email_at_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_tokens_user_idx" ON "user_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "customer_accounts_seller_number_uq" ON "customer_accounts" USING btree ("seller_id","number");--> statement-breakpoint
CREATE INDEX "customer_accounts_group_idx" ON "customer_accounts" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "customer_accounts_collector_idx" ON "customer_accounts" USING btree ("collector_id");--> statement-breakpoint
CREATE INDEX "customer_accounts_zone_idx" ON "customer_accounts" USING btree ("zone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "zones_seller_code_uq" ON "zones" USING btree ("seller_id","code");--> statement-breakpoint
CREATE INDEX "applications_target_idx" ON "applications" USING btree ("target_id","applied_on");--> statement-breakpoint
CREATE INDEX "applications_source_idx" ON "applications" USING btree ("source_id","applied_on");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_reverses_uq" ON "applications" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "document_files_document_role_idx" ON "document_files" USING btree ("document_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_seller_kind_series_folio_uq" ON "documents" USING btree ("seller_id","kind","series","folio");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_fiscal_id_uq" ON "documents" USING btree ("fiscal_id");--> statement-breakpoint
CREATE INDEX "documents_account_kind_issue_idx" ON "documents" USING btree ("account_id","kind","issue_date");--> statement-breakpoint
CREATE INDEX "documents_account_due_idx" ON "documents" USING btree ("account_id","due_date");--> statement-breakpoint
CREATE INDEX "documents_account_issue_idx" ON "documents" USING btree ("account_id","issue_date","id");--> statement-breakpoint
CREATE INDEX "documents_purchase_order_idx" ON "documents" USING btree ("purchase_order");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_document_line_uq" ON "invoice_lines" USING btree ("document_id","line_no");--> statement-breakpoint
CREATE INDEX "remissions_invoice_idx" ON "remissions" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "remissions_number_idx" ON "remissions" USING btree ("number");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","occurred_at");