// Reads the audit trail for auditors: filters (actor, account, entity, action, Mexico City days), newest
// first by (occurred_at, id), a keyset page at a time, and the batches the exports stream. Each filter
// is one index range of audit_events read backwards (db/schema/audit.ts), so a page costs the same on
// a thousand rows or on millions. The caller authorizes: this reads every account's events.
import { type SQL, sql } from "drizzle-orm";
import { nextDay, startOfDayIn } from "~/utils/dates";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { type AuditEvent, safeParseAuditEvent } from "./audit-events";
import { AUDIT_PAGE_SIZE, AUDIT_TIME_ZONE, type AuditTrailFilters, type AuditTrailPage } from "./schemas";

export interface AuditTrailRow {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  /** The user's email, or the label of an actor without a user. */
  actorLabel: string;
  actorEmail: string | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  accountId: string | null;
  accountNumber: string | null;
  accountName: string | null;
  before: unknown;
  after: unknown;
  /** The typed event, or null for a row no schema describes (shown raw, never hidden). */
  event: AuditEvent | null;
}

export interface AuditTrailResult {
  rows: AuditTrailRow[];
  /** Pass as `page.after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** Pass as `page.before` for the previous (newer) page; null on the first page. */
  prevCursor: string | null;
  /** What the actor and account filters were resolved to; `found: false` when they name nobody. */
  actor: { query: string; userId: string | null; email: string | null; name: string | null } | null;
  account: { query: string; found: boolean; id: string | null; number: string | null; legalName: string | null } | null;
}

interface Cursor {
  /** occurred_at in UTC with microseconds, exactly as stored: "2026-11-20T18:03:05.123456Z". */
  at: string;
  id: string;
}

const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const CURSOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

/** A cursor that was tampered with (or from an older format) is ignored: the trail starts over. */
function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== "string" || typeof id !== "string" || !CURSOR_AT.test(at) || !CURSOR_ID.test(id)) return null;
    if (Number.isNaN(new Date(at).getTime())) return null;
    return { at, id };
  } catch {
    return null;
  }
}

interface ResolvedFilters {
  /** Each arm is read on its own index and the arms merged: an actor is a user, or a label without one. */
  arms: SQL[][];
  actor: AuditTrailResult["actor"];
  account: AuditTrailResult["account"];
  /** A filter names nobody: nothing can match. */
  empty: boolean;
}

async function resolveFilters(db: DbOrTx, filters: AuditTrailFilters): Promise<ResolvedFilters> {
  const common: SQL[] = [];
  let empty = false;
  let actor: AuditTrailResult["actor"] = null;
  let account: AuditTrailResult["account"] = null;

  if (filters.account) {
    const q = filters.account;
    const [row] = await queryRows<{ id: string; number: string; legal_name: string }>(
      db,
      sql`select id, number, legal_name from customer_accounts
          where id = ${q} or number = ${q} or number = ${q.toUpperCase()} limit 1`,
    );
    account = {
      query: q,
      found: Boolean(row),
      id: row?.id ?? null,
      number: row?.number ?? null,
      legalName: row?.legal_name ?? null,
    };
    if (row) common.push(sql`e.account_id = ${row.id}`);
    else empty = true;
  }
  if (filters.entityType) common.push(sql`e.entity_type = ${filters.entityType}`);
  if (filters.entityId) common.push(sql`e.entity_id = ${filters.entityId}`);
  if (filters.action) common.push(sql`e.action = ${filters.action}`);
  if (filters.from)
    common.push(sql`e.occurred_at >= ${startOfDayIn(filters.from, AUDIT_TIME_ZONE).toISOString()}::timestamptz`);
  if (filters.to)
    common.push(sql`e.occurred_at < ${startOfDayIn(nextDay(filters.to), AUDIT_TIME_ZONE).toISOString()}::timestamptz`);

  let arms: SQL[][] = [common];
  if (filters.actor) {
    const q = filters.actor;
    const [user] = await queryRows<{ id: string; email: string; name: string }>(
      db,
      sql`select id, email, name from users where lower(email) = ${q} limit 1`,
    );
    actor = { query: q, userId: user?.id ?? null, email: user?.email ?? null, name: user?.name ?? null };
    // The user's own events, and those recorded under the same label without a user (sign-in attempts
    // for the address before it was a user, for instance).
    const byLabel = [...common, sql`e.actor_id is null`, sql`e.actor_label = ${q}`];
    arms = user ? [[...common, sql`e.actor_id = ${user.id}`], byLabel] : [byLabel];
  }
  return { arms, actor, account, empty };
}

interface RawRow {
  id: string;
  occurred_at: string | Date;
  cursor_at: string;
  actor_id: string | null;
  actor_label: string;
  actor_email: string | null;
  actor_name: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  account_id: string | null;
  account_number: string | null;
  account_name: string | null;
  before: unknown;
  after: unknown;
}

const parseJson = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as unknown) : v);

