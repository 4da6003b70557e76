// The collectors' reconciliation portfolio as it arrives in the URL (status per account, filters, a
// keyset page) and the month-end batch form. Pure: the page's forms use it too.
import { z } from "zod";
import { ENVELOPE_STATUSES, SEGMENTS } from "~/domain/vocabulary";
import { IdSchema } from "~/utils/input";
import { parseListQuery } from "~/utils/list-query";

/** The latest reconciliation's status of an account, or "none" when it never had one. */
export const PORTFOLIO_STATUSES = ["none", ...ENVELOPE_STATUSES] as const;
export type PortfolioStatus = (typeof PORTFOLIO_STATUSES)[number];

export const PORTFOLIO_PAGE_SIZE = 25;
/** At most this many accounts in one month-end send (it runs in transactions of BATCH_CHUNK). */
export const MAX_BATCH_ACCOUNTS = 500;
export const BATCH_CHUNK = 20;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), schema.optional());
const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,300}$/);
/** A search text: no control characters (PostgreSQL refuses NUL in text). */
const SearchText = z
  .string()
  .max(100)
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), "invalid");

export const PortfolioQuerySchema = z.object({
  status: optional(z.enum(PORTFOLIO_STATUSES)),
  segment: optional(z.enum(SEGMENTS)),
  q: optional(SearchText),
  after: optional(Cursor),
  before: optional(Cursor),
});
export type PortfolioFilters = Omit<z.infer<typeof PortfolioQuerySchema>, "after" | "before">;

export function parsePortfolioParams(params: URLSearchParams, locale: string) {
  const { data, errors } = parseListQuery(PortfolioQuerySchema, params, { locale });
  const { after, before, ...filters } = data;
  return { filters: filters as PortfolioFilters, page: { after, before }, errors };
}

export function portfolioSearchParams(filters: PortfolioFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["status", "segment", "q"] as const) if (filters[key]) params.set(key, String(filters[key]));
  return params;
}

const CalendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date")
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "date");

/**
 * The month-end send: the accounts ticked on the page, or (`scope=matching`) every account the
 * filters (sent along as hidden fields) match, at one cut-off with one message.
 */
export const BatchSendSchema = z
  .object({
    intent: z.literal("batch-send"),
    cutoffDate: CalendarDate,
    message: z.string().trim().max(2000).default(""),
    scope: z.enum(["selected", "matching"]).default("selected"),
    accountIds: z.array(IdSchema).max(MAX_BATCH_ACCOUNTS).default([]),
    status: optional(z.enum(PORTFOLIO_STATUSES)),
    segment: optional(z.enum(SEGMENTS)),
    q: optional(SearchText),
  })
  .refine((f) => f.scope === "matching" || f.accountIds.length > 0, {
    path: ["accountIds"],
    message: "batch_none",
  });
export type BatchSendForm = z.infer<typeof BatchSendSchema>;
