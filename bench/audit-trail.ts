// Times the audit trail's queries on a large audit_events table: the first page of each filter, a page
// deep in the trail (the cursor of page 1,000), the export's row-cap count, and the CSV and XLSX exports
// of 100,000 events. Grows the table first
// with synthetic events spread over three years, the seeded accounts and users, and several actions.
//
//   DATABASE_URL=postgres://… npx tsx bench/audit-trail.ts
//
// The database must be migrated and seeded (`npm start` once, or scripts/prepare-database.ts).
// Env: BENCH_AUDIT_ROWS (rows the table grows to, default 2,000,000), BENCH_RUNS (default 20).
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { streamAuditEventsCsv } from "~/domain/audit/export-audit-events-csv.server";
import { streamAuditEventsXlsx } from "~/domain/audit/export-audit-events-xlsx.server";
import { countAuditEvents, listAuditEvents } from "~/domain/audit/list-audit-events.server";
import { AUDIT_EXPORT_MAX_ROWS, type AuditTrailFilters } from "~/domain/audit/schemas";
import { databaseOptionsFromEnv, migrateDatabase, openDatabase, queryRows } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";

const TARGET = Number(process.env.BENCH_AUDIT_ROWS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const BATCH = 200_000;

async function main() {
  const database = await openDatabase(databaseOptionsFromEnv());
  await migrateDatabase(database);
  const { db } = database;
  const [{ n: existing }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_events`);
  const [sample] = await queryRows<{ account_id: string; number: string; user_id: string; email: string }>(
    db,
    sql`select (select id from customer_accounts order by number limit 1) as account_id,
               (select number from customer_accounts order by number limit 1) as number,
               (select id from users order by email limit 1) as user_id,
               (select email from users order by email limit 1) as email`,
  );
  if (!sample?.account_id || !sample.user_id) throw new Error("seed the database first (accounts and users)");

  const started = performance.now();
  for (let from = Number(existing); from < TARGET; from += BATCH) {
    const to = Math.min(from + BATCH, TARGET);
    // Events over the last three years; 60% about an account, 20% sign-ins, 10% role changes, 10% failed
    // sign-ins of unknown addresses (no user: found by label).
    await db.execute(sql`
      with a as (select array_agg(id order by id) as ids from customer_accounts),
           u as (select array_agg(id order by id) as ids from users)
      insert into audit_events (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, account_id, before, after)
      select 'bench' || lpad(n::text, 12, '0'),
        now() - (random() * interval '1095 days'),
        case when n % 10 = 9 then null else u.ids[1 + (n / 10) % cardinality(u.ids)] end,
        case when n % 10 = 9 then 'bench' || ((n / 10) % 5000) || '@example.test' else 'bench' end,
        case when n % 10 < 6 then 'statement.emailed' when n % 10 < 8 then 'auth.signed_in'
             when n % 10 = 8 then 'grant.role_changed' else 'auth.sign_in_failed' end,
        case when n % 10 < 6 then 'customer_account' when n % 10 = 8 then 'account_grant' else 'user' end,
        case when n % 10 < 6 then a.ids[1 + (n / 10) % cardinality(a.ids)] else 'bench-entity-' || ((n / 10) % 100000) end,
        case when n % 10 < 6 or n % 10 = 8 then a.ids[1 + (n / 10) % cardinality(a.ids)] end,
        case when n % 10 = 8 then '{"role":"viewer"}'::jsonb end,
        case when n % 10 < 6 then '{"to":"x@example.test","period":{"from":"2026-01-01","to":"2026-01-31"}}'::jsonb
             when n % 10 = 8 then '{"role":"payer"}'::jsonb
             when n % 10 = 9 then '{"reason":"unknown_user"}'::jsonb end
      from generate_series(${from + 1}::bigint, ${to}::bigint) as n, a, u`);
    console.log(`audit_events: ${to} rows (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  // As autovacuum would after a while: statistics, and the visibility map that index-only scans need.
  if (database.driver === "postgres") await db.execute(sql`vacuum analyze audit_events`);

  const cases: [string, AuditTrailFilters][] = [
    ["no filter", {}],
    [`account ${sample.number}`, { account: sample.number }],
    ["action grant.role_changed", { action: "grant.role_changed" }],
    ["entity (one of 100,000)", { entityType: "user", entityId: "bench-entity-4242" }],
    [`actor ${sample.email}`, { actor: sample.email }],
    ["actor label (no user)", { actor: "bench4249@example.test" }],
    ["one day", { from: "2025-06-02", to: "2025-06-02" }],
    [
      `account + action + month`,
      { account: sample.number, action: "statement.emailed", from: "2025-06-01", to: "2025-06-30" },
    ],
  ];
  const time = async (run: () => Promise<unknown>) => {
    await run();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t = performance.now();
      await run();
      ms.push(performance.now() - t);
    }
    ms.sort((x, y) => x - y);
    return `median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, p95 ${ms[Math.floor(ms.length * 0.95)].toFixed(1)} ms`;
  };
  console.log(`\n${TARGET.toLocaleString("en-US")} audit events, ${RUNS} runs each:`);
  for (const [name, filters] of cases) {
    const first = await time(() => listAuditEvents(db, { filters }));
    // The cursor after 1,000 pages of 50, reached once in big steps.
    let after: string | undefined;
    for (let i = 0; i < 10; i += 1) {
      const p = await listAuditEvents(db, { filters, size: 5_000, page: { after } });
      if (!p.nextCursor) break;
      after = p.nextCursor;
    }
    const deep = after ? await time(() => listAuditEvents(db, { filters, page: { after } })) : "(fewer rows)";
    const cap = await time(() => countAuditEvents(db, filters, AUDIT_EXPORT_MAX_ROWS + 1));
    console.log(`  ${name.padEnd(36)} page 1: ${first} | page ~1,000: ${deep} | export cap count: ${cap}`);
  }
  // The two exports at the cap (the newest 100,000 events), read as fast as the stream gives them.
  for (const [name, stream] of [
    ["CSV", streamAuditEventsCsv],
    ["XLSX", streamAuditEventsXlsx],
  ] as const) {
    const t0 = performance.now();
    let bytes = 0;
    const reader = stream(db, { filters: {}, t: getFixedT("es") }).getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `  export ${name} of ${AUDIT_EXPORT_MAX_ROWS.toLocaleString("en-US")} events: ${seconds.toFixed(1)} s, ${(bytes / 1e6).toFixed(1)} MB`,
    );
  }
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
