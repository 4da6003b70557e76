// The collectors' reconciliation portfolio: every account the staff member reaches (its own, its
// team's, or all: staffScope, as the claims queue scopes it) with the status of its latest
// reconciliation (none, draft, sent, viewed, signed, signed with differences, expired), filtered by
// that status, segment and a text search, ordered by account number a keyset page at a time. The
// latest reconciliation is one row per account read through envelopes_account_kind_created_idx (a
// lateral join); a sent or viewed one past its deadline reads as expired, as everywhere else.
import { type SQL, sql } from "drizzle-orm";
import { customerAccounts } from "#db/schema";
import { foldSearchText, staffScope } from "~/domain/identity/account-access.server";
import type { EnvelopeStatus, Segment, StaffRole } from "~/domain/vocabulary";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import {
  MAX_BATCH_ACCOUNTS,
  PORTFOLIO_PAGE_SIZE,
  type PortfolioFilters,
  type PortfolioStatus,
} from "./portfolio-schemas";

export interface PortfolioRow {
  accountId: string;
  accountNumber: string;
  accountName: string;
  segment: Segment;
  status: PortfolioStatus;
  envelopeId: string | null;
  envelopeNumber: number | null;
  cutoffDate: string | null;
  sentAt: Date | null;
  expiresAt: Date | null;
  completedAt: Date | null;
  sealed: boolean;
  signers: number;
}

interface RawRow {
  account_id: string;
  account_number: string;
  account_name: string;
  segment: Segment;
  envelope_id: string | null;
  envelope_number: number | string | null;
  stored_status: EnvelopeStatus | null;
  cutoff_date: string | null;
  sent_at: string | Date | null;
  expires_at: string | Date | null;
  completed_at: string | Date | null;
  sealed: boolean;
  signers: number | string;
}

interface Cursor {
  number: string;
  id: string;
}
const CURSOR_PART = /^[A-Za-z0-9_-]{1,64}$/;
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.number, c.id])).toString("base64url");
/** A tampered cursor is ignored: the list starts over. */
function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [number, id] = value as unknown[];
    if (typeof number !== "string" || typeof id !== "string" || !CURSOR_PART.test(number) || !CURSOR_PART.test(id))
      return null;
    return { number, id };
  } catch {
    return null;
  }
}

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

/** The latest reconciliation's status as the list shows it (expired derived from the deadline). */
function statusSql(now: Date): SQL {
  return sql`case when e.id is null then 'none'
    when e.status in ('sent', 'viewed') and e.expires_at <= ${now.toISOString()}::timestamptz then 'expired'
    else e.status::text end`;
}

function fromWhere(staff: { id: string; staffRole: StaffRole }, filters: PortfolioFilters, now: Date): SQL {
  const where: SQL[] = [staffScope(staff) ?? sql`true`];
  if (filters.segment) where.push(sql`${customerAccounts.segment} = ${filters.segment}`);
  if (filters.q) {
    const q = foldSearchText(filters.q.trim()).replace(/[%_\\]/g, "\\$&");
    if (q) where.push(sql`${customerAccounts.searchText} like ${`%${q}%`}`);
  }
  if (filters.status) where.push(sql`${statusSql(now)} = ${filters.status}`);
  return sql`from ${customerAccounts}
    left join lateral (
      select e.id, e.number, e.status, e.cutoff_date, e.sent_at, e.expires_at, e.completed_at, e.sealed_at
      from envelopes e
      where e.account_id = ${customerAccounts.id} and e.kind = 'reconciliation'
      order by e.created_at desc, e.id desc
      limit 1
    ) e on true
    where ${sql.join(where, sql` and `)}`;
}

export async function listReconciliationPortfolio(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  input: { filters: PortfolioFilters; page?: { after?: string; before?: string }; now: Date; size?: number },
) {
  const size = input.size ?? PORTFOLIO_PAGE_SIZE;
  const after = decodeCursor(input.page?.after);
  const before = after ? null : decodeCursor(input.page?.before);
  const key = sql`(${customerAccounts.number}, ${customerAccounts.id})`;
  const seek = after
    ? sql`and ${key} > (${after.number}, ${after.id})`
    : before
      ? sql`and ${key} < (${before.number}, ${before.id})`
      : sql``;
  const direction = before ? sql`desc` : sql`asc`;
  const rows = await queryRows<RawRow>(
    db,
    sql`select ${customerAccounts.id} as account_id, ${customerAccounts.number} as account_number,
          ${customerAccounts.legalName} as account_name, ${customerAccounts.segment} as segment,
          e.id as envelope_id, e.number as envelope_number, e.status as stored_status,
          e.cutoff_date::text as cutoff_date, e.sent_at, e.expires_at, e.completed_at,
          (e.sealed_at is not null) as sealed,
          (select count(*) from envelope_signers s where s.envelope_id = e.id) as signers
        ${fromWhere(staff, input.filters, input.now)} ${seek}
        order by ${customerAccounts.number} ${direction}, ${customerAccounts.id} ${direction}
        limit ${size + 1}`,
  );
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (before) page.reverse();
  const mapped: PortfolioRow[] = page.map((r) => {
    const expiresAt = date(r.expires_at);
    const stored = r.stored_status;
    const status: PortfolioStatus =
      stored === null
        ? "none"
        : (stored === "sent" || stored === "viewed") && expiresAt && expiresAt <= input.now
          ? "expired"
          : stored;
    return {
      accountId: r.account_id,
      accountNumber: r.account_number,
      accountName: r.account_name,
      segment: r.segment,
      status,
      envelopeId: r.envelope_id,
      envelopeNumber: r.envelope_number === null ? null : Number(r.envelope_number),
      cutoffDate: r.cutoff_date,
      sentAt: date(r.sent_at),
      expiresAt,
      completedAt: date(r.completed_at),
      sealed: Boolean(r.sealed),
      signers: Number(r.signers),
    };
  });
  const first = mapped[0];
  const last = mapped.at(-1);
  const cursorOf = (r: PortfolioRow) => encodeCursor({ number: r.accountNumber, id: r.accountId });
  return {
    rows: mapped,
    // Forward: a next page when more rows came; a previous one when we came from somewhere.
    nextCursor: last && (before ? true : more) ? cursorOf(last) : null,
    prevCursor: first && (before ? more : Boolean(after)) ? cursorOf(first) : null,
  };
}

/** Every account the filters match (for "send to all matching"), up to MAX_BATCH_ACCOUNTS + 1. */
export async function listPortfolioAccountIds(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  input: { filters: PortfolioFilters; now: Date },
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select ${customerAccounts.id} as id ${fromWhere(staff, input.filters, input.now)}
        order by ${customerAccounts.number}, ${customerAccounts.id} limit ${MAX_BATCH_ACCOUNTS + 1}`,
  );
  return rows.map((r) => r.id);
}
