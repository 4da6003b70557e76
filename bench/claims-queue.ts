// Server time of the staff claims queue at 1,000 and at 100,000 claims, against the time of its SQL
// (the domain call listStaffQueue, run alone). Issue 11, "Benchmark": at 100,000 claims the queue's SQL
// ≤ 2× and its page ≤ 1.5× what they were at 1,000.
//
//   DATABASE_URL=postgres://… BENCH_URL=http://127.0.0.1:3230 npx tsx bench/claims-queue.ts
//
// PostgreSQL only, like bench/account-pages.ts: the bench grows the claims table of the database the
// running server reads and reads it from its own pool (a PGlite dir cannot be opened twice). Start the
// server on the same DATABASE_URL first (demo seed with its users and claims), e.g.
//   DATABASE_URL=… SEED_INVOICES=2000 LEDGER_CACHE_ROWS=0 PORT=3230 node scripts/start.mjs
//
// Bulk claims are inserted in SQL (the read path is what is measured, not the domain's writes), with a
// realistic mix: ~12 % active (open or waiting on the customer), the rest resolved or withdrawn, over
// every account, type and level, raised over the last year, each assigned as the escalation ladder
// would; each run first deletes the previous run's bulk claims. Env: BENCH_SIZES (default "1000,100000"), BENCH_RUNS (30), BENCH_WARMUP (3).
// Per scenario: page — GET of the HTML document (every matched loader + React SSR); data — GET of
// `.data` (the same loaders, no HTML); sql — listStaffQueue with the same inputs on the bench's pool.
// Results: a table on stdout and bench/results/<timestamp>-claims-queue.json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { QueueView, StaffQueueFilters } from "~/domain/claims/queue-schemas";
import { listStaffQueue, staffQueuePageQuery } from "~/domain/claims/read-staff-queue.server";
import type { StaffActor } from "~/domain/claims/staff-access.server";
import { type Db, openDatabase, queryRows } from "~/utils/db.server";

const BASE = (process.env.BENCH_URL ?? "http://127.0.0.1:3230").replace(/\/$/, "");
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
const PASSWORD = process.env.BENCH_PASSWORD ?? "demo-portal-2026";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function sample(fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cartera_session="));
  await response.arrayBuffer();
  if (!cookie) throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
  return cookie.split(";")[0];
}

async function get(url: string, cookie: string): Promise<number> {
  const response = await fetch(url, { headers: { Cookie: cookie } });
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return body.byteLength;
}