/** Each arm newest (or, going back, oldest) first and limited, then merged and limited again. */
function armsQuery(arms: SQL[][], extra: SQL[], descending: boolean, limit: number, columns = sql`e.*`): SQL {
  const dir = descending ? sql`desc` : sql`asc`;
  const selects = arms.map((conds) => {
    const where = [...conds, ...extra];
    return sql`(select ${columns} from audit_events e
      ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}
      order by e.occurred_at ${dir}, e.id ${dir} limit ${limit})`;
  });
  return sql.join(selects, sql` union all `);
}

export interface ListAuditEventsInput {
  filters: AuditTrailFilters;
  page?: AuditTrailPage;
  /** Rows per page; the exports read larger batches. */
  size?: number;
}

interface PreparedPage {
  query: SQL | null;
  size: number;
  after: Cursor | null;
  before: Cursor | null;
  resolved: ResolvedFilters;
}

async function preparePage(db: DbOrTx, input: ListAuditEventsInput): Promise<PreparedPage> {
  const size = Math.min(Math.max(input.size ?? AUDIT_PAGE_SIZE, 1), 5_000);
  const resolved = await resolveFilters(db, input.filters);
  const after = decodeCursor(input.page?.after);
  const before = after ? null : decodeCursor(input.page?.before);
  if (resolved.empty) return { query: null, size, after, before, resolved };
  const cursor = after ?? before;
  // Going back (`before`) reads oldest first from the cursor and flips the rows afterwards.
  const descending = !before;
  const cursorWhere = cursor
    ? [sql`(e.occurred_at, e.id) ${descending ? sql`<` : sql`>`} (${cursor.at}::timestamptz, ${cursor.id})`]
    : [];
  const dir = descending ? sql`desc` : sql`asc`;
  const query = sql`
    select e.id, e.occurred_at,
      to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
      e.actor_id, e.actor_label, u.email as actor_email, u.name as actor_name, e.ip, e.user_agent,
      e.action, e.entity_type, e.entity_id, e.account_id, ca.number as account_number, ca.legal_name as account_name,
      e.before, e.after
    from (${armsQuery(resolved.arms, cursorWhere, descending, size + 1)}) e
    left join users u on u.id = e.actor_id
    left join customer_accounts ca on ca.id = e.account_id
    order by e.occurred_at ${dir}, e.id ${dir}
    limit ${size + 1}`;
  return { query, size, after, before, resolved };
}

/** The SQL of a page, for EXPLAIN in tests and benchmarks; null when a filter names nobody. */
export async function auditEventsPageQuery(db: DbOrTx, input: ListAuditEventsInput): Promise<SQL | null> {
  return (await preparePage(db, input)).query;
}

export async function listAuditEvents(db: DbOrTx, input: ListAuditEventsInput): Promise<AuditTrailResult> {
  const { query, size, after, before, resolved } = await preparePage(db, input);
  const result: AuditTrailResult = {
    rows: [],
    nextCursor: null,
    prevCursor: null,
    actor: resolved.actor,
    account: resolved.account,
  };
  if (!query) return result;
  const raw = await queryRows<RawRow>(db, query);
  const hasMore = raw.length > size;
  const pageRows = raw.slice(0, size);
  if (before) pageRows.reverse();
  result.rows = pageRows.map((r) => {
    const row = {
      id: r.id,
      occurredAt: new Date(r.occurred_at),
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      actorEmail: r.actor_email,
      actorName: r.actor_name,
      ip: r.ip,
      userAgent: r.user_agent,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      accountId: r.account_id,
      accountNumber: r.account_number,
      accountName: r.account_name,
      before: parseJson(r.before),
      after: parseJson(r.after),
    };
    return { ...row, event: safeParseAuditEvent(row) };
  });
  const cursorOf = (i: number) => encodeCursor({ at: pageRows[i].cursor_at, id: pageRows[i].id });
  const last = pageRows.length - 1;
  if (pageRows.length > 0) {
    result.nextCursor = before || hasMore ? cursorOf(last) : null;
    result.prevCursor = before ? (hasMore ? cursorOf(0) : null) : after ? cursorOf(0) : null;
  }
  return result;
}

/** How many events match, counting no further than `max` (the export cap check stays cheap). */
export async function countAuditEvents(db: DbOrTx, filters: AuditTrailFilters, max: number): Promise<number> {
  const resolved = await resolveFilters(db, filters);
  if (resolved.empty) return 0;
  const [row] = await queryRows<{ n: number }>(
    db,
    // Only the key columns: the count reads the filter's index alone where it covers the filter.
    sql`select count(*)::int as n from (select 1 from (${armsQuery(resolved.arms, [], true, max, sql`e.occurred_at, e.id`)}) e limit ${max}) s`,
  );
  return Number(row.n);
}

/** Every matching event, newest first, in batches (for the exports: memory holds one batch at a time). */
export async function* iterateAuditEvents(
  db: DbOrTx,
  filters: AuditTrailFilters,
  options: { batchSize?: number; max: number },
): AsyncGenerator<AuditTrailRow[]> {
  let after: string | undefined;
  let left = options.max;
  while (left > 0) {
    const page = await listAuditEvents(db, {
      filters,
      page: { after },
      size: Math.min(options.batchSize ?? 2_000, left),
    });
    if (page.rows.length > 0) yield page.rows;
    left -= page.rows.length;
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}
