CREATE TYPE "public"."cheque_deposit_status" AS ENUM('deposited', 'cleared', 'returned');--> statement-breakpoint
CREATE TYPE "public"."cheque_pickup_status" AS ENUM('requested', 'collected', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."cheque_return_reason" AS ENUM('insufficient_funds', 'signature_mismatch', 'account_closed', 'stop_payment', 'post_dated_early', 'other');--> statement-breakpoint
CREATE TYPE "public"."cheque_status" AS ENUM('in_custody', 'deposited', 'cleared', 'returned');--> statement-breakpoint
CREATE TABLE "cheque_deposits" (
	"id" text PRIMARY KEY NOT NULL,
	"cheque_id" text NOT NULL,
	"deposit_no" integer NOT NULL,
	"deposited_on" date NOT NULL,
	"deposited_by_id" text,
	"status" "cheque_deposit_status" DEFAULT 'deposited' NOT NULL,
	"resolved_on" date,
	"resolved_by_id" text,
	"return_reason" "cheque_return_reason",
	"fee_document_id" text,
	"cancelled_payment_id" text,
	"payment_document_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cheque_deposits_no_positive" CHECK ("cheque_deposits"."deposit_no" >= 1),
	CONSTRAINT "cheque_deposits_resolved" CHECK (("cheque_deposits"."status" = 'deposited') = ("cheque_deposits"."resolved_on" is null)),
	CONSTRAINT "cheque_deposits_returned_reason" CHECK (("cheque_deposits"."status" = 'returned') = ("cheque_deposits"."return_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "cheque_pickups" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"account_id" text NOT NULL,
	"requested_by_id" text NOT NULL,
	"pickup_date" date NOT NULL,
	"address" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"notes" text,
	"status" "cheque_pickup_status" DEFAULT 'requested' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cheques" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"account_id" text NOT NULL,
	"registration_id" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" "currency" NOT NULL,
	"bank" text NOT NULL,
	"number" text NOT NULL,
	"deposit_date" date NOT NULL,
	"status" "cheque_status" DEFAULT 'in_custody' NOT NULL,
	"payment_document_id" text,
	"protection_reference" text,
	"protection_checked_by_id" text,
	"protection_checked_at" timestamp with time zone,
	"follow_up_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cheques_amount_positive" CHECK ("cheques"."amount" > 0),
	CONSTRAINT "cheques_protection_complete" CHECK (("cheques"."protection_reference" is null) = ("cheques"."protection_checked_by_id" is null) and ("cheques"."protection_reference" is null) = ("cheques"."protection_checked_at" is null)),
	CONSTRAINT "cheques_returned_follow_up" CHECK (("cheques"."status" = 'returned') = ("cheques"."follow_up_on" is not null)),
	CONSTRAINT "cheques_payment_standing" CHECK (("cheques"."status" <> 'returned' or "cheques"."payment_document_id" is null) and ("cheques"."status" not in ('in_custody', 'cleared') or "cheques"."payment_document_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "returned_cheque_fees" (
	"seller_id" text NOT NULL,
	"currency" "currency" NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "returned_cheque_fees_seller_id_currency_pk" PRIMARY KEY("seller_id","currency"),
	CONSTRAINT "returned_cheque_fees_positive" CHECK ("returned_cheque_fees"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "cheque_deposits" ADD CONSTRAINT "cheque_deposits_cheque_id_cheques_id_fk" FOREIGN KEY ("cheque_id") REFERENCES "public"."cheques"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_deposits" ADD CONSTRAINT "cheque_deposits_deposited_by_id_users_id_fk" FOREIGN KEY ("deposited_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_deposits" ADD CONSTRAINT "cheque_deposits_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_deposits" ADD CONSTRAINT "cheque_deposits_fee_document_id_documents_id_fk" FOREIGN KEY ("fee_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_deposits" ADD CONSTRAINT "cheque_deposits_cancelled_payment_id_documents_id_fk" FOREIGN KEY ("cancelled_payment_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_deposits" ADD CONSTRAINT "cheque_deposits_payment_document_id_documents_id_fk" FOREIGN KEY ("payment_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_pickups" ADD CONSTRAINT "cheque_pickups_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_pickups" ADD CONSTRAINT "cheque_pickups_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheque_pickups" ADD CONSTRAINT "cheque_pickups_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheques" ADD CONSTRAINT "cheques_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheques" ADD CONSTRAINT "cheques_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheques" ADD CONSTRAINT "cheques_registration_id_payment_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."payment_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheques" ADD CONSTRAINT "cheques_payment_document_id_documents_id_fk" FOREIGN KEY ("payment_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cheques" ADD CONSTRAINT "cheques_protection_checked_by_id_users_id_fk" FOREIGN KEY ("protection_checked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returned_cheque_fees" ADD CONSTRAINT "returned_cheque_fees_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cheque_deposits_cheque_no_uq" ON "cheque_deposits" USING btree ("cheque_id","deposit_no");--> statement-breakpoint
CREATE UNIQUE INDEX "cheque_deposits_one_pending_uq" ON "cheque_deposits" USING btree ("cheque_id") WHERE "cheque_deposits"."status" = 'deposited';--> statement-breakpoint
CREATE INDEX "cheque_pickups_date_idx" ON "cheque_pickups" USING btree ("pickup_date","id");--> statement-breakpoint
CREATE INDEX "cheque_pickups_account_date_idx" ON "cheque_pickups" USING btree ("account_id","pickup_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "cheques_registration_uq" ON "cheques" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "cheques_status_deposit_idx" ON "cheques" USING btree ("status","deposit_date","id");--> statement-breakpoint
CREATE INDEX "cheques_account_status_idx" ON "cheques" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "cheques_follow_up_idx" ON "cheques" USING btree ("follow_up_on","id") WHERE "cheques"."status" = 'returned';--> statement-breakpoint
-- Hand-written (cheques): held cheques count against the account's credit line, which the account
-- overview reads through the page cache keyed by customer_accounts.ledger_version (ADR 009, migration
-- 0008). A cheque received, or changing status or its standing payment, bumps its account's version.
CREATE OR REPLACE FUNCTION ledger_version_cheques() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT account_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM bump_ledger_versions(ARRAY(
      SELECT o.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IS DISTINCT FROM n.status OR o.payment_document_id IS DISTINCT FROM n.payment_document_id
         OR o.account_id IS DISTINCT FROM n.account_id
      UNION
      SELECT n.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IS DISTINCT FROM n.status OR o.payment_document_id IS DISTINCT FROM n.payment_document_id
         OR o.account_id IS DISTINCT FROM n.account_id));
  ELSE
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT account_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER cheques_ledger_version_ins AFTER INSERT ON cheques REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_cheques();--> statement-breakpoint
CREATE TRIGGER cheques_ledger_version_upd AFTER UPDATE ON cheques REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_cheques();--> statement-breakpoint
CREATE TRIGGER cheques_ledger_version_del AFTER DELETE ON cheques REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_cheques();--> statement-breakpoint
-- Cheques confirmed before this migration enter custody (the collector deposits or clears them from
-- /staff/cheques); nothing is known of their deposits.
INSERT INTO cheques (id, seller_id, account_id, registration_id, amount, currency, bank, number, deposit_date, status, payment_document_id)
SELECT 'q' || substr(md5(r.id || ':cheque'), 1, 23), r.seller_id, r.account_id, r.id, r.amount, r.currency, r.bank, r.reference,
       coalesce(r.deposit_date, r.paid_on), 'in_custody', r.payment_document_id
FROM payment_registrations r
WHERE r.status = 'confirmed' AND r.method IN ('cheque', 'postdated_cheque');
