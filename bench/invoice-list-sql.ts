// SQL baseline of the customer invoice list: times listDocuments for the account with the most invoices
// over repeated runs (p50/p95), next to the raw SQL it sends (page query and count/totals query alone).
// Runs against DATABASE_URL (PostgreSQL) or, without it, the PGlite data dir (PGLITE_DIR or data/pglite).
//
//   DATABASE_URL=postgres://… npx tsx bench/invoice-list-sql.ts [--runs 30] [--explain] [--as-of 2026-03-15]
//
// --explain prints EXPLAIN (ANALYZE, BUFFERS) for each scenario's queries. The database must already hold
// data (the demo seed, or a generated one); the bench only reads.
import { performance } from "node:perf_hooks";
import { type SQL, sql } from "drizzle-orm";
import { listDocuments, type ListDocumentsInput } from "~/domain/documents/list-documents.server";
import {
  type Db,
  type DbOrTx,
  databaseOptionsFromEnv,
  migrateDatabase,
  openDatabase,
  queryRows,
} from "~/utils/db.server";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option("runs") ?? 30);
const explain = args.includes("--explain");

/** Records the SQL a domain function sends (also inside its transactions), and still runs it. */
function recordingDb<T extends DbOrTx>(db: T, recorded: SQL[]): T {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "execute") {
        return (query: SQL) => {
          recorded.push(query);
          return target.execute(query);
        };
      }
      if (prop === "transaction") {
        return (fn: (tx: DbOrTx) => Promise<unknown>) => target.transaction((tx) => fn(recordingDb(tx, recorded)));
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Runs one statement the way listDocuments does: in a transaction with JIT off. */
function executeWithoutJit(db: Db, query: SQL) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return tx.execute(query);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up: plan caches, buffers
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;

async function main() {
  const database = await openDatabase(databaseOptionsFromEnv());
  if (database.driver === "pglite") await migrateDatabase(database);
  const db = database.db;
  const [largest] = await queryRows<{ account_id: string; number: string; invoices: number; time_zone: string }>(
    db,
    sql`
    select d.account_id, ca.number, count(*)::int as invoices, s.time_zone
    from documents d join customer_accounts ca on ca.id = d.account_id join sellers s on s.id = ca.seller_id
    where d.kind = 'invoice' group by d.account_id, ca.number, s.time_zone order by count(*) desc limit 1`,
  );
  if (!largest) throw new Error("no invoices in this database: seed it first");
  const [{ total }] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from documents where kind = 'invoice'`,
  );
  const [{ today }] = await queryRows<{ today: string }>(
    db,
    sql`select (now() at time zone ${largest.time_zone})::date::text as today`,
  );
  const asOf = option("as-of") ?? today;
  // Sample identifiers from the account, so text searches hit real rows.
  const [sample] = await queryRows<{
    serie_folio: string;
    fiscal_id: string | null;
    po: string | null;
    remission: string | null;
  }>(
    db,
    sql`
    select d.series || '-' || d.folio as serie_folio, d.fiscal_id,
      (select purchase_order from documents where account_id = ${largest.account_id} and purchase_order is not null limit 1) as po,
      (select r.number from remissions r join documents x on x.id = r.invoice_id where x.account_id = ${largest.account_id} limit 1) as remission
    from documents d where d.account_id = ${largest.account_id} and d.kind = 'invoice' and d.fiscal_id is not null
    order by d.issue_date limit 1 offset 100`,
  );

  console.log(
    `driver ${database.driver}; ${total} invoices in the table; largest account ${largest.number} with ${largest.invoices}; asOf ${asOf}; ${runs} runs each`,
  );
  const base: ListDocumentsInput = { accountIds: [largest.account_id], tab: "invoices", asOf };
  const firstPage = await listDocuments(db, { ...base, page: { size: 25 } });
  let deepCursor = firstPage.nextCursor ?? undefined;
  for (let i = 0; i < 20 && deepCursor; i += 1)
    deepCursor = (await listDocuments(db, { ...base, page: { size: 25, after: deepCursor } })).nextCursor ?? undefined;

  const scenarios: [string, ListDocumentsInput][] = [
    ["default (issue date desc, 25)", base],
    ["default, withTotals: false", { ...base, withTotals: false }],
    ["page 22 by cursor", { ...base, page: { size: 25, after: deepCursor } }],
    ["status=open, due date asc", { ...base, filters: { status: "open" }, sort: { sort: "due_date", dir: "asc" } }],
    ["status=overdue", { ...base, filters: { status: "overdue" } }],
    ["status=due_soon", { ...base, filters: { status: "due_soon" } }],
    ["status=paid, 100 rows", { ...base, filters: { status: "paid" }, page: { size: 100 } }],
    ["issued last 90 days", { ...base, filters: { issuedFrom: shiftDate(asOf, -90) } }],
    [
      "amount 5000..6000, amount desc",
      { ...base, filters: { amountMin: "5000", amountMax: "6000" }, sort: { sort: "amount", dir: "desc" } },
    ],
    ["sort by folio asc", { ...base, sort: { sort: "folio", dir: "asc" } }],
    ["q serie-folio", { ...base, filters: { q: sample?.serie_folio ?? "A-1" } }],
    ["q UUID prefix (8)", { ...base, filters: { q: (sample?.fiscal_id ?? "0000").slice(0, 8).toLowerCase() } }],
    ["q purchase order", { ...base, filters: { q: sample?.po ?? "OC-1" } }],
    ["q remission", { ...base, filters: { q: sample?.remission ?? "R-1" } }],
  ];

  console.log(
    `${"scenario".padEnd(34)} ${"rows".padStart(5)} ${"total".padStart(7)}   listDocuments p50 / p95    page SQL p50 / p95     totals SQL p50 / p95`,
  );
  for (const [name, input] of scenarios) {
    const recorded: SQL[] = [];
    const result = await listDocuments(recordingDb(db, recorded), input);
    // listDocuments sends the page query then (unless withTotals is false) the totals query.
    const [pageSql, summarySql] = recorded.filter((q) => !JSON.stringify(q.queryChunks).includes("set local jit"));
    const whole = await time(() => listDocuments(db, input));
    const pageOnly = await time(() => executeWithoutJit(db, pageSql));
    const summaryOnly = summarySql ? await time(() => executeWithoutJit(db, summarySql)) : { p50: 0, p95: 0 };
    console.log(
      `${name.padEnd(34)} ${String(result.rows.length).padStart(5)} ${String(result.total ?? "-").padStart(7)}   ${ms(whole.p50)} / ${ms(whole.p95)}   ${ms(pageOnly.p50)} / ${ms(pageOnly.p95)}   ${ms(summaryOnly.p50)} / ${ms(summaryOnly.p95)}`,
    );
    if (explain) {
      for (const [label, query] of [
        ["page", pageSql],
        ["totals", summarySql],
      ] as const) {
        if (!query) continue;
        const plan = await db.transaction(async (tx) => {
          await tx.execute(sql`set local jit = off`);
          return queryRows<{ "QUERY PLAN": string }>(tx, sql`explain (analyze, buffers) ${query}`);
        });
        console.log(`\n--- ${name}: ${label} query\n${plan.map((p) => p["QUERY PLAN"]).join("\n")}\n`);
      }
    }
  }
  await database.close();
}

function shiftDate(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
