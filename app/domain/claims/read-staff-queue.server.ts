// The staff claims queue: the claims of a view (mine, my accounts', my team's, my area's, all) that
// pass the filters, the nearest deadline first (paused and closed claims last), a keyset page at a
// time. Each view is a union of "arms", each one index range of claims read in (queue_key, id) order
// and limited (db/schema/claims.ts, the claims_queue_* indexes); the accounts' arms read each account's
// range on its own (a lateral join), so a page costs about the same on a thousand claims or on
// millions. Who may open which view is queue-schemas.ts; the caller has checked the role.
import { type SQL, sql } from "drizzle-orm";
import type { ClaimLevel, ClaimStatus, ClaimType, Currency } from "~/domain/vocabulary";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { QUEUE_PAGE_SIZE, type QueueView, type SlaState, type StaffQueueFilters } from "./queue-schemas";
import type { StaffActor } from "./staff-access.server";

export interface StaffQueueRow {
  id: string;
  number: number;
  type: ClaimType;
  status: ClaimStatus;
  level: ClaimLevel;
  dueAt: Date | null;
  createdAt: Date;
  slaState: SlaState | null;
  accountId: string;
  accountNumber: string;
  accountName: string;
  assigneeName: string | null;
  disputedAmount: string | null;
  disputedCurrency: Currency | null;
}

export interface StaffQueueResult {
  rows: StaffQueueRow[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Pass as `before` for the previous page; null on the first page. */
  prevCursor: string | null;
}

interface Cursor {
  /** queue_key in UTC with microseconds, or "infinity" (paused and closed claims). */
  key: string;
  id: string;
}

const CURSOR_KEY = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z|infinity)$/;
const CURSOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");
}

/** A tampered cursor (or one of an older format) is ignored: the queue starts over. */
function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as unknown[];
    if (typeof key !== "string" || typeof id !== "string" || !CURSOR_KEY.test(key) || !CURSOR_ID.test(id)) return null;
    if (key !== "infinity" && Number.isNaN(new Date(key).getTime())) return null;
    return { key, id };
  } catch {
    return null;
  }
}

const DAY_MS = 86_400_000;

/** The filters every arm applies to claims `c`. */
function filterConditions(filters: StaffQueueFilters, now: Date): SQL[] {
  const at = now.toISOString();
  const where: SQL[] = [];
  const status = filters.status ?? "active";
  // Written as the partial indexes' predicate, so the planner matches them.
  if (status === "active") where.push(sql`c.status in ('open', 'waiting_on_customer')`);
  else where.push(sql`c.status = ${status}`);
  if (filters.type) where.push(sql`c.type = ${filters.type}`);
  if (filters.level) where.push(sql`c.level = ${filters.level}`);
  // Only open claims have a deadline (paused and closed ones have none, so their queue_key is infinity):
  // the SLA states are ranges of queue_key, read from the same indexes in the same order.
  if (filters.sla === "breached") where.push(sql`c.queue_key <= ${at}::timestamptz`);
  if (filters.sla === "at_risk")
    where.push(sql`c.queue_key > ${at}::timestamptz and c.sla_at_risk_at <= ${at}::timestamptz`);
  if (filters.sla === "on_time")
    where.push(sql`c.queue_key > ${at}::timestamptz and c.sla_at_risk_at > ${at}::timestamptz`);
  if (filters.amountMin !== undefined) where.push(sql`c.disputed_amount >= ${filters.amountMin}::numeric`);
  if (filters.amountMax !== undefined) where.push(sql`c.disputed_amount <= ${filters.amountMax}::numeric`);
  if (filters.ageMin !== undefined)
    where.push(sql`c.created_at <= ${new Date(now.getTime() - filters.ageMin * DAY_MS).toISOString()}::timestamptz`);
  if (filters.ageMax !== undefined)
    where.push(
      sql`c.created_at > ${new Date(now.getTime() - (filters.ageMax + 1) * DAY_MS).toISOString()}::timestamptz`,
    );
  return where;
}

