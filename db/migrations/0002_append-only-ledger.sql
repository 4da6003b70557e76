-- Nothing in the ledger's history or the audit trail is updated or deleted: mistakes are reversed by
-- new entries (DOMAIN.md). The database refuses it even if application code tried.
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER applications_append_only BEFORE UPDATE OR DELETE ON applications FOR EACH ROW EXECUTE FUNCTION refuse_change();
