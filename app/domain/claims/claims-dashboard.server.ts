// The claims SLA dashboard: first-response and resolution times (median and p90, in business hours
// from the claim being raised, on the working calendar of the seller's country, the arithmetic the
// SLA deadlines use: business-hours.ts), the resolution time leaving out the business time the claim
// spent waiting on the customer (from an information request to the customer's answer, as the thread
// records them), the share of claims that breached a deadline, grouped by the level the claim is at
// (or was resolved at), its type, the account's collector and the month it was raised (in the seller's
// time zone), and the open claims by age. A claim "breached" when a level's deadline passed unanswered: the
// sweeper escalated it (claim.escalated with automatic) or found the last level overdue
// (claim.sla_breached), both read from the audit trail by its entity index. SQL reads one row per
// claim and one per pause; the hours and the percentiles are computed here.
import { sql } from "drizzle-orm";
import type { Country } from "~/domain/vocabulary";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { businessClock, type WorkingCalendar } from "./business-hours";
import { loadWorkingCalendar } from "./claim-sla.server";
import { AGE_BUCKETS, type AgeBucket, type ClaimsDashboard, type SlaFigures } from "./dashboard-schemas";

export type { ClaimsDashboard, SlaFigures };

interface ClaimRow {
  id: string;
  level: string;
  type: string;
  collector_id: string | null;
  collector_name: string | null;
  month: string;
  country: Country;
  created_at: Date | string;
  first_response_at: Date | string | null;
  resolved_at: Date | string | null;
  breached: boolean;
}