/** The accounts a segment or zone filter keeps, as a condition on customer_accounts `a`; null without one. */
function accountConditions(filters: StaffQueueFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.segment) where.push(sql`a.segment = ${filters.segment}`);
  if (filters.zone) where.push(sql`a.zone_id = ${filters.zone}`);
  return where;
}

const and = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` and `) : sql`true`);

// An arm yields only the sort key and the ID (read from its index alone when no filter needs the row):
// the page's rows are fetched once the arms' winners are known, so a team view over many accounts
// reads (accounts × page size) index entries but only a page of claims.
const ARM_COLUMNS = sql`c.queue_key, c.id`;

/** One index range of claims in queue order, limited. */
function claimsArm(conds: SQL[], order: SQL, limit: number): SQL {
  return sql`(select ${ARM_COLUMNS} from claims c where ${and(conds)} order by ${order} limit ${limit})`;
}

/** Each account's range on its own (claims_queue_account_* indexes), merged by the outer order. */
function accountsArm(accounts: SQL, conds: SQL[], order: SQL, limit: number): SQL {
  return sql`(select q.* from (${accounts}) acc cross join lateral (
    select ${ARM_COLUMNS} from claims c where c.account_id = acc.id and ${and(conds)} order by ${order} limit ${limit}
  ) q)`;
}

function armsOf(
  view: QueueView,
  staff: StaffActor,
  filters: StaffQueueFilters,
  conds: SQL[],
  order: SQL,
  limit: number,
) {
  const accountWhere = accountConditions(filters);
  // A segment or zone filter on an arm that is not read per account: the claim's account must pass it.
  const accountFilter = accountWhere.length
    ? [sql`c.account_id in (select a.id from customer_accounts a where ${and(accountWhere)})`]
    : [];
  const mine = claimsArm([sql`c.assignee_id = ${staff.userId}`, ...conds, ...accountFilter], order, limit);
  switch (view) {
    case "mine":
      return [mine];
    case "portfolio":
      return [
        mine,
        accountsArm(
          sql`select a.id from customer_accounts a where a.collector_id = ${staff.userId} and ${and(accountWhere)}`,
          conds,
          order,
          limit,
        ),
      ];
    case "team":
      return [
        mine,
        accountsArm(
          sql`select a.id from customer_accounts a join users u on u.id = a.collector_id
              where u.supervisor_id = ${staff.userId} and ${and(accountWhere)}`,
          conds,
          order,
          limit,
        ),
      ];
    case "area":
      return staff.staffArea
        ? [
            mine,
            claimsArm(
              [sql`c.owning_area = ${staff.staffArea}`, sql`c.level = 'L3'`, ...conds, ...accountFilter],
              order,
              limit,
            ),
          ]
        : [mine];
    case "all":
      return [claimsArm([...conds, ...accountFilter], order, limit)];
  }
}

interface RawRow {
  id: string;
  number: number | string;
  type: ClaimType;
  status: ClaimStatus;
  level: ClaimLevel;
  due_at: string | Date | null;
  created_at: string | Date;
  sla_state: SlaState | null;
  account_id: string;
  account_number: string;
  account_name: string;
  assignee_name: string | null;
  disputed_amount: string | null;
  disputed_currency: Currency | null;
  cursor_key: string;
}

export interface StaffQueueInput {
  view: QueueView;
  filters: StaffQueueFilters;
  page?: { after?: string; before?: string };
  now: Date;
  size?: number;
}

