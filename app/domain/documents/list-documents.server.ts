// Lists a customer's documents for the portal, one tab at a time (invoices, notes, adjustments, every
// charge, every credit): filters, sort, keyset pages, and totals of the filtered set per currency and
// effect (charges and credits are never added together), plus a batch iterator for exports. Open amounts as of `asOf` are the documents' stored open
// amounts (ADR 009), with applications dated after `asOf` undone for the few documents touched since;
// every query is scoped to the account IDs the caller may see.
import { type SQL, sql } from "drizzle-orm";
import { disputedAmountSql } from "~/domain/claims/disputed-amounts.server";
import { agingBucketSql, openAmountAsOfSql } from "~/domain/ledger/get-account-balances.server";
import { type LedgerVersions, cachedLedgerRead } from "~/domain/ledger/ledger-cache.server";
import { isCalendarDate } from "~/domain/ledger/schemas";
import { type DbOrTx, queryRows, sqlList } from "~/utils/db.server";
import { isId } from "~/utils/input";
import type { Currency, MoneyString } from "~/utils/money";
import {
  DUE_SOON_DAYS,
  type DocumentListFilters,
  type DocumentListPage,
  type DocumentListSort,
  type DocumentListTab,
  type DocumentSortKey,
  DocumentListFiltersSchema,
  DocumentListPageSchema,
  DocumentListSortSchema,
} from "./schemas";

export type DocumentStatusLabel = "open" | "due_soon" | "overdue" | "paid" | "applied" | "cancelled";

export interface DocumentListRow {
  id: string;
  accountId: string;
  accountNumber: string;
  accountName: string;
  kind: "invoice" | "credit_note" | "debit_note" | "payment" | "adjustment";
  effect: "charge" | "credit";
  series: string;
  folio: string;
  /** "A-1234", as printed and as used in file names. */
  serieFolio: string;
  fiscalId: string | null;
  issueDate: string;
  dueDate: string;
  currency: Currency;
  amount: MoneyString;
  /** Charges: left to pay; credits: left to apply. Zero for cancelled documents. */
  open: MoneyString;
  /** Charges: paid so far; credits: applied so far (reversals undone), as of `asOf`. */
  applied: MoneyString;
  /** A payment's bank reference. */
  reference: string | null;
  /** Days past due as of `asOf` while something is left to pay; 0 otherwise. */
  daysOverdue: number;
  status: DocumentStatusLabel;
  paymentMethod: string | null;
  purchaseOrder: string | null;
  remissionNumbers: string[];
  hasXml: boolean;
  hasPdf: boolean;
  /** What open claims dispute on the document ("en aclaración"); null when nothing. */
  disputed: MoneyString | null;
}

export interface DocumentListTotals {
  currency: Currency;
  /** Charges and credits are totalled apart: a credit note never adds to debit notes. */
  effect: "charge" | "credit";
  count: number;
  /** Sum of amounts of issued (not cancelled) documents in the filtered set. */
  amount: MoneyString;
  open: MoneyString;
}

export interface DocumentListResult {
  rows: DocumentListRow[];
  /** Number of documents matching the filters (all pages); null when called with `withTotals: false`. */
  total: number | null;
  /**
   * One entry per currency and effect (charges first); amounts of different currencies or effects are
   * never added together. Null with `withTotals: false`.
   */
  totals: DocumentListTotals[] | null;
  /** Pass as `page.after` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Pass as `page.before` for the previous page; null on the first page. */
  prevCursor: string | null;
  asOf: string;
}

export interface ListDocumentsInput {
  accountIds: string[];
  tab: DocumentListTab;
  filters?: Partial<DocumentListFilters>;
  sort?: Partial<DocumentListSort>;
  page?: Partial<DocumentListPage>;
  /** Today in the seller's time zone (YYYY-MM-DD), computed by the caller; drives open amounts and overdue days. */
  asOf: string;
  /**
   * Default true. The totals read every matching document (stored open amounts, no history) while a page
   * reads a few: a route can pass false when it does not show them.
   */
  withTotals?: boolean;
}