/** Inserts claims until the table holds `target`; deterministic (each row's choices hash its ordinal). */
async function growClaims(db: Db, target: number) {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from claims`);
  const missing = target - n;
  if (missing <= 0) return n;
  const BATCH = 20_000;
  for (let done = 0; done < missing; done += BATCH) {
    const size = Math.min(BATCH, missing - done);
    const first = n + done;
    await db.execute(sql`
      with acc as (
        select a.id, a.seller_id, a.collector_id, u.supervisor_id, row_number() over (order by a.number) - 1 as k,
          count(*) over () as total
        from customer_accounts a left join users u on u.id = a.collector_id
      ),
      raiser as (select id from users where kind = 'customer' order by email limit 1),
      owners as (select staff_area, min(id) as id from users where staff_role = 'area_owner' group by staff_area),
      g as (
        select i, abs(hashtext('claim' || i)) as h1, abs(hashtext('when' || i)) as h2, abs(hashtext('due' || i)) as h3
        from generate_series(${first}::int, ${first + size - 1}::int) as i
      ),
      picked as (
        select g.*, acc.*,
          (enum_range(null::claim_type))[1 + g.h1 % 9] as type,
          (array['L1','L1','L1','L2','L2','L3'])[1 + (g.h1 / 9) % 6]::claim_level as level,
          case when g.h2 % 100 < 8 then 'open' when g.h2 % 100 < 12 then 'waiting_on_customer'
               when g.h2 % 100 < 92 then 'resolved' else 'withdrawn' end::claim_status as status,
          now() - make_interval(mins => (g.h2 % 525600)::int) as created
        from g join acc on acc.k = g.h1 % acc.total
      ),
      typed as (
        select p.*, (case when type in ('price_difference','rebate_not_applied','credit_note_missing','reinvoicing') then 'sales'
                          when type in ('quantity_or_remission','damaged_or_returned') then 'operations'
                          else 'credit' end)::staff_area as area,
          case when p.status = 'open' then now() + make_interval(mins => (p.h3 % 7200)::int - 2880) end as due
        from picked p
      )
      insert into claims (id, seller_id, account_id, type, origin, status, level, owning_area, description, raised_by_id,
        assignee_id, due_at, sla_at_risk_at, sla_remaining_minutes, level_started_at, first_response_at, resolution,
        resolution_reason, resolved_at, closed_at, disputed_amount, disputed_currency, created_at, updated_at)
      select 'bench' || t.i, t.seller_id, t.id, t.type, 'general', t.status, t.level, t.area, 'bench claim',
        (select id from raiser),
        case t.level when 'L1' then t.collector_id when 'L2' then t.supervisor_id
             else (select o.id from owners o where o.staff_area = t.area) end,
        t.due, t.due - interval '4 hours',
        case when t.status = 'waiting_on_customer' then 300 end,
        t.created,
        case when t.status <> 'open' or t.h3 % 2 = 0 then t.created + make_interval(mins => (t.h3 % 2000)::int) end,
        case when t.status = 'resolved' then (enum_range(null::claim_resolution))[1 + t.h3 % 3] end,
        case when t.status = 'resolved' then 'bench' end,
        case when t.status = 'resolved' then t.created + make_interval(mins => (t.h3 % 9000)::int) end,
        case when t.status in ('resolved', 'withdrawn') then t.created + make_interval(mins => (t.h3 % 9000)::int) end,
        (t.h3 % 100000)::numeric / 10, 'MXN', t.created, t.created
      from typed t`);
    console.log(`  claims: ${first + size}/${target}`);
  }
  await db.execute(sql`analyze claims`);
  return target;
}

interface Scenario {
  name: string;
  email: string;
  view: QueueView;
  filters: StaffQueueFilters;
  query: string;
}

const SCENARIOS: Scenario[] = [
  { name: "admin, all (default)", email: "admin@cartera.demo", view: "all", filters: {}, query: "" },
  { name: "collector, portfolio", email: "cobranza1@cartera.demo", view: "portfolio", filters: {}, query: "" },
  { name: "supervisor, team", email: "supervisor@cartera.demo", view: "team", filters: {}, query: "" },
  { name: "area owner, area", email: "ventas@cartera.demo", view: "area", filters: {}, query: "" },
  {
    name: "admin, all, breached, L1",
    email: "admin@cartera.demo",
    view: "all",
    filters: { sla: "breached", level: "L1" },
    query: "?view=all&sla=breached&level=L1",
  },
  {
    name: "collector, resolved",
    email: "cobranza1@cartera.demo",
    view: "portfolio",
    filters: { status: "resolved" },
    query: "?view=portfolio&status=resolved",
  },
];

/** Buffers the page's SQL touches (shared hit + read, from EXPLAIN ANALYZE): the same on a busy machine or a quiet one. */
async function buffersOf(db: Db, staff: StaffActor, s: Scenario): Promise<number> {
  const { query } = staffQueuePageQuery(staff, { view: s.view, filters: s.filters, now: new Date() });
  const [row] = await queryRows<{
    "QUERY PLAN": [{ Plan: { "Shared Hit Blocks": number; "Shared Read Blocks": number } }];
  }>(db, sql`explain (analyze, buffers, format json) ${query}`);
  const plan = row["QUERY PLAN"][0].Plan;
  return plan["Shared Hit Blocks"] + plan["Shared Read Blocks"];
}

async function actorOf(db: Db, email: string): Promise<StaffActor> {
  const [u] = await queryRows<{ id: string; staff_role: StaffActor["staffRole"]; staff_area: StaffActor["staffArea"] }>(
    db,
    sql`select id, staff_role, staff_area from users where email = ${email}`,
  );
  if (!u) throw new Error(`no user ${email}: start the server on this database first (it seeds the demo)`);
  return { userId: u.id, label: email, staffRole: u.staff_role, staffArea: u.staff_area };
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL (PostgreSQL) is required");
  const database = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 2 });
  const { db } = database;
  const cookies = new Map<string, string>();
  for (const s of SCENARIOS) if (!cookies.has(s.email)) cookies.set(s.email, await signIn(s.email));
  const results: Record<string, unknown>[] = [];
  // Starts from the demo's claims again (bench rows only: they have no documents, messages or tasks).
  await db.execute(sql`delete from claims where id like 'bench%'`);
  // Without it the indexes still hold the deleted rows and the small size reads through them.
  await db.execute(sql`vacuum (analyze) claims`);
  for (const size of SIZES) {
    const claims = await growClaims(db, size);
    console.log(`\n${claims} claims`);
    for (const s of SCENARIOS) {
      const staff = await actorOf(db, s.email);
      const url = `${BASE}/staff/claims${s.query}`;
      const cookie = cookies.get(s.email)!;
      const bytes = await get(url, cookie);
      const page = await sample(() => get(url, cookie));
      const data = await sample(() => get(`${BASE}/staff/claims.data${s.query}`, cookie));
      const sqlTime = await sample(() =>
        listStaffQueue(db, staff, { view: s.view, filters: s.filters, now: new Date() }),
      );
      const buffers = await buffersOf(db, staff, s);
      results.push({ claims, scenario: s.name, page, data, sql: sqlTime, buffers, bytes });
      console.log(
        `  ${s.name.padEnd(28)} page p50 ${page.p50.toFixed(1).padStart(7)} ms  data p50 ${data.p50.toFixed(1).padStart(7)} ms  sql p50 ${sqlTime.p50.toFixed(2).padStart(7)} ms  buffers ${String(buffers).padStart(5)}`,
      );
    }
  }
  if (SIZES.length >= 2) {
    console.log(`\nratios ${SIZES.at(-1)} ÷ ${SIZES[0]} claims (p50):`);
    for (const s of SCENARIOS) {
      const [a, b] = [SIZES[0], SIZES.at(-1)].map(
        (n) =>
          results.find((r) => r.claims === n && r.scenario === s.name) as {
            sql: { p50: number };
            page: { p50: number };
            data: { p50: number };
            buffers: number;
          },
      );
      console.log(
        `  ${s.name.padEnd(28)} sql ${(b.sql.p50 / a.sql.p50).toFixed(2)}×  page ${(b.page.p50 / a.page.p50).toFixed(2)}×  data ${(b.data.p50 / a.data.p50).toFixed(2)}×  buffers ${(b.buffers / a.buffers).toFixed(2)}×`,
      );
    }
  }
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-claims-queue.json`);
  writeFileSync(file, JSON.stringify({ base: BASE, runs: RUNS, results }, null, 2));
  console.log(`\n${file}`);
  await database.close();
}

await main();