/** The SQL of a page (for EXPLAIN in tests and the benchmark) and how to read it. */
export function staffQueuePageQuery(staff: StaffActor, input: StaffQueueInput) {
  const size = Math.min(Math.max(input.size ?? QUEUE_PAGE_SIZE, 1), 200);
  const after = decodeCursor(input.page?.after);
  const before = after ? null : decodeCursor(input.page?.before);
  const cursor = after ?? before;
  // Going back (`before`) reads the other way from the cursor and flips the rows afterwards.
  const ascending = !before;
  const dir = ascending ? sql`asc` : sql`desc`;
  const order = sql`c.queue_key ${dir}, c.id ${dir}`;
  const conds = filterConditions(input.filters, input.now);
  if (cursor)
    conds.push(sql`(c.queue_key, c.id) ${ascending ? sql`>` : sql`<`} (${cursor.key}::timestamptz, ${cursor.id})`);
  const arms = armsOf(input.view, staff, input.filters, conds, order, size + 1);
  const at = input.now.toISOString();
  const query = sql`
    select c.id, c.number, c.type, c.status, c.level, c.due_at, c.created_at, c.account_id,
      c.disputed_amount, c.disputed_currency,
      case when c.status <> 'open' then null
           when c.due_at <= ${at}::timestamptz then 'breached'
           when c.sla_at_risk_at <= ${at}::timestamptz then 'at_risk'
           else 'on_time' end as sla_state,
      case when isfinite(c.queue_key) then to_char(c.queue_key at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
           else 'infinity' end as cursor_key,
      a.number as account_number, a.legal_name as account_name, u.name as assignee_name
    from (select * from (${sql.join(arms, sql` union `)}) u order by u.queue_key ${dir}, u.id ${dir} limit ${size + 1}) k
    join claims c on c.id = k.id
    join customer_accounts a on a.id = c.account_id
    left join users u on u.id = c.assignee_id
    order by ${order}
    limit ${size + 1}`;
  return { query, size, after, before };
}

export async function listStaffQueue(db: DbOrTx, staff: StaffActor, input: StaffQueueInput): Promise<StaffQueueResult> {
  const { query, size, after, before } = staffQueuePageQuery(staff, input);
  const raw = await queryRows<RawRow>(db, query);
  const hasMore = raw.length > size;
  const pageRows = raw.slice(0, size);
  if (before) pageRows.reverse();
  const rows = pageRows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    type: r.type,
    status: r.status,
    level: r.level,
    dueAt: r.due_at === null ? null : new Date(r.due_at),
    createdAt: new Date(r.created_at),
    slaState: r.sla_state,
    accountId: r.account_id,
    accountNumber: r.account_number,
    accountName: r.account_name,
    assigneeName: r.assignee_name,
    disputedAmount: r.disputed_amount,
    disputedCurrency: r.disputed_currency,
  }));
  const cursorOf = (i: number) => encodeCursor({ key: pageRows[i].cursor_key, id: pageRows[i].id });
  const last = pageRows.length - 1;
  if (pageRows.length === 0) return { rows, nextCursor: null, prevCursor: null };
  return {
    rows,
    nextCursor: before || hasMore ? cursorOf(last) : null,
    prevCursor: before ? (hasMore ? cursorOf(0) : null) : after ? cursorOf(0) : null,
  };
}

/** Open claims waiting on this staff member (assigned to it): the header's counter. One index range. */
export async function countClaimsNeedingAction(db: DbOrTx, staffUserId: string): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*)::int as n from claims c
        where c.assignee_id = ${staffUserId} and c.status in ('open', 'waiting_on_customer') and c.status = 'open'`,
  );
  return Number(row?.n ?? 0);
}

/** Claims of these accounts waiting on the customer (information requested): the portal header's counter. */
export async function countClaimsWaitingOnCustomer(db: DbOrTx, accountIds: readonly string[]): Promise<number> {
  if (accountIds.length === 0) return 0;
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*)::int as n from claims c
        where c.account_id in (${sql.join(
          accountIds.map((id) => sql`${id}`),
          sql`, `,
        )}) and c.status = 'waiting_on_customer'`,
  );
  return Number(row?.n ?? 0);
}

/** The zones the queue's zone filter offers (both sellers'). */
export async function listQueueZones(db: DbOrTx): Promise<{ id: string; name: string; country: string }[]> {
  return queryRows<{ id: string; name: string; country: string }>(
    db,
    sql`select z.id, z.name, s.country from zones z join sellers s on s.id = z.seller_id order by s.country desc, z.name, z.id`,
  );
}
