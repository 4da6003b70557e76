-- Ledger versions (ADR 009, "Page cache"): customer_accounts.ledger_version goes up by one in every
-- statement that changes what the account pages show of the account: its documents (issued, cancelled,
-- applied amounts), applications, remissions and files, the account row itself and its seller. The
-- triggers below do it whoever writes, so a cache keyed by (account, version) cannot serve what another
-- app instance has changed since: every request reads the versions with its session.
ALTER TABLE "customer_accounts" ADD COLUMN "ledger_version" bigint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Locks the accounts in id order (concurrent writers touching several accounts cannot deadlock here) and
-- bumps each once per statement.
CREATE OR REPLACE FUNCTION bump_ledger_versions(account_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(account_ids), 0) = 0 THEN RETURN; END IF;
  UPDATE customer_accounts a SET ledger_version = a.ledger_version + 1
  FROM (SELECT id FROM customer_accounts WHERE id = ANY(account_ids) ORDER BY id FOR NO KEY UPDATE) l
  WHERE a.id = l.id;
END;
$$;--> statement-breakpoint
-- Statement-level, with transition tables: one bump per statement and account, not one per row (the seed
-- and imports insert thousands of documents in one statement).
CREATE OR REPLACE FUNCTION ledger_version_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT account_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM bump_ledger_versions(ARRAY(SELECT account_id FROM old_rows UNION SELECT account_id FROM new_rows));
  ELSE
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT account_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER documents_ledger_version_ins AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_documents();--> statement-breakpoint
CREATE TRIGGER documents_ledger_version_upd AFTER UPDATE ON documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_documents();--> statement-breakpoint
CREATE TRIGGER documents_ledger_version_del AFTER DELETE ON documents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_documents();--> statement-breakpoint
-- Applications are append-only (migration 0002): inserts only. The ledger also moves the documents'
-- stored amounts in the same transaction (which bumps again); this one holds for an insert made without it.
CREATE OR REPLACE FUNCTION ledger_version_applications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Two equi-joins (each an index lookup per row), not one join on `id IN (target, source)`.
  PERFORM bump_ledger_versions(ARRAY(
    SELECT d.account_id FROM new_rows r JOIN documents d ON d.id = r.target_id
    UNION SELECT d.account_id FROM new_rows r JOIN documents d ON d.id = r.source_id));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER applications_ledger_version_ins AFTER INSERT ON applications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_applications();--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_version_remissions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT d.account_id FROM new_rows r JOIN documents d ON d.id = r.invoice_id));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM bump_ledger_versions(ARRAY(
      SELECT d.account_id FROM old_rows r JOIN documents d ON d.id = r.invoice_id
      UNION SELECT d.account_id FROM new_rows r JOIN documents d ON d.id = r.invoice_id));
  ELSE
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT d.account_id FROM old_rows r JOIN documents d ON d.id = r.invoice_id));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER remissions_ledger_version_ins AFTER INSERT ON remissions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_remissions();--> statement-breakpoint
CREATE TRIGGER remissions_ledger_version_upd AFTER UPDATE ON remissions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_remissions();--> statement-breakpoint
CREATE TRIGGER remissions_ledger_version_del AFTER DELETE ON remissions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_remissions();--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_version_document_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT d.account_id FROM new_rows r JOIN documents d ON d.id = r.document_id));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM bump_ledger_versions(ARRAY(
      SELECT d.account_id FROM old_rows r JOIN documents d ON d.id = r.document_id
      UNION SELECT d.account_id FROM new_rows r JOIN documents d ON d.id = r.document_id));
  ELSE
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT d.account_id FROM old_rows r JOIN documents d ON d.id = r.document_id));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER document_files_ledger_version_ins AFTER INSERT ON document_files REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_document_files();--> statement-breakpoint
CREATE TRIGGER document_files_ledger_version_upd AFTER UPDATE ON document_files REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_document_files();--> statement-breakpoint
CREATE TRIGGER document_files_ledger_version_del AFTER DELETE ON document_files REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_document_files();--> statement-breakpoint
-- The account row: any change of another column (credit line, names, terms, status, collector) bumps the
-- version too; and nobody may set it back, or an old cache entry could come back to life.
CREATE OR REPLACE FUNCTION customer_accounts_ledger_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.ledger_version < OLD.ledger_version THEN
    RAISE EXCEPTION 'customer_accounts.ledger_version never goes down' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.ledger_version = OLD.ledger_version AND (to_jsonb(NEW) - 'ledger_version') IS DISTINCT FROM (to_jsonb(OLD) - 'ledger_version') THEN
    NEW.ledger_version := OLD.ledger_version + 1;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER customer_accounts_ledger_version BEFORE UPDATE ON customer_accounts
  FOR EACH ROW EXECUTE FUNCTION customer_accounts_ledger_version();--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_version_sellers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_ledger_versions(ARRAY(SELECT a.id FROM customer_accounts a JOIN new_rows s ON s.id = a.seller_id));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER sellers_ledger_version_upd AFTER UPDATE ON sellers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_sellers();
