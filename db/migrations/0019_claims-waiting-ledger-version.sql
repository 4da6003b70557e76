-- Hand-written (claims-waiting-ledger-version): the portal header counts the claims waiting on the
-- customer, read through the page cache (ADR 009) so a cached page still costs one query. A claim
-- moving into or out of waiting_on_customer therefore bumps its account's ledger version too, besides
-- opening and closing (migration 0014). Assignment, messages and SLA moves still do not.
CREATE OR REPLACE FUNCTION ledger_version_claims() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM bump_ledger_versions(ARRAY(
      SELECT o.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status IN ('resolved', 'withdrawn')) IS DISTINCT FROM (n.status IN ('resolved', 'withdrawn'))
         OR (o.status = 'waiting_on_customer') IS DISTINCT FROM (n.status = 'waiting_on_customer')
         OR o.account_id IS DISTINCT FROM n.account_id
      UNION
      SELECT n.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status IN ('resolved', 'withdrawn')) IS DISTINCT FROM (n.status IN ('resolved', 'withdrawn'))
         OR (o.status = 'waiting_on_customer') IS DISTINCT FROM (n.status = 'waiting_on_customer')
         OR o.account_id IS DISTINCT FROM n.account_id));
  ELSE
    PERFORM bump_ledger_versions(ARRAY(SELECT DISTINCT account_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