interface Measured {
  level: string;
  type: string;
  collectorId: string | null;
  collectorName: string | null;
  month: string;
  firstHours: number | null;
  resolveHours: number | null;
  breached: boolean;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** PostgreSQL's percentile_cont: linear between the closest ranks, over the values that are not null. */
export function percentileCont(values: readonly (number | null)[], p: number): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

function figuresOf(key: string, rows: readonly Measured[]): SlaFigures {
  const first = rows.map((r) => r.firstHours);
  const resolve = rows.map((r) => r.resolveHours);
  return {
    key,
    claims: rows.length,
    firstResponseMedian: round1(percentileCont(first, 0.5)),
    firstResponseP90: round1(percentileCont(first, 0.9)),
    resolutionMedian: round1(percentileCont(resolve, 0.5)),
    resolutionP90: round1(percentileCont(resolve, 0.9)),
    breachedShare: rows.length === 0 ? 0 : rows.filter((r) => r.breached).length / rows.length,
  };
}

function groupBy(rows: readonly Measured[], key: (r: Measured) => string): Map<string, Measured[]> {
  const groups = new Map<string, Measured[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

/**
 * `scope.supervisorId`: only the claims of that supervisor's collectors' accounts (a supervisor sees
 * its team); without it, every claim (administrators, auditors, area owners).
 */
export async function readClaimsDashboard(
  db: DbOrTx,
  input: { from: Date; now: Date; scope: { supervisorId?: string } },
): Promise<ClaimsDashboard> {
  const team = input.scope.supervisorId
    ? sql`and a.collector_id in (select u.id from users u where u.supervisor_id = ${input.scope.supervisorId})`
    : sql``;
  const inPeriod = sql`c.created_at >= ${input.from.toISOString()}::timestamptz ${team}`;
  const claimRows = await queryRows<ClaimRow>(
    db,
    sql`select c.id, c.level::text as level, c.type::text as type, a.collector_id, u.name as collector_name,
        to_char(c.created_at at time zone s.time_zone, 'YYYY-MM') as month,
        s.country::text as country, c.created_at, c.first_response_at, c.resolved_at,
        exists (
          select 1 from audit_events e
          where e.entity_type = 'claim' and e.entity_id = c.id
            and (e.action = 'claim.sla_breached' or (e.action = 'claim.escalated' and e.after ->> 'automatic' = 'true'))
        ) as breached
      from claims c
      join customer_accounts a on a.id = c.account_id
      join sellers s on s.id = c.seller_id
      left join users u on u.id = a.collector_id
      where ${inPeriod}`,
  );
  // Each wait on the customer of a resolved claim: from the information request to the customer's
  // next message (its answer), or to the resolution when none came.
  const pauseRows = await queryRows<{ claim_id: string; paused_at: Date | string; resumed_at: Date | string | null }>(
    db,
    sql`select m.claim_id, m.created_at as paused_at,
        (select min(r.created_at) from claim_messages r
          where r.claim_id = m.claim_id and r.kind = 'customer_message' and r.created_at >= m.created_at) as resumed_at
      from claim_messages m
      join claims c on c.id = m.claim_id
      join customer_accounts a on a.id = c.account_id
      where m.kind = 'info_request' and c.resolved_at is not null and ${inPeriod}`,
  );
  const pausesOf = new Map<string, { pausedAt: Date; resumedAt: Date | null }[]>();
  for (const p of pauseRows) {
    const list = pausesOf.get(p.claim_id) ?? [];
    list.push({ pausedAt: toDate(p.paused_at), resumedAt: p.resumed_at === null ? null : toDate(p.resumed_at) });
    pausesOf.set(p.claim_id, list);
  }

  // One clock per country, over the period's span: every claim's times are look-ups on it.
  const countries = [...new Set(claimRows.map((r) => r.country))];
  const earliest = claimRows.reduce((min, r) => Math.min(min, toDate(r.created_at).getTime()), input.now.getTime());
  const latest = claimRows.reduce(
    (max, r) => Math.max(max, r.resolved_at ? toDate(r.resolved_at).getTime() : 0),
    input.now.getTime(),
  );
  const calendars = new Map<Country, WorkingCalendar>(
    await Promise.all(
      countries.map(
        async (c) => [c, await loadWorkingCalendar(db, c, new Date(earliest).getUTCFullYear() - 1)] as const,
      ),
    ),
  );
  const clocks = new Map(
    [...calendars].map(([c, calendar]) => [c, businessClock(calendar, new Date(earliest), new Date(latest))]),
  );

  const measured: Measured[] = claimRows.map((r) => {
    const clock = clocks.get(r.country)!;
    const created = toDate(r.created_at);
    const hours = (minutes: number) => minutes / 60;
    let resolveHours: number | null = null;
    if (r.resolved_at) {
      const resolved = toDate(r.resolved_at);
      let paused = 0;
      for (const p of pausesOf.get(r.id) ?? []) {
        const end = p.resumedAt && p.resumedAt < resolved ? p.resumedAt : resolved;
        if (p.pausedAt < resolved) paused += clock.businessMinutes(p.pausedAt, end);
      }
      resolveHours = hours(Math.max(0, clock.businessMinutes(created, resolved) - paused));
    }
    return {
      level: r.level,
      type: r.type,
      collectorId: r.collector_id,
      collectorName: r.collector_name,
      month: r.month,
      firstHours: r.first_response_at ? hours(clock.businessMinutes(created, toDate(r.first_response_at))) : null,
      resolveHours,
      breached: r.breached === true || String(r.breached) === "true",
    };
  });

  const ages = await queryRows<{ bucket: AgeBucket; claims: number | string }>(
    db,
    sql`select case
          when age < 3 then 'd0_2' when age < 8 then 'd3_7' when age < 16 then 'd8_15'
          when age < 31 then 'd16_30' else 'd31' end as bucket,
        count(*)::int as claims
      from (
        select floor(extract(epoch from (${input.now.toISOString()}::timestamptz - c.created_at)) / 86400) as age
        from claims c join customer_accounts a on a.id = c.account_id
        where c.status in ('open', 'waiting_on_customer') ${team}
      ) o
      group by 1`,
  );
  const byKey = (a: SlaFigures, b: SlaFigures) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const figures = (key: (r: Measured) => string) =>
    [...groupBy(measured, key)].map(([k, rows]) => figuresOf(k, rows)).sort(byKey);
  const ageCount = new Map(ages.map((a) => [a.bucket, Number(a.claims)]));
  return {
    byLevel: figures((r) => r.level),
    byType: figures((r) => r.type),
    byCollector: [...groupBy(measured, (r) => r.collectorId ?? "")]
      .map(([k, rows]) => ({ ...figuresOf(k, rows), collectorName: rows[0].collectorName }))
      .sort((a, b) => (a.collectorName ?? "~").localeCompare(b.collectorName ?? "~")),
    byMonth: figures((r) => r.month),
    openByAge: AGE_BUCKETS.map((bucket) => ({ bucket, claims: ageCount.get(bucket) ?? 0 })),
  };
}
