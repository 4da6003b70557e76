-- Open items (ADR 009): each document keeps what has been applied to it (a charge) or what it applied (a
-- credit), its open amount, and the date of the latest application touching it. Written by the ledger
-- module only, in the transaction and under the row locks of the application or reversal that changes
-- them; `npm run ledger:verify` recomputes them from documents and applications.
--
-- Order matters for large databases: the new columns are added without a rewrite, the backfill then
-- updates the documents that have applications, and adding the generated open_amount rewrites the table
-- once (which also rebuilds its indexes without the backfill's dead tuples). The guard trigger and the
-- new indexes come last.
ALTER TABLE "documents" ADD COLUMN "applied_amount" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "last_applied_on" date;--> statement-breakpoint
-- Backfill: the same definition as the derived open amount (a charge is reduced by what was applied to
-- it, a credit by what it applied), over every application and reversal.
UPDATE "documents" d SET "applied_amount" = x.applied, "last_applied_on" = x.last
FROM (
  SELECT a.target_id AS id, 'charge'::document_effect AS effect, sum(a.amount) AS applied, max(a.applied_on) AS last
  FROM applications a GROUP BY a.target_id
  UNION ALL
  SELECT a.source_id, 'credit'::document_effect, sum(a.amount), max(a.applied_on)
  FROM applications a GROUP BY a.source_id
) x
WHERE d.id = x.id AND d.effect = x.effect;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "open_amount" numeric(18, 2) GENERATED ALWAYS AS (case when status = 'cancelled' then 0 else amount - applied_amount end) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_applied_within_amount" CHECK ("documents"."applied_amount" >= 0 and "documents"."applied_amount" <= "documents"."amount");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_open_within_amount" CHECK ("documents"."open_amount" >= 0 and "documents"."open_amount" <= "documents"."amount");--> statement-breakpoint
-- The guard: a new document starts with nothing applied; afterwards only a transaction that set
-- `cartera.ledger_write` (the ledger module does, around its own update) may change applied_amount or
-- last_applied_on. open_amount is generated, so nobody writes it at all.
CREATE OR REPLACE FUNCTION documents_guard_open_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.applied_amount <> 0 OR NEW.last_applied_on IS NOT NULL THEN
      RAISE EXCEPTION 'documents.applied_amount starts at 0: a new document has no applications'
        USING ERRCODE = 'check_violation';
    END IF;
  ELSIF (NEW.applied_amount IS DISTINCT FROM OLD.applied_amount OR NEW.last_applied_on IS DISTINCT FROM OLD.last_applied_on)
        AND coalesce(current_setting('cartera.ledger_write', true), '') <> 'on' THEN
    RAISE EXCEPTION 'documents.applied_amount and last_applied_on are written by the ledger module only'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER documents_open_items_guard BEFORE INSERT OR UPDATE OF applied_amount, last_applied_on ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_guard_open_items();--> statement-breakpoint
-- Balances, aging, due in 7/30 days and the lists' open filters: only documents with something open,
-- per account, charges and credits apart, by due date, with what those reads need included.
CREATE INDEX IF NOT EXISTS "documents_open_items_idx" ON "documents" ("account_id", "effect", "due_date")
  INCLUDE ("id", "kind", "currency", "issue_date", "open_amount", "last_applied_on")
  WHERE "status" = 'issued' AND "open_amount" > 0;--> statement-breakpoint
-- "As of" a date D: the documents of an account with an application dated after D (usually few), whose
-- open amount at D is open_amount plus those applications.
CREATE INDEX IF NOT EXISTS "documents_applied_after_idx" ON "documents" ("account_id", "last_applied_on")
  INCLUDE ("id", "kind", "effect", "currency", "issue_date", "due_date", "open_amount")
  WHERE "status" = 'issued' AND "last_applied_on" IS NOT NULL;--> statement-breakpoint
-- The lists' count and per-currency totals of an account's invoices or notes: an index-only scan in
-- currency order instead of reading every row of a long history.
CREATE INDEX IF NOT EXISTS "documents_account_kind_totals_idx" ON "documents" ("account_id", "kind", "currency")
  INCLUDE ("id", "status", "effect", "amount", "applied_amount", "last_applied_on");
