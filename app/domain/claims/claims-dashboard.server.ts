// The claims SLA dashboard, computed in SQL: first-response and resolution times (median and p90, in
// calendar hours from the claim being raised), the share of claims that breached a deadline, grouped by
// the level the claim is at (or was resolved at), its type, the account's collector and the month it
// was raised (Mexico City), and the open claims by age. A claim "breached" when a level's deadline
// passed unanswered: the sweeper escalated it (claim.escalated with automatic) or found the last level
// overdue (claim.sla_breached), both read from the audit trail by its entity index.
import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import {
  AGE_BUCKETS,
  type AgeBucket,
  type ClaimsDashboard,
  DASHBOARD_TIME_ZONE,
  type SlaFigures,
} from "./dashboard-schemas";

export type { ClaimsDashboard, SlaFigures };

interface RawFigures {
  dim: "level" | "type" | "collector" | "month";
  key: string | null;
  name: string | null;
  claims: number | string;
  fr_median: number | string | null;
  fr_p90: number | string | null;
  res_median: number | string | null;
  res_p90: number | string | null;
  breached: number | string;
}

const num = (v: number | string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);

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
  const figures = (dim: string, key: string) => sql`
    select ${dim} as dim, ${sql.raw(key)} as key, max(collector_name) as name, count(*)::int as claims,
      percentile_cont(0.5) within group (order by first_h) as fr_median,
      percentile_cont(0.9) within group (order by first_h) as fr_p90,
      percentile_cont(0.5) within group (order by resolve_h) as res_median,
      percentile_cont(0.9) within group (order by resolve_h) as res_p90,
      avg(case when breached then 1.0 else 0.0 end) as breached
    from base group by ${sql.raw(key)}`;
  const rows = await queryRows<RawFigures>(
    db,
    sql`with base as (
      select c.id, c.level::text as level, c.type::text as type, a.collector_id, u.name as collector_name,
        to_char(c.created_at at time zone ${DASHBOARD_TIME_ZONE}, 'YYYY-MM') as month,
        extract(epoch from (c.first_response_at - c.created_at)) / 3600.0 as first_h,
        extract(epoch from (c.resolved_at - c.created_at)) / 3600.0 as resolve_h,
        exists (
          select 1 from audit_events e
          where e.entity_type = 'claim' and e.entity_id = c.id
            and (e.action = 'claim.sla_breached' or (e.action = 'claim.escalated' and e.after ->> 'automatic' = 'true'))
        ) as breached
      from claims c
      join customer_accounts a on a.id = c.account_id
      left join users u on u.id = a.collector_id
      where c.created_at >= ${input.from.toISOString()}::timestamptz ${team}
    )
    ${figures("level", "level")}
    union all ${figures("type", "type")}
    union all ${figures("collector", "collector_id")}
    union all ${figures("month", "month")}`,
  );
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
  const toFigures = (r: RawFigures): SlaFigures => ({
    key: r.key ?? "",
    claims: Number(r.claims),
    firstResponseMedian: num(r.fr_median),
    firstResponseP90: num(r.fr_p90),
    resolutionMedian: num(r.res_median),
    resolutionP90: num(r.res_p90),
    breachedShare: Number(r.breached),
  });
  const of = (dim: RawFigures["dim"]) => rows.filter((r) => r.dim === dim);
  const byKey = (a: SlaFigures, b: SlaFigures) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const ageCount = new Map(ages.map((a) => [a.bucket, Number(a.claims)]));
  return {
    byLevel: of("level").map(toFigures).sort(byKey),
    byType: of("type").map(toFigures).sort(byKey),
    byCollector: of("collector")
      .map((r) => ({ ...toFigures(r), collectorName: r.name }))
      .sort((a, b) => (a.collectorName ?? "~").localeCompare(b.collectorName ?? "~")),
    byMonth: of("month").map(toFigures).sort(byKey),
    openByAge: AGE_BUCKETS.map((bucket) => ({ bucket, claims: ageCount.get(bucket) ?? 0 })),
  };
}
