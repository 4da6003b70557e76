-- Hand-written (claims-ledger-version): disputed amounts are marked on the account pages (invoice list,
-- document detail, home, statements), which the page cache keys by customer_accounts.ledger_version
-- (ADR 009 "Page cache", migration 0008). A claim's documents, and a claim opening or closing (raised,
-- resolved, withdrawn, reopened), change those marks, so they bump the account's version like the
-- ledger's own tables do. Other claim updates (assignment, messages' version bumps, SLA moves) leave
-- the marks alone and do not bump, so the cache survives a busy claims queue.
CREATE OR REPLACE FUNCTION ledger_version_claim_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT c.account_id FROM new_rows r JOIN claims c ON c.id = r.claim_id));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM bump_ledger_versions(ARRAY(
      SELECT c.account_id FROM old_rows r JOIN claims c ON c.id = r.claim_id
      UNION SELECT c.account_id FROM new_rows r JOIN claims c ON c.id = r.claim_id));
  ELSE
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT c.account_id FROM old_rows r JOIN claims c ON c.id = r.claim_id));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER claim_documents_ledger_version_ins AFTER INSERT ON claim_documents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_claim_documents();--> statement-breakpoint
CREATE TRIGGER claim_documents_ledger_version_upd AFTER UPDATE ON claim_documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_claim_documents();--> statement-breakpoint
CREATE TRIGGER claim_documents_ledger_version_del AFTER DELETE ON claim_documents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_claim_documents();--> statement-breakpoint
-- A claim is "open" for the marks while it is neither resolved nor withdrawn (open or waiting on the customer).
CREATE OR REPLACE FUNCTION ledger_version_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM bump_ledger_versions(ARRAY(
      SELECT o.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status IN ('resolved', 'withdrawn')) IS DISTINCT FROM (n.status IN ('resolved', 'withdrawn'))
         OR o.account_id IS DISTINCT FROM n.account_id
      UNION
      SELECT n.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status IN ('resolved', 'withdrawn')) IS DISTINCT FROM (n.status IN ('resolved', 'withdrawn'))
         OR o.account_id IS DISTINCT FROM n.account_id));
  ELSE
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT account_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER claims_ledger_version_upd AFTER UPDATE ON claims REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_claims();--> statement-breakpoint
CREATE TRIGGER claims_ledger_version_del AFTER DELETE ON claims REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_claims();
