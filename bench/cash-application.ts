// The cash application queue (/staff/payments, issue 12 item 7) with 100,000 registered payments: the
// page's server time against the time of its SQL. Issue 12, "Benchmark": the queue with 100,000
// registered payments ≤ 2× its SQL.
//
//   DATABASE_URL=postgres://… npm run bench:cash-application
//   (optionally BENCH_URL=http://127.0.0.1:3230 to also time the HTML page and its .data from a server
//   started on the same database)
//
// PostgreSQL only. The database must hold the demo (`npm start`, or `npx tsx scripts/prepare-database.ts`,
// on the same DATABASE_URL). The bench grows payment_registrations with bulk rows (id 'bench…', SQL
// inserts: the read path is measured, not the domain's writes) until it holds BENCH_REGISTRATIONS
// (default 100,000): ~15 % in review, the rest rejected (a confirmed registration needs a ledger payment
// of its own; the demo's confirmed ones stay), over every account, registered over the last year. Each
// run first deletes the previous run's bulk rows.
//
// Per scenario (who, which tab, first page or the next by cursor):
//   page — the loaders Remix runs for the request (root's user read, the staff layout, the queue page),
//          called in this process with one Request, as bench/page-queries.ts does;
//   sql  — the statements those loaders sent (captured with their parameters through onQuery), each
//          run under EXPLAIN (ANALYZE, FORMAT JSON) in a transaction rolled back: the sum of their
//          planning and execution times as PostgreSQL reports them (the first ratio);
//   sql rt — the same statements sent one after another through the pool: what the client waits for
//          them, round trips and result parsing included (the second ratio);
//   http — with BENCH_URL, GET of the HTML page and of its `.data`.
// p50 over BENCH_RUNS (30) after BENCH_WARMUP (3). Prints a table and page ÷ sql per scenario (the
// target is ≤ 2), and writes bench/results/<timestamp>-cash-application.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createSession } from "~/domain/identity/sessions.server";
import * as staffLayout from "~/routes/staff+/_layout";
import * as staffQueue from "~/routes/staff+/payments._index";
import { getUser } from "~/utils/auth.server";
import { type Db, getDatabase, onQuery, queryRows } from "~/utils/db.server";
import { commitSessionToken } from "~/utils/session.server";

