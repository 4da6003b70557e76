// Sellers (legal entities), commercial zones, customer groups and customer accounts.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, money } from "./_columns";
import { accountStatusEnum, countryEnum, currencyEnum, segmentEnum } from "./enums";
import { users } from "./identity";

/** The accented letters of Spanish (and Portuguese/French names) and what the staff search folds them to. */
export const ACCENTED = "ÁÀÂÄÃÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇáàâäãéèêëíìîïóòôöõúùûüñç";
export const UNACCENTED = "AAAAAEEEEIIIIOOOOOUUUUNCaaaaaeeeeiiiiooooouuuunc";

export const sellers = pgTable("sellers", {
  id: id(),
  code: text("code").notNull().unique(),
  legalName: text("legal_name").notNull(),
  country: countryEnum("country").notNull(),
  taxId: text("tax_id").notNull(),
  /** SAT fiscal regime (MX) or DIAN responsibility (CO). */
  taxRegime: text("tax_regime").notNull(),
  postalCode: text("postal_code").notNull(),
  currency: currencyEnum("currency").notNull(),
  timeZone: text("time_zone").notNull(),
  createdAt: createdAt(),
});

export const zones = pgTable(
  "zones",
  {
    id: id(),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("zones_seller_code_uq").on(t.sellerId, t.code)],
);

export const customerGroups = pgTable("customer_groups", {
  id: id(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const customerAccounts = pgTable(
  "customer_accounts",
  {
    id: id(),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    groupId: text("group_id").references(() => customerGroups.id),
    zoneId: text("zone_id")
      .notNull()
      .references(() => zones.id),
    number: text("number").notNull(),
    legalName: text("legal_name").notNull(),
    taxId: text("tax_id").notNull(),
    taxRegime: text("tax_regime").notNull(),
    postalCode: text("postal_code").notNull(),
    segment: segmentEnum("segment").notNull(),
    currency: currencyEnum("currency").notNull(),
    creditLimit: money("credit_limit").notNull(),
    paymentTermDays: integer("payment_term_days").notNull(),
    status: accountStatusEnum("status").notNull().default("active"),
    collectorId: text("collector_id").references(() => users.id),
    createdAt: createdAt(),
    /**
     * Goes up by one in every transaction that changes what the account pages show of this account: its
     * documents, applications, remissions and files, the account row itself, its seller (triggers of
     * migration 0008, whoever writes). Read with the session on every request; the page cache of
     * app/domain/ledger/ledger-cache.server.ts keys its entries by it (ADR 009). Never goes down.
     */
    ledgerVersion: bigint("ledger_version", { mode: "number" }).notNull().default(1),
    /**
     * Name, number and tax ID without accents, in lower case: what the staff search matches ("lopez"
     * finds "Ferretería López"). Kept by PostgreSQL on every write (a generated column: nobody can
     * forget to update it) with translate(), which, unlike unaccent(), is immutable and needs no
     * extension; its trigram index serves the "contains" search. Same folding as foldSearchText.
     */
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(translate(legal_name || ' ' || number || ' ' || tax_id, ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${UNACCENTED}'`)}))`,
    ),
  },
  (t) => [
    index("customer_accounts_search_text_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    uniqueIndex("customer_accounts_seller_number_uq").on(t.sellerId, t.number),
    index("customer_accounts_group_idx").on(t.groupId),
    index("customer_accounts_collector_idx").on(t.collectorId),
    index("customer_accounts_zone_idx").on(t.zoneId),
    check("customer_accounts_credit_limit_nonneg", sql`${t.creditLimit} >= 0`),
    check("customer_accounts_term_nonneg", sql`${t.paymentTermDays} >= 0`),
  ],
);
