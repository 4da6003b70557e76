DROP INDEX "documents_account_kind_issue_idx";--> statement-breakpoint
CREATE INDEX "documents_account_kind_issue_id_idx" ON "documents" USING btree ("account_id","kind","issue_date","id");--> statement-breakpoint
CREATE INDEX "documents_account_kind_due_id_idx" ON "documents" USING btree ("account_id","kind","due_date","id");--> statement-breakpoint
CREATE INDEX "documents_account_kind_amount_id_idx" ON "documents" USING btree ("account_id","kind","amount","id");--> statement-breakpoint
CREATE INDEX "documents_account_kind_folio_id_idx" ON "documents" USING btree ("account_id","kind","series",length("folio"),"folio","id");--> statement-breakpoint
CREATE INDEX "documents_account_serie_folio_prefix_idx" ON "documents" USING btree ("account_id",lower("series" || '-' || "folio") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "documents_account_folio_idx" ON "documents" USING btree ("account_id","folio");--> statement-breakpoint
CREATE INDEX "documents_account_fiscal_id_prefix_idx" ON "documents" USING btree ("account_id",lower("fiscal_id") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "documents_account_purchase_order_prefix_idx" ON "documents" USING btree ("account_id",lower("purchase_order") text_pattern_ops);