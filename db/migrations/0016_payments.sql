CREATE TYPE "public"."payment_duplicate_decision" AS ENUM('genuine', 'duplicate');--> statement-breakpoint
CREATE TYPE "public"."payment_registration_method" AS ENUM('spei', 'pse_ach', 'deposit', 'cheque', 'postdated_cheque', 'card');--> statement-breakpoint
CREATE TYPE "public"."payment_registration_status" AS ENUM('in_review', 'confirmed', 'rejected');--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"id" text PRIMARY KEY NOT NULL,
	"registration_id" text NOT NULL,
	"document_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" "currency" NOT NULL,
	CONSTRAINT "payment_allocations_amount_positive" CHECK ("payment_allocations"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_receipt_invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"receipt_id" text NOT NULL,
	"invoice_id" text NOT NULL,
	"instalment" integer NOT NULL,
	"balance_before" numeric(18, 2) NOT NULL,
	"paid" numeric(18, 2) NOT NULL,
	"balance_after" numeric(18, 2) NOT NULL,
	CONSTRAINT "payment_receipt_invoices_arithmetic" CHECK ("payment_receipt_invoices"."balance_after" = "payment_receipt_invoices"."balance_before" - "payment_receipt_invoices"."paid"),
	CONSTRAINT "payment_receipt_invoices_nonneg" CHECK ("payment_receipt_invoices"."paid" > 0 and "payment_receipt_invoices"."balance_after" >= 0),
	CONSTRAINT "payment_receipt_invoices_instalment_positive" CHECK ("payment_receipt_invoices"."instalment" >= 1)
);
--> statement-breakpoint
CREATE TABLE "payment_receipts" (
	"id" text PRIMARY KEY NOT NULL,
	"registration_id" text NOT NULL,
	"account_id" text NOT NULL,
	"payment_document_id" text NOT NULL,
	"series" text NOT NULL,
	"folio" text NOT NULL,
	"uuid" text NOT NULL,
	"xml" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_registrations" (
	"id" text PRIMARY KEY NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "payment_registrations_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1),
	"seller_id" text NOT NULL,
	"account_id" text NOT NULL,
	"method" "payment_registration_method" NOT NULL,
	"status" "payment_registration_status" DEFAULT 'in_review' NOT NULL,
	"paid_on" date NOT NULL,
	"deposit_date" date,
	"amount" numeric(18, 2) NOT NULL,
	"currency" "currency" NOT NULL,
	"bank" text NOT NULL,
	"reference" text NOT NULL,
	"reference_key" text NOT NULL,
	"proof_file_name" text,
	"proof_media_type" text,
	"proof_sha256" text,
	"proof_size" integer,
	"proof_content" "bytea",
	"notes" text,
	"staff_entered" boolean DEFAULT false NOT NULL,
	"registered_by_id" text NOT NULL,
	"reviewed_by_id" text,
	"reviewed_at" timestamp with time zone,
	"rejection_reason" text,
	"duplicate_decision" "payment_duplicate_decision",
	"duplicate_of_id" text,
	"payment_document_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_registrations_amount_positive" CHECK ("payment_registrations"."amount" > 0),
	CONSTRAINT "payment_registrations_deposit_date" CHECK (("payment_registrations"."method" = 'postdated_cheque') = ("payment_registrations"."deposit_date" is not null)),
	CONSTRAINT "payment_registrations_confirmed_has_payment" CHECK (("payment_registrations"."status" = 'confirmed') = ("payment_registrations"."payment_document_id" is not null)),
	CONSTRAINT "payment_registrations_rejected_has_reason" CHECK ("payment_registrations"."status" <> 'rejected' or "payment_registrations"."rejection_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_registration_id_payment_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."payment_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipt_invoices" ADD CONSTRAINT "payment_receipt_invoices_receipt_id_payment_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."payment_receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipt_invoices" ADD CONSTRAINT "payment_receipt_invoices_invoice_id_documents_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_registration_id_payment_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."payment_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_payment_document_id_documents_id_fk" FOREIGN KEY ("payment_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_registrations" ADD CONSTRAINT "payment_registrations_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_registrations" ADD CONSTRAINT "payment_registrations_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_registrations" ADD CONSTRAINT "payment_registrations_registered_by_id_users_id_fk" FOREIGN KEY ("registered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_registrations" ADD CONSTRAINT "payment_registrations_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_registrations" ADD CONSTRAINT "payment_registrations_payment_document_id_documents_id_fk" FOREIGN KEY ("payment_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_allocations_registration_document_uq" ON "payment_allocations" USING btree ("registration_id","document_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_document_idx" ON "payment_allocations" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_receipt_invoices_invoice_instalment_uq" ON "payment_receipt_invoices" USING btree ("invoice_id","instalment");--> statement-breakpoint
CREATE INDEX "payment_receipt_invoices_receipt_idx" ON "payment_receipt_invoices" USING btree ("receipt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_receipts_uuid_uq" ON "payment_receipts" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_receipts_series_folio_uq" ON "payment_receipts" USING btree ("series","folio");--> statement-breakpoint
CREATE INDEX "payment_receipts_registration_idx" ON "payment_receipts" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_registrations_number_uq" ON "payment_registrations" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_registrations_payment_document_uq" ON "payment_registrations" USING btree ("payment_document_id");--> statement-breakpoint
CREATE INDEX "payment_registrations_status_created_idx" ON "payment_registrations" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "payment_registrations_account_created_idx" ON "payment_registrations" USING btree ("account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "payment_registrations_account_amount_idx" ON "payment_registrations" USING btree ("account_id","amount","paid_on");--> statement-breakpoint
CREATE INDEX "payment_registrations_proof_sha_idx" ON "payment_registrations" USING btree ("proof_sha256");