// The staff claims queue's query as it arrives in the URL: the view (whose claims), the filters and
// the keyset page. Every field is optional; a field that does not parse is reported on that field and
// left out (utils/list-query.ts), so a bad value never fails the page. Pure: the filter form uses it too.
import { z } from "zod";
import { CLAIM_LEVELS, CLAIM_STATUSES, CLAIM_TYPES, SEGMENTS, type StaffRole } from "~/domain/vocabulary";
import { IdSchema } from "~/utils/input";
import { parseListQuery } from "~/utils/list-query";

/**
 * mine: assigned to me; portfolio: my accounts' claims (collector); team: my collectors' accounts'
 * claims (supervisor); area: my area's claims at L3 (area owner); all: every claim (admin, auditor).
 * Every view but mine also holds what is assigned to me.
 */
export const QUEUE_VIEWS = ["mine", "portfolio", "team", "area", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** The views each role may open, its default first. */
export const QUEUE_VIEWS_OF_ROLE: Readonly<Record<StaffRole, readonly QueueView[]>> = {
  collector: ["portfolio", "mine"],
  supervisor: ["team", "mine"],
  area_owner: ["area", "mine"],
  admin: ["all", "mine"],
  auditor: ["all"],
};

/** on_time: more than a quarter of the level's business time left; at_risk: less; breached: past the deadline. */
export const SLA_STATES = ["on_time", "at_risk", "breached"] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** active: open or waiting on the customer (the queue's default); or one status. */
export const QUEUE_STATUS_FILTERS = ["active", ...CLAIM_STATUSES] as const;
export type QueueStatusFilter = (typeof QUEUE_STATUS_FILTERS)[number];

export const QUEUE_PAGE_SIZE = 25;
export const MAX_AGE_DAYS = 3650;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), schema.optional());
const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,300}$/);
const Amount = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, { message: "money" });
const Days = z.coerce.number().int().min(0).max(MAX_AGE_DAYS);

export const StaffQueueQuerySchema = z.object({
  view: optional(z.enum(QUEUE_VIEWS)),
  status: optional(z.enum(QUEUE_STATUS_FILTERS)),
  type: optional(z.enum(CLAIM_TYPES)),
  level: optional(z.enum(CLAIM_LEVELS)),
  sla: optional(z.enum(SLA_STATES)),
  segment: optional(z.enum(SEGMENTS)),
  zone: optional(IdSchema),
  amountMin: optional(Amount),
  amountMax: optional(Amount),
  /** Age in whole days since the claim was raised. */
  ageMin: optional(Days),
  ageMax: optional(Days),
  after: optional(Cursor),
  before: optional(Cursor),
});
export type StaffQueueQuery = z.infer<typeof StaffQueueQuerySchema>;
export type StaffQueueFilters = Omit<StaffQueueQuery, "view" | "after" | "before">;

export const QUEUE_FILTER_FIELDS = [
  "status",
  "type",
  "level",
  "sla",
  "segment",
  "zone",
  "amountMin",
  "amountMax",
  "ageMin",
  "ageMax",
] as const;

/**
 * Parses the URL: a view the role may not open is reported on `view` and the role's default used.
 * Amounts are typed in the reader's locale; ranges typed backwards are reported on their upper end.
 */
export function parseStaffQueueParams(params: URLSearchParams, role: StaffRole, locale: string) {
  const { data, errors } = parseListQuery(StaffQueueQuerySchema, params, {
    locale,
    amounts: ["amountMin", "amountMax"],
    ranges: [["amountMin", "amountMax"]],
  });
  if (data.ageMin !== undefined && data.ageMax !== undefined && data.ageMin > data.ageMax) {
    errors.ageMax = "validation.rangeInverted";
    delete data.ageMin;
    delete data.ageMax;
  }
  const allowed = QUEUE_VIEWS_OF_ROLE[role];
  let view = data.view ?? allowed[0];
  if (!allowed.includes(view)) {
    errors.view = "validation.invalid";
    view = allowed[0];
  }
  const { after, before, view: _view, ...filters } = data;
  return { view, filters: filters as StaffQueueFilters, page: { after, before }, errors };
}

/** The query string of a view and its filters (links keep them; the page's cursors are added by the caller). */
export function staffQueueSearchParams(view: QueueView, filters: StaffQueueFilters): URLSearchParams {
  const params = new URLSearchParams({ view });
  for (const field of QUEUE_FILTER_FIELDS) {
    const value = filters[field];
    if (value !== undefined && value !== null && value !== "") params.set(field, String(value));
  }
  return params;
}