// Each tab names its kinds (the list's indexes start with account and kind) and, where a kind can be
// either, the effect.
const TAB_KINDS: Record<DocumentListTab, { kinds: string[]; effect?: "charge" | "credit" }> = {
  invoices: { kinds: ["invoice"] },
  notes: { kinds: ["credit_note", "debit_note"] },
  adjustments: { kinds: ["adjustment"] },
  charges: { kinds: ["invoice", "debit_note", "adjustment"], effect: "charge" },
  credits: { kinds: ["payment", "credit_note", "adjustment"], effect: "credit" },
};

/** Escapes LIKE wildcards so a typed "%" or "_" matches itself. */
function likePrefix(value: string): string {
  return `${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Sort keys as SQL over the pulled-up alias `d`, and how each cursor value is cast back.
// Folios are text holding numbers: ordering by (series, length, folio) sorts "999" before "1000".
const SORT_COLUMNS: Record<DocumentSortKey, { expr: SQL; cast: (v: string | number) => SQL }[]> = {
  issue_date: [{ expr: sql`d.issue_date`, cast: (v) => sql`${v}::date` }],
  due_date: [{ expr: sql`d.due_date`, cast: (v) => sql`${v}::date` }],
  amount: [{ expr: sql`d.amount`, cast: (v) => sql`${v}::numeric` }],
  folio: [
    { expr: sql`d.series`, cast: (v) => sql`${v}::text` },
    { expr: sql`length(d.folio)`, cast: (v) => sql`${v}::int` },
    { expr: sql`d.folio`, cast: (v) => sql`${v}::text` },
  ],
};

export interface Cursor {
  sort: DocumentSortKey;
  values: (string | number)[];
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.values, cursor.id])).toString("base64url");
}

/** A cursor from another sort (or tampered with) is ignored: the list starts over rather than failing. */
export function decodeCursor(raw: string | undefined, sort: DocumentSortKey): Cursor | null {
  if (!raw) return null;
  try {
    const [s, values, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown, unknown];
    if (s !== sort || typeof id !== "string" || !Array.isArray(values)) return null;
    if (values.length !== SORT_COLUMNS[sort].length) return null;
    if (!isId(id)) return null;
    // PostgreSQL refuses a NUL byte in text: a tampered cursor carrying one starts over like any other.
    const valid = values.every(
      (v) => (typeof v === "string" && v.length <= 100 && !v.includes("\u0000")) || Number.isInteger(v),
    );
    if (!valid) return null;
    // Each value must cast to its column's type, or the query fails instead of starting over.
    if ((sort === "issue_date" || sort === "due_date") && !isCalendarDate(String(values[0]))) return null;
    if (sort === "amount" && !/^-?\d{1,16}(\.\d{1,2})?$/.test(String(values[0]))) return null;
    if (
      sort === "folio" &&
      !(
        typeof values[0] === "string" &&
        Number.isInteger(values[1]) &&
        (values[1] as number) >= 0 &&
        (values[1] as number) <= 2_147_483_647 &&
        typeof values[2] === "string"
      )
    )
      return null;
    return { sort, values: values as (string | number)[], id };
  } catch {
    return null;
  }
}

interface RawRow {
  id: string;
  account_id: string;
  account_number: string;
  account_name: string;
  kind: DocumentListRow["kind"];
  effect: DocumentListRow["effect"];
  series: string;
  folio: string;
  fiscal_id: string | null;
  issue_date: string;
  due_date: string;
  currency: Currency;
  amount: string;
  open: string;
  days_overdue: number;
  status: DocumentStatusLabel;
  payment_method: string | null;
  purchase_order: string | null;
  applied: string;
  reference: string | null;
  remission_numbers: string[] | string;
  has_xml: boolean;
  has_pdf: boolean;
  disputed: string | null;
  sort_values: (string | number)[] | string;
}

const parseJson = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);

/**
 * A page of documents, with (by default) the count and per-currency totals of the whole filtered set. With
 * the accounts' ledger versions it is served from the page cache (ledger-cache.server.ts) while they have
 * not changed.
 */
export async function listDocuments(
  db: DbOrTx,
  input: ListDocumentsInput,
  cache: { ledgerVersions?: LedgerVersions } = {},
): Promise<DocumentListResult> {
  const { accountIds, ...args } = input;
  return cachedLedgerRead({
    name: "document-list",
    accountIds,
    versions: cache.ledgerVersions,
    args,
    compute: () => runDocumentList(db, input, input.withTotals === false ? "page" : "both"),
    weigh: (result) => result.rows.length + 1,
  });
}

/**
 * Every row of the filtered list in the list's order, `batchSize` rows at a time (keyset pages, so each
 * batch is one short query and memory holds one batch), at most `max` rows. For exports.
 */
export async function* iterateDocumentList(
  db: DbOrTx,
  input: Omit<ListDocumentsInput, "page" | "withTotals">,
  options: { batchSize?: number; max: number },
): AsyncGenerator<DocumentListRow[]> {
  let after: string | undefined;
  let remaining = options.max;
  while (remaining > 0) {
    const size = Math.min(options.batchSize ?? 500, remaining);
    const batch = await runDocumentList(db, { ...input, page: { after } }, "page", size);
    if (batch.rows.length === 0) return;
    yield batch.rows;
    remaining -= batch.rows.length;
    if (!batch.nextCursor) return;
    after = batch.nextCursor;
  }
}

async function runDocumentList(
  db: DbOrTx,
  input: ListDocumentsInput,
  mode: "both" | "page",
  /** Exports read bigger batches than a screen page may ask for. */
  batchSize?: number,
): Promise<DocumentListResult> {
  const filters = DocumentListFiltersSchema.parse(input.filters ?? {});
  const sort = DocumentListSortSchema.parse(input.sort ?? {});
  const page = { ...DocumentListPageSchema.parse(input.page ?? {}), ...(batchSize ? { size: batchSize } : {}) };
  const asOf = input.asOf;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`asOf must be YYYY-MM-DD, got ${asOf}`);

  let accountIds = [...new Set(input.accountIds)];
  if (filters.account) accountIds = accountIds.includes(filters.account) ? [filters.account] : [];
  const empty: DocumentListResult = { rows: [], total: 0, totals: [], nextCursor: null, prevCursor: null, asOf };
  if (accountIds.length === 0) return empty;

  // Conditions on stored columns: these drive the index scans.
  const tab = TAB_KINDS[input.tab];
  const where: SQL[] = [sql`d.account_id in (${sqlList(accountIds)})`, sql`d.kind in (${sqlList(tab.kinds)})`];
  if (tab.effect) where.push(sql`d.effect = ${tab.effect}`);
  if (filters.currency) where.push(sql`d.currency = ${filters.currency}`);
  if (filters.issuedFrom) where.push(sql`d.issue_date >= ${filters.issuedFrom}::date`);
  if (filters.issuedTo) where.push(sql`d.issue_date <= ${filters.issuedTo}::date`);
  if (filters.dueFrom) where.push(sql`d.due_date >= ${filters.dueFrom}::date`);
  if (filters.dueTo) where.push(sql`d.due_date <= ${filters.dueTo}::date`);
  if (filters.amountMin) where.push(sql`d.amount >= ${filters.amountMin}::numeric`);
  if (filters.amountMax) where.push(sql`d.amount <= ${filters.amountMax}::numeric`);
  if (filters.q) {
    // One index-backed arm per kind of identifier, unioned, instead of an OR the planner cannot index.
    const q = filters.q;
    const pattern = likePrefix(q);
    const scope = sql`m.account_id in (${sqlList(accountIds)})`;
    where.push(sql`d.id in (
      select m.id from documents m where ${scope} and lower(m.series || '-' || m.folio) like ${pattern}
      union select m.id from documents m where ${scope} and m.folio = ${q}
      union select m.id from documents m where ${scope} and lower(m.fiscal_id) like ${pattern}
      union select m.id from documents m where ${scope} and lower(m.purchase_order) like ${pattern}
      ${input.tab === "credits" ? sql`union select m.id from documents m where ${scope} and m.kind = 'payment' and lower(m.reference) like ${pattern}` : sql``}
      union select r.invoice_id from remissions r where r.number in (${q}, ${q.toUpperCase()}))`);
  }

  // Conditions on the open amount as of `asOf`. Each also names what it implies on the stored columns
  // (open as of asOf > 0 means open today, or touched after asOf), which the open-items indexes serve.
  const openStored = sql`(d.open_amount > 0 or d.last_applied_on > ${asOf}::date)`;
  const overdue = sql`d.effect = 'charge' and d.due_date < ${asOf}::date`;
  const statusWhere: SQL[] = [];
  switch (filters.status) {
    case "open":
      statusWhere.push(sql`d.status = 'issued'`, openStored, sql`d.open > 0`);
      break;
    case "overdue":
      statusWhere.push(sql`d.status = 'issued'`, overdue, openStored, sql`d.open > 0`);
      break;
    case "due_soon":
      statusWhere.push(
        sql`d.status = 'issued'`,
        sql`d.effect = 'charge'`,
        sql`d.due_date between ${asOf}::date and ${asOf}::date + ${DUE_SOON_DAYS}::int`,
        openStored,
        sql`d.open > 0`,
      );
      break;
    case "paid":
      statusWhere.push(sql`d.status = 'issued'`, sql`d.open <= 0`);
      break;
    case "cancelled":
      statusWhere.push(sql`d.status = 'cancelled'`);
      break;
    default:
      break;
  }
  // Home's aging rows and "due in 7/30 days" link here; each names the same documents home counts.
  if (filters.aging) {
    statusWhere.push(
      sql`d.status = 'issued'`,
      sql`d.effect = 'charge'`,
      sql`${agingBucketSql(sql`d.due_date`, asOf)} = ${filters.aging}`,
      openStored,
      sql`d.open > 0`,
    );
  }
  if (filters.dueWithin !== undefined) {
    statusWhere.push(
      sql`d.status = 'issued'`,
      sql`d.effect = 'charge'`,
      sql`d.due_date between ${asOf}::date and ${asOf}::date + ${filters.dueWithin}::int`,
      openStored,
      sql`d.open > 0`,
    );
  }

  // The subquery names the open amount once; the planner pulls it up into the scan of documents.
  const filtered = sql`(
      select d.*, (case when d.status = 'cancelled' then 0 else ${openAmountAsOfSql(asOf)} end) as open
      from documents d
      where ${sql.join(where, sql` and `)}
    ) d`;
  const allWhere = statusWhere.length > 0 ? sql`where ${sql.join(statusWhere, sql` and `)}` : sql``;

  const columns = SORT_COLUMNS[sort.sort];
  const after = decodeCursor(page.after, sort.sort);
  const before = after ? null : decodeCursor(page.before, sort.sort);
  const cursor = after ?? before;
  // Going back (`before`) reads in the opposite order and flips the rows afterwards.
  const descending = (sort.dir === "desc") !== Boolean(before);
  const keys = sql.join([...columns.map((c) => c.expr), sql`d.id`], sql`, `);
  const cursorWhere = cursor
    ? sql`(${keys}) ${descending ? sql`<` : sql`>`} (${sql.join(
        [...columns.map((c, i) => c.cast(cursor.values[i])), sql`${cursor.id}`],
        sql`, `,
      )})`
    : null;
  const pageWhere = [...statusWhere, ...(cursorWhere ? [cursorWhere] : [])];
  const order = sql.join(
    [...columns.map((c) => c.expr), sql`d.id`].map((e) => (descending ? sql`${e} desc` : sql`${e} asc`)),
    sql`, `,
  );

  const pageQuery = sql`
    select d.id, d.account_id, ca.number as account_number, ca.legal_name as account_name, d.kind, d.effect,
      d.series, d.folio, d.fiscal_id, d.issue_date::text as issue_date, d.due_date::text as due_date, d.currency,
      d.amount::text as amount, d.open::numeric(18,2)::text as open,
      case when d.effect = 'charge' and d.open > 0 and d.due_date < ${asOf}::date then (${asOf}::date - d.due_date) else 0 end as days_overdue,
      case when d.status = 'cancelled' then 'cancelled'
           when d.open <= 0 then case when d.effect = 'charge' then 'paid' else 'applied' end
           when d.effect = 'charge' and d.due_date < ${asOf}::date then 'overdue'
           when d.effect = 'charge' and d.due_date <= ${asOf}::date + ${DUE_SOON_DAYS}::int then 'due_soon'
           else 'open' end as status,
      d.payment_method, d.purchase_order, d.reference,
      (case when d.status = 'cancelled' then d.applied_amount else d.amount - d.open end)::numeric(18,2)::text as applied,
      coalesce((select json_agg(r.number order by r.number) from remissions r where r.invoice_id = d.id), '[]'::json) as remission_numbers,
      exists (select 1 from document_files f where f.document_id = d.id and f.role = 'xml') as has_xml,
      exists (select 1 from document_files f where f.document_id = d.id and f.role = 'pdf') as has_pdf,
      ${disputedAmountSql(sql`d.id`)}::numeric(18,2)::text as disputed,
      json_build_array(${sql.join(
        columns.map((c) => c.expr),
        sql`, `,
      )}) as sort_values
    from ${filtered}
    join customer_accounts ca on ca.id = d.account_id
    ${pageWhere.length > 0 ? sql`where ${sql.join(pageWhere, sql` and `)}` : sql``}
    order by ${order}
    limit ${page.size + 1}`;

  const summaryQuery = sql`
    select d.currency, d.effect, count(*)::int as count,
      coalesce(sum(d.amount) filter (where d.status = 'issued'), 0)::numeric(18,2)::text as amount,
      coalesce(sum(d.open), 0)::numeric(18,2)::text as open
    from ${filtered}
    ${allWhere}
    group by d.currency, d.effect
    order by d.currency, d.effect`;

  // (JIT is off for the pool's connections, db.server.ts: compiling these short queries costs more than running them.)
  const raw = await queryRows<RawRow>(db, pageQuery);
  const summary =
    mode === "page"
      ? null
      : await queryRows<{
          currency: Currency;
          effect: "charge" | "credit";
          count: number;
          amount: string;
          open: string;
        }>(db, summaryQuery);

  const hasMore = raw.length > page.size;
  const pageRows = raw.slice(0, page.size);
  if (before) pageRows.reverse();
  const rows: DocumentListRow[] = pageRows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    accountNumber: r.account_number,
    accountName: r.account_name,
    kind: r.kind,
    effect: r.effect,
    series: r.series,
    folio: r.folio,
    serieFolio: `${r.series}-${r.folio}`,
    fiscalId: r.fiscal_id,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    amount: r.amount,
    open: r.open,
    applied: r.applied,
    reference: r.reference,
    daysOverdue: Number(r.days_overdue),
    status: r.status,
    paymentMethod: r.payment_method,
    purchaseOrder: r.purchase_order,
    remissionNumbers: parseJson(r.remission_numbers),
    hasXml: Boolean(r.has_xml),
    hasPdf: Boolean(r.has_pdf),
    disputed: r.disputed,
  }));
  const cursorOf = (i: number) => {
    const r = pageRows[i];
    const values = parseJson(r.sort_values).map((v) => (typeof v === "number" && !Number.isInteger(v) ? String(v) : v));
    // numeric amounts come back from json as numbers; keep them as exact strings from the row instead.
    if (sort.sort === "amount") values[0] = r.amount;
    return encodeCursor({ sort: sort.sort, values, id: r.id });
  };
  const last = pageRows.length - 1;
  const nextCursor = pageRows.length === 0 ? null : before ? cursorOf(last) : hasMore ? cursorOf(last) : null;
  const prevCursor =
    pageRows.length === 0 ? null : before ? (hasMore ? cursorOf(0) : null) : after ? cursorOf(0) : null;

  return {
    rows,
    total: summary ? summary.reduce((n, s) => n + Number(s.count), 0) : null,
    totals: summary
      ? summary.map((s) => ({
          currency: s.currency,
          effect: s.effect,
          count: Number(s.count),
          amount: s.amount,
          open: s.open,
        }))
      : null,
    nextCursor,
    prevCursor,
    asOf,
  };
}
