// The audit trail's query as it arrives in the URL: filters and keyset page. Every field is optional
// and accepts what a GET form sends; an empty field ("") means "not set". Text never carries control
// characters (PostgreSQL refuses a NUL in text: it would be a 500, not a filter).
import { z } from "zod";
import { isCalendarDate } from "~/domain/ledger/schemas";
import { searchText } from "~/utils/input";
import { AUDIT_ACTIONS, type AuditAction, AuditEntityTypeSchema } from "./audit-events";

/** Calendar days of the date filters are Mexico City's, wherever the reader is. */
export const AUDIT_TIME_ZONE = "America/Mexico_City";
export const AUDIT_PAGE_SIZE = 50;
/** The most events one CSV or XLSX export holds; a larger filtered set is refused with a message. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    schema.optional(),
  );

const CalendarDateParam = z.string().refine(isCalendarDate, { message: "date" });

export const AuditTrailFiltersSchema = z
  .object({
    /** A user's email, or the label of an actor without a user ("seed", "system", an unknown email typed at sign-in). */
    actor: optional(searchText(254).toLowerCase()),
    /** Account number ("MX-0001") or ID. */
    account: optional(searchText(64)),
    entityType: optional(AuditEntityTypeSchema),
    entityId: optional(searchText(200)),
    action: optional(z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]])),
    /** First and last calendar day, inclusive, in AUDIT_TIME_ZONE. */
    from: optional(CalendarDateParam),
    to: optional(CalendarDateParam),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "range" });
export type AuditTrailFilters = z.infer<typeof AuditTrailFiltersSchema>;

export const AuditTrailPageSchema = z.object({
  after: optional(z.string().max(200)),
  before: optional(z.string().max(200)),
});
export type AuditTrailPage = z.infer<typeof AuditTrailPageSchema>;

const FILTER_KEYS = ["actor", "account", "entityType", "entityId", "action", "from", "to"] as const;

/**
 * The filters and page of a URL. An invalid filter does not fail the page: the valid ones apply, the
 * invalid ones are dropped and reported (so a hand-edited URL still shows something, and says so).
 */
export function parseAuditTrailSearchParams(params: URLSearchParams): {
  filters: AuditTrailFilters;
  page: AuditTrailPage;
  invalid: string[];
} {
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const invalid: string[] = [];
  let parsed = AuditTrailFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key && !invalid.includes(key)) invalid.push(key);
    }
    for (const key of invalid) delete raw[key];
    parsed = AuditTrailFiltersSchema.safeParse(raw);
  }
  const filters = parsed.success ? parsed.data : {};
  const page = AuditTrailPageSchema.safeParse({
    after: params.get("after") ?? undefined,
    before: params.get("before") ?? undefined,
  });
  return { filters, page: page.success ? page.data : {}, invalid };
}

/** The filters as URL search params (for links to the next page and the exports). */
export function auditTrailSearchParams(filters: AuditTrailFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}
