CREATE TYPE "public"."claim_settlement_kind" AS ENUM('credit_note', 'reinvoice', 'rebate');--> statement-breakpoint
CREATE TABLE "claim_settlements" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_id" text NOT NULL,
	"kind" "claim_settlement_kind" NOT NULL,
	"document_id" text NOT NULL,
	"cancelled_document_id" text,
	"amount" numeric(18, 2) NOT NULL,
	"currency" "currency" NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_settlements_amount_positive" CHECK ("claim_settlements"."amount" > 0),
	CONSTRAINT "claim_settlements_cancelled_when_reinvoice" CHECK (("claim_settlements"."kind" = 'reinvoice') = ("claim_settlements"."cancelled_document_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "claim_settlements" ADD CONSTRAINT "claim_settlements_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_settlements" ADD CONSTRAINT "claim_settlements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_settlements" ADD CONSTRAINT "claim_settlements_cancelled_document_id_documents_id_fk" FOREIGN KEY ("cancelled_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_settlements" ADD CONSTRAINT "claim_settlements_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_settlements_claim_idx" ON "claim_settlements" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE INDEX "claim_settlements_document_idx" ON "claim_settlements" USING btree ("document_id");--> statement-breakpoint
-- Hand-written (settle): a settlement is history, like applications and audit events (migration 0002).
CREATE TRIGGER claim_settlements_append_only BEFORE UPDATE OR DELETE ON claim_settlements FOR EACH ROW EXECUTE FUNCTION refuse_change();
