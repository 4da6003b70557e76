-- Hand-written (promises-ledger-version): home and the staff's customer page show the account's pending
-- payment promises through the page cache, keyed by customer_accounts.ledger_version (ADR 009 "Page
-- cache", migration 0008). What was paid towards a promise moves with applications, which already bump
-- the version; a promise recorded, settled or withdrawn bumps it here.
CREATE OR REPLACE FUNCTION ledger_version_payment_promises() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT account_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM bump_ledger_versions(ARRAY(
      SELECT o.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IS DISTINCT FROM n.status OR o.account_id IS DISTINCT FROM n.account_id
      UNION
      SELECT n.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IS DISTINCT FROM n.status OR o.account_id IS DISTINCT FROM n.account_id));
  ELSE
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT account_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER payment_promises_ledger_version_ins AFTER INSERT ON payment_promises REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_payment_promises();--> statement-breakpoint
CREATE TRIGGER payment_promises_ledger_version_upd AFTER UPDATE ON payment_promises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_payment_promises();--> statement-breakpoint
CREATE TRIGGER payment_promises_ledger_version_del AFTER DELETE ON payment_promises REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_payment_promises();
