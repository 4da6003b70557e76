-- The staff customer search ignores accents and case: a generated, folded search_text column and a
-- trigram index for its "contains" match (pg_trgm: in PostgreSQL's contrib, a trusted extension;
-- PGlite loads it in utils/db.server.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "customer_accounts" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(translate(legal_name || ' ' || number || ' ' || tax_id, 'ÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãéèêëíìîïóòôöõúùûüñç', 'AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc'))) STORED;--> statement-breakpoint
CREATE INDEX "customer_accounts_search_text_trgm_idx" ON "customer_accounts" USING gin ("search_text" gin_trgm_ops);