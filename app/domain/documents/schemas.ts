// Schemas of the invoice list's query: filters, sort and page, parsed from URL search params.
// Every field is optional and accepts the strings a GET form sends; an empty field ("") means "not set".
import { z } from "zod";
import { AGING_BUCKETS } from "~/domain/ledger/aging-buckets";
import { CurrencySchema, isCalendarDate } from "~/domain/ledger/schemas";
import { IdSchema, searchText } from "~/utils/input";
import { parseListQuery } from "~/utils/list-query";

/** A form left blank sends "", which must mean "no filter" rather than a validation error. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    schema.optional(),
  );

const IsoDateParamSchema = z.string().refine(isCalendarDate, { message: "date" });
/**
 * A non-negative amount as an exact decimal string ("1234", "1234.50"). What a person types
 * ("$100,000.00", "1.000.000", "100,50") is read in their locale by parseAmount (utils/money.ts)
 * before it gets here: see parseDocumentListSearchParams.
 */
const AmountParamSchema = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, { message: "money" });

/**
 * invoices; notes (credit and debit notes); adjustments (charge and credit adjustments); charges (every
 * charge: invoices, debit notes, charge adjustments, what home's balance, overdue and aging count); credits
 * (every credit: payments, credit notes, credit adjustments, the payments page).
 */
export const DOCUMENT_LIST_TABS = ["invoices", "notes", "adjustments", "charges", "credits"] as const;
export const DocumentListTabSchema = z.enum(DOCUMENT_LIST_TABS);
export type DocumentListTab = z.infer<typeof DocumentListTabSchema>;

/**
 * open: something left to pay (charges) or to apply (credit notes), overdue included;
 * overdue: charges past their due date with something left to pay;
 * due_soon: charges due today or within the next DUE_SOON_DAYS days with something left to pay;
 * paid: issued documents with nothing left open (fully paid charges, fully applied credit notes);
 * cancelled: cancelled documents.
 */
export const DOCUMENT_STATUS_FILTERS = ["open", "overdue", "due_soon", "paid", "cancelled"] as const;
export const DocumentStatusFilterSchema = z.enum(DOCUMENT_STATUS_FILTERS);
export type DocumentStatusFilter = z.infer<typeof DocumentStatusFilterSchema>;
export const DUE_SOON_DAYS = 7;

/** Aging buckets as a list filter (the same days past due as home's aging, ledger/aging-buckets.ts). */
export const AgingBucketFilterSchema = z.enum(AGING_BUCKETS);
/** "Due within N days": charges due today or in the next N days with something left to pay (home offers 7 and 30). */
export const MAX_DUE_WITHIN_DAYS = 365;

export const DocumentListFiltersSchema = z.object({
  status: optional(DocumentStatusFilterSchema),
  /** Open charges in one aging bucket as of today (home's aging rows link here). */
  aging: optional(AgingBucketFilterSchema),
  /** Open charges due today or within the next N days (home's "vencen en 7/30 días"). */
  dueWithin: optional(z.coerce.number().int().min(0).max(MAX_DUE_WITHIN_DAYS)),
  /** Restricts to one of the caller's accounts; an account outside them matches nothing. */
  account: optional(IdSchema),
  currency: optional(CurrencySchema),
  issuedFrom: optional(IsoDateParamSchema),
  issuedTo: optional(IsoDateParamSchema),
  dueFrom: optional(IsoDateParamSchema),
  dueTo: optional(IsoDateParamSchema),
  amountMin: optional(AmountParamSchema),
  amountMax: optional(AmountParamSchema),
  /**
   * Serie-folio ("A-1234", prefix), folio alone, fiscal UUID/CUFE (prefix), purchase order (prefix) or
   * remission number (exact); on the credits tab also a payment's bank reference (prefix).
   */
  q: optional(searchText(100)),
});
export type DocumentListFilters = z.infer<typeof DocumentListFiltersSchema>;

export const DOCUMENT_SORT_KEYS = ["issue_date", "due_date", "amount", "folio"] as const;
export const DocumentSortKeySchema = z.enum(DOCUMENT_SORT_KEYS);
export type DocumentSortKey = z.infer<typeof DocumentSortKeySchema>;

export const DocumentListSortSchema = z.object({
  sort: optional(DocumentSortKeySchema).transform((v) => v ?? "issue_date"),
  dir: optional(z.enum(["asc", "desc"])).transform((v) => v ?? "desc"),
});
export type DocumentListSort = z.infer<typeof DocumentListSortSchema>;

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** An opaque keyset cursor as list-documents writes it: base64url. Its content is checked when decoded. */
const CursorParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,500}$/);

/** Keyset pagination: `after` continues past a row, `before` goes back before one (cursors come from a previous page). */
export const DocumentListPageSchema = z.object({
  size: optional(z.coerce.number().int().min(1).max(MAX_PAGE_SIZE)).transform((v) => v ?? DEFAULT_PAGE_SIZE),
  after: optional(CursorParamSchema),
  before: optional(CursorParamSchema),
});
export type DocumentListPage = z.infer<typeof DocumentListPageSchema>;

/** The whole query as it arrives in the URL: filters, sort, dir, size, after, before side by side. */
export const DocumentListQuerySchema = DocumentListFiltersSchema.extend(DocumentListSortSchema.shape).extend(
  DocumentListPageSchema.shape,
);
export type DocumentListQuery = z.infer<typeof DocumentListQuerySchema>;

/** Splits a parsed query into the parts `listDocuments` takes. */
export function splitDocumentListQuery(query: DocumentListQuery): {
  filters: DocumentListFilters;
  sort: DocumentListSort;
  page: DocumentListPage;
} {
  const { sort, dir, size, after, before, ...filters } = query;
  return { filters, sort: { sort, dir }, page: { size, after, before } };
}

/** The amount fields of the list's query, typed by people in their locale. */
export const DOCUMENT_LIST_AMOUNT_FIELDS = ["amountMin", "amountMax"] as const;
/** Lower and upper ends of the list's ranges: one typed backwards is reported, not applied. */
export const DOCUMENT_LIST_RANGES = [
  ["amountMin", "amountMax"],
  ["issuedFrom", "issuedTo"],
  ["dueFrom", "dueTo"],
] as const;

/**
 * Parses URL search params field by field, amounts in the reader's locale: `errors` maps each field
 * that was left out to its message key (see utils/list-query.ts); the other fields still apply.
 */
export function parseDocumentListSearchParams(params: URLSearchParams, locale: string) {
  return parseListQuery(DocumentListQuerySchema, params, {
    locale,
    amounts: DOCUMENT_LIST_AMOUNT_FIELDS,
    ranges: DOCUMENT_LIST_RANGES,
  });
}

/**
 * The most rows one export of a filtered list carries (streamed a batch at a time). A filter matching
 * more is refused before anything is sent, and the list says so: narrow the filter (e.g. by dates).
 */
export const DOCUMENT_EXPORT_MAX_ROWS = 20_000;
export const DOCUMENT_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type DocumentExportFormat = (typeof DOCUMENT_EXPORT_FORMATS)[number];

export const DOCUMENT_ZIP_MAX_DOCUMENTS = 500;
export const DocumentZipSelectionSchema = z
  .array(IdSchema)
  .min(1)
  .max(DOCUMENT_ZIP_MAX_DOCUMENTS)
  .transform((ids) => [...new Set(ids)]);