const TARGET = Number(process.env.BENCH_REGISTRATIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const BASE = process.env.BENCH_URL?.replace(/\/$/, "");
const PASSWORD = process.env.BENCH_PASSWORD ?? "demo-portal-2026";

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
// The root loader imports the stylesheet (a Vite-only import); what it reads is the user.
const rootLoader: Loader = ({ request }) => getUser(request);
const LOADERS: Loader[] = [rootLoader, staffLayout.loader as Loader, staffQueue.loader as Loader];

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

/** Inserts bulk registrations until the table holds `target`; deterministic (each row hashes its ordinal). */
async function growRegistrations(db: Db, target: number) {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from payment_registrations`);
  const missing = target - n;
  if (missing <= 0) return n;
  const BATCH = 20_000;
  for (let done = 0; done < missing; done += BATCH) {
    const size = Math.min(BATCH, missing - done);
    const first = n + done;
    await db.execute(sql`
      with acc as (
        select a.id, a.seller_id, row_number() over (order by a.number) - 1 as k, count(*) over () as total
        from customer_accounts a
      ),
      payer as (select id from users where kind = 'customer' order by email limit 1),
      g as (
        select i, abs(hashtext('registration' || i)) as h1, abs(hashtext('status' || i)) as h2
        from generate_series(${first}::int, ${first + size - 1}::int) as i
      ),
      picked as (
        select g.*, acc.id as account_id, acc.seller_id,
          (array['spei','spei','spei','deposit','cheque'])[1 + g.h1 % 5]::payment_registration_method as method,
          case when g.h2 % 100 < 15 then 'in_review' else 'rejected' end::payment_registration_status as status,
          now() - make_interval(mins => (g.h2 % 525600)::int) as created
        from g join acc on acc.k = g.h1 % acc.total
      )
      insert into payment_registrations (id, seller_id, account_id, method, status, paid_on, amount, currency, bank,
        reference, reference_key, registered_by_id, rejection_reason, version, created_at, updated_at)
      select 'bench' || p.i, p.seller_id, p.account_id, p.method, p.status, p.created::date,
        ((p.h1 % 5000000) / 100.0 + 1)::numeric(18, 2), 'MXN', 'Banorte', 'BENCH-' || p.i, 'bench' || p.i,
        (select id from payer), case when p.status = 'rejected' then 'bench' end, 1, p.created, p.created
      from picked p`);
    console.log(`  registrations: ${first + size}/${target}`);
  }
  await db.execute(sql`analyze payment_registrations`);
  return target;
}

async function cookieFor(db: Db, email: string): Promise<string> {
  const [user] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${email}`);
  if (!user) throw new Error(`no user ${email}: seed the demo into this database first (npm start)`);
  const { token } = await createSession(db, { userId: user.id });
  return (await commitSessionToken(new Request("http://localhost/"), token)).split(";")[0];
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    headers: { Origin: BASE!, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cartera_session="));
  await response.arrayBuffer();
  if (!cookie) throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
  return cookie.split(";")[0];
}

async function get(url: string, cookie: string) {
  const response = await fetch(url, { headers: { Cookie: cookie } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
}

/** Runs the page's loaders once; with `capture`, the statements they sent and their parameters. */
async function runPage(query: string, cookie: string, capture?: { text: string; params: unknown[] }[]) {
  const request = new Request(`http://localhost/staff/payments${query}`, { headers: { Cookie: cookie } });
  const stop = capture ? onQuery((text, params) => capture.push({ text, params })) : () => {};
  try {
    const results = await Promise.all(LOADERS.map((loader) => loader({ request, params: {}, context: {} })));
    return results[2] as Awaited<ReturnType<typeof staffQueue.loader>>;
  } finally {
    stop();
  }
}

interface Scenario {
  name: string;
  email: string;
  query: string | ((next: string | null) => string);
}

const SCENARIOS: Scenario[] = [
  { name: "admin, in review (default)", email: "admin@cartera.demo", query: "" },
  { name: "admin, in review, page 2", email: "admin@cartera.demo", query: (next) => `?status=in_review&after=${next}` },
  { name: "collector, in review", email: "cobranza1@cartera.demo", query: "" },
  { name: "supervisor, in review", email: "supervisor@cartera.demo", query: "" },
  { name: "admin, rejected", email: "admin@cartera.demo", query: "?status=rejected" },
  { name: "admin, confirmed", email: "admin@cartera.demo", query: "?status=confirmed" },
];

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL (PostgreSQL) is required");
  const database = await getDatabase();
  const { db, pool } = database;
  if (!pool) throw new Error("PostgreSQL only");
  await db.execute(sql`delete from payment_registrations where id like 'bench%'`);
  await db.execute(sql`vacuum (analyze) payment_registrations`);
  const registrations = await growRegistrations(db, TARGET);
  const [mix] = await queryRows<{ in_review: number; rejected: number; confirmed: number }>(
    db,
    sql`select count(*) filter (where status = 'in_review')::int as in_review,
               count(*) filter (where status = 'rejected')::int as rejected,
               count(*) filter (where status = 'confirmed')::int as confirmed from payment_registrations`,
  );
  console.log(
    `\n${registrations} registrations (${mix.in_review} in review, ${mix.rejected} rejected, ${mix.confirmed} confirmed); load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}\n`,
  );

  /** The captured statements' planning + execution time (ms) under EXPLAIN ANALYZE, rolled back. */
  async function explainTime(statements: { text: string; params: unknown[] }[]) {
    const client = await pool!.connect();
    try {
      await client.query("begin");
      let total = 0;
      for (const s of statements) {
        const result = await client.query(`explain (analyze, format json) ${s.text}`, s.params);
        const plan = (result.rows[0]["QUERY PLAN"] as { "Planning Time": number; "Execution Time": number }[])[0];
        total += plan["Planning Time"] + plan["Execution Time"];
      }
      return total;
    } finally {
      await client.query("rollback");
      client.release();
    }
  }

  const results: Record<string, unknown>[] = [];
  const cookies = new Map<string, string>();
  const httpCookies = new Map<string, string>();
  const header = `${"scenario".padEnd(30)} ${"rows".padStart(4)} ${"stmts".padStart(5)} ${"page p50".padStart(9)} ${"sql p50".padStart(8)} ${"ratio".padStart(6)} ${"sql rt p50".padStart(10)} ${"ratio".padStart(6)}${BASE ? `${"html p50".padStart(10)}${"data p50".padStart(10)}` : ""}`;
  const lines: string[] = [];
  let firstNext: string | null = null;
  for (const s of SCENARIOS) {
    if (!cookies.has(s.email)) cookies.set(s.email, await cookieFor(db, s.email));
    const cookie = cookies.get(s.email)!;
    const query = typeof s.query === "string" ? s.query : s.query(firstNext);
    if (typeof s.query !== "string" && !firstNext) {
      console.log(`  ${s.name}: no second page, skipped`);
      continue;
    }
    const statements: { text: string; params: unknown[] }[] = [];
    const data = await runPage(query, cookie, statements);
    if (s === SCENARIOS[0]) firstNext = data.next;
    const page = await sample(() => runPage(query, cookie));
    const sqlTimes: number[] = [];
    for (let i = 0; i < WARMUP; i += 1) await explainTime(statements);
    for (let i = 0; i < RUNS; i += 1) sqlTimes.push(await explainTime(statements));
    sqlTimes.sort((a, b) => a - b);
    const sqlTime = { p50: percentile(sqlTimes, 50), p95: percentile(sqlTimes, 95) };
    // The same statements sent one after another through the pool, as the client sees them (round trips included).
    const roundTrip = await sample(async () => {
      for (const x of statements) await pool.query(x.text, x.params);
    });
    let http: { html: { p50: number; p95: number }; data: { p50: number; p95: number } } | null = null;
    if (BASE) {
      if (!httpCookies.has(s.email)) httpCookies.set(s.email, await signIn(s.email));
      const c = httpCookies.get(s.email)!;
      http = {
        html: await sample(() => get(`${BASE}/staff/payments${query}`, c)),
        data: await sample(() => get(`${BASE}/staff/payments.data${query}`, c)),
      };
    }
    const ratio = page.p50 / sqlTime.p50;
    results.push({
      scenario: s.name,
      query,
      rows: data.rows.length,
      statements: statements.map((x) => x.text.replace(/\s+/g, " ").slice(0, 200)),
      page,
      sql: sqlTime,
      roundTrip,
      ratio,
      ratioToRoundTrip: page.p50 / roundTrip.p50,
      http,
    });
    lines.push(
      `${s.name.padEnd(30)} ${String(data.rows.length).padStart(4)} ${String(statements.length).padStart(5)} ${`${page.p50.toFixed(2)} ms`.padStart(9)} ${`${sqlTime.p50.toFixed(2)} ms`.padStart(8)} ${`${ratio.toFixed(2)}×`.padStart(6)} ${`${roundTrip.p50.toFixed(2)} ms`.padStart(10)} ${`${(page.p50 / roundTrip.p50).toFixed(2)}×`.padStart(6)}${http ? `${`${http.html.p50.toFixed(1)} ms`.padStart(10)}${`${http.data.p50.toFixed(1)} ms`.padStart(10)}` : ""}`,
    );
  }
  console.log(header);
  for (const line of lines) console.log(line);
  const worst = Math.max(...results.map((r) => r.ratio as number));
  console.log(`\nworst page ÷ sql: ${worst.toFixed(2)}× (target ≤ 2×): ${worst <= 2 ? "met" : "NOT met"}`);
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-cash-application.json`);
  writeFileSync(file, JSON.stringify({ registrations, mix, runs: RUNS, load: loadavg(), results }, null, 2));
  console.log(file);
  await database.close();
}

await main();
