CREATE TYPE "public"."difference_kind" AS ENUM('unknown_invoice', 'unapplied_payment', 'expected_credit_note', 'amount_differs');--> statement-breakpoint
CREATE TYPE "public"."envelope_kind" AS ENUM('reconciliation', 'minutes');--> statement-breakpoint
CREATE TYPE "public"."envelope_status" AS ENUM('draft', 'sent', 'viewed', 'signed', 'signed_with_differences', 'expired');--> statement-breakpoint
CREATE TYPE "public"."signer_status" AS ENUM('pending', 'viewed', 'signed');--> statement-breakpoint
CREATE TABLE "envelope_signers" (
	"id" text PRIMARY KEY NOT NULL,
	"envelope_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "grant_role" NOT NULL,
	"status" "signer_status" DEFAULT 'pending' NOT NULL,
	"emailed_at" timestamp with time zone,
	"viewed_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"signed_time_zone" text,
	"typed_name" text,
	"ip" text,
	"user_agent" text,
	"consent_text" text,
	"content_sha256" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "envelope_signers_signed_complete" CHECK ("envelope_signers"."status" <> 'signed' or ("envelope_signers"."signed_at" is not null and "envelope_signers"."typed_name" is not null and "envelope_signers"."consent_text" is not null and "envelope_signers"."content_sha256" is not null))
);
--> statement-breakpoint
CREATE TABLE "envelopes" (
	"id" text PRIMARY KEY NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "envelopes_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1001 CACHE 1),
	"kind" "envelope_kind" NOT NULL,
	"seller_id" text NOT NULL,
	"account_id" text NOT NULL,
	"status" "envelope_status" DEFAULT 'draft' NOT NULL,
	"cutoff_date" date,
	"message" text DEFAULT '' NOT NULL,
	"content" jsonb NOT NULL,
	"content_sha256" text NOT NULL,
	"verification_code" text NOT NULL,
	"prepared_by_id" text NOT NULL,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"customer_balance" numeric(18, 2),
	"customer_balance_currency" "currency",
	"original_pdf" "bytea",
	"original_sha256" text,
	"sealed_pdf" "bytea",
	"sealed_sha256" text,
	"sealed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "envelopes_reconciliation_has_cutoff" CHECK ("envelopes"."kind" <> 'reconciliation' or "envelopes"."cutoff_date" is not null),
	CONSTRAINT "envelopes_sealed_complete" CHECK ("envelopes"."sealed_at" is null or ("envelopes"."sealed_pdf" is not null and "envelopes"."sealed_sha256" is not null and "envelopes"."original_pdf" is not null and "envelopes"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "reconciliation_differences" (
	"id" text PRIMARY KEY NOT NULL,
	"envelope_id" text NOT NULL,
	"signer_id" text NOT NULL,
	"kind" "difference_kind" NOT NULL,
	"document_id" text,
	"reference" text,
	"amount" numeric(18, 2) NOT NULL,
	"currency" "currency" NOT NULL,
	"description" text NOT NULL,
	"claim_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reconciliation_differences_amount_positive" CHECK ("reconciliation_differences"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "envelope_signers" ADD CONSTRAINT "envelope_signers_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "envelope_signers" ADD CONSTRAINT "envelope_signers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "envelopes" ADD CONSTRAINT "envelopes_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "envelopes" ADD CONSTRAINT "envelopes_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "envelopes" ADD CONSTRAINT "envelopes_prepared_by_id_users_id_fk" FOREIGN KEY ("prepared_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_differences" ADD CONSTRAINT "reconciliation_differences_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_differences" ADD CONSTRAINT "reconciliation_differences_signer_id_envelope_signers_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."envelope_signers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_differences" ADD CONSTRAINT "reconciliation_differences_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_differences" ADD CONSTRAINT "reconciliation_differences_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "envelope_signers_envelope_user_uq" ON "envelope_signers" USING btree ("envelope_id","user_id");--> statement-breakpoint
CREATE INDEX "envelope_signers_user_idx" ON "envelope_signers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "envelopes_number_uq" ON "envelopes" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "envelopes_verification_code_uq" ON "envelopes" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "envelopes_sealed_sha256_uq" ON "envelopes" USING btree ("sealed_sha256");--> statement-breakpoint
CREATE INDEX "envelopes_account_created_idx" ON "envelopes" USING btree ("account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "envelopes_seller_status_idx" ON "envelopes" USING btree ("seller_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "reconciliation_differences_envelope_idx" ON "reconciliation_differences" USING btree ("envelope_id");
--> statement-breakpoint
-- Hand SQL (signing): a sealed envelope never changes, nor do its signers and differences; nothing of
-- an envelope is ever deleted; a recorded signature is never rewritten. The code never tries: this is
-- the database refusing it anyway (issue 13, "after sealing the database refuses changes").
CREATE OR REPLACE FUNCTION envelopes_sealed_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'envelopes are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.sealed_at IS NOT NULL THEN
    RAISE EXCEPTION 'envelope % is sealed: % refused', OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER envelopes_sealed_guard BEFORE UPDATE OR DELETE ON envelopes FOR EACH ROW EXECUTE FUNCTION envelopes_sealed_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION envelope_parts_sealed_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  envelope text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- (Nested: PL/pgSQL does not promise to short-circuit AND, and OLD.status exists on one table only.)
    IF TG_TABLE_NAME = 'reconciliation_differences' THEN
      RAISE EXCEPTION 'differences are never rewritten' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status = 'signed' THEN
      RAISE EXCEPTION 'signature % is recorded: UPDATE refused', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  envelope := NEW.envelope_id;
  IF EXISTS (SELECT 1 FROM envelopes WHERE id = envelope AND sealed_at IS NOT NULL) THEN
    RAISE EXCEPTION 'envelope % is sealed: % on % refused', envelope, TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER envelope_signers_sealed_guard BEFORE INSERT OR UPDATE OR DELETE ON envelope_signers FOR EACH ROW EXECUTE FUNCTION envelope_parts_sealed_guard();
--> statement-breakpoint
CREATE TRIGGER reconciliation_differences_sealed_guard BEFORE INSERT OR UPDATE OR DELETE ON reconciliation_differences FOR EACH ROW EXECUTE FUNCTION envelope_parts_sealed_guard();
