CREATE TYPE "public"."correction_response" AS ENUM('answered', 'accepted');--> statement-breakpoint
ALTER TYPE "public"."envelope_status" ADD VALUE 'corrections_requested';--> statement-breakpoint
ALTER TYPE "public"."envelope_status" ADD VALUE 'superseded';--> statement-breakpoint
CREATE TABLE "minute_correction_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"correction_id" text NOT NULL,
	"response" "correction_response" NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"new_envelope_id" text,
	"responded_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minute_correction_responses_accepted_has_version" CHECK ("minute_correction_responses"."response" <> 'accepted' or "minute_correction_responses"."new_envelope_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "minute_corrections" (
	"id" text PRIMARY KEY NOT NULL,
	"envelope_id" text NOT NULL,
	"signer_id" text NOT NULL,
	"items" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minute_promises" (
	"envelope_id" text NOT NULL,
	"agreement_id" text NOT NULL,
	"promise_id" text,
	"refused_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minute_promises_outcome" CHECK (("minute_promises"."promise_id" is null) <> ("minute_promises"."refused_code" is null))
);
--> statement-breakpoint
ALTER TABLE "envelopes" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "envelopes" ADD COLUMN "supersedes_id" text;--> statement-breakpoint
ALTER TABLE "minute_correction_responses" ADD CONSTRAINT "minute_correction_responses_correction_id_minute_corrections_id_fk" FOREIGN KEY ("correction_id") REFERENCES "public"."minute_corrections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_correction_responses" ADD CONSTRAINT "minute_correction_responses_new_envelope_id_envelopes_id_fk" FOREIGN KEY ("new_envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_correction_responses" ADD CONSTRAINT "minute_correction_responses_responded_by_id_users_id_fk" FOREIGN KEY ("responded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_corrections" ADD CONSTRAINT "minute_corrections_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_corrections" ADD CONSTRAINT "minute_corrections_signer_id_envelope_signers_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."envelope_signers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_promises" ADD CONSTRAINT "minute_promises_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minute_promises" ADD CONSTRAINT "minute_promises_promise_id_payment_promises_id_fk" FOREIGN KEY ("promise_id") REFERENCES "public"."payment_promises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "minute_correction_responses_correction_uq" ON "minute_correction_responses" USING btree ("correction_id");--> statement-breakpoint
CREATE INDEX "minute_corrections_envelope_idx" ON "minute_corrections" USING btree ("envelope_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "minute_promises_envelope_agreement_uq" ON "minute_promises" USING btree ("envelope_id","agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minute_promises_promise_uq" ON "minute_promises" USING btree ("promise_id");--> statement-breakpoint
ALTER TABLE "envelopes" ADD CONSTRAINT "envelopes_supersedes_id_envelopes_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "envelopes_supersedes_uq" ON "envelopes" USING btree ("supersedes_id");--> statement-breakpoint
-- Hand SQL: corrections, responses and the promises minutes became are append-only, and nothing is
-- added to a sealed envelope (as envelope_parts_sealed_guard does for signers and differences).
CREATE OR REPLACE FUNCTION minute_parts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  envelope text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_TABLE_NAME = 'minute_correction_responses' THEN
    SELECT c.envelope_id INTO envelope FROM minute_corrections c WHERE c.id = NEW.correction_id;
  ELSE
    envelope := NEW.envelope_id;
  END IF;
  IF EXISTS (SELECT 1 FROM envelopes WHERE id = envelope AND sealed_at IS NOT NULL) THEN
    RAISE EXCEPTION 'envelope % is sealed: INSERT on % refused', envelope, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER minute_corrections_append_only BEFORE INSERT OR UPDATE OR DELETE ON minute_corrections FOR EACH ROW EXECUTE FUNCTION minute_parts_append_only();--> statement-breakpoint
CREATE TRIGGER minute_correction_responses_append_only BEFORE INSERT OR UPDATE OR DELETE ON minute_correction_responses FOR EACH ROW EXECUTE FUNCTION minute_parts_append_only();--> statement-breakpoint
CREATE TRIGGER minute_promises_append_only BEFORE INSERT OR UPDATE OR DELETE ON minute_promises FOR EACH ROW EXECUTE FUNCTION minute_parts_append_only();
