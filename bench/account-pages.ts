// Server time of the staff account pages (home, statement, invoice list) and the staff customer search
// for one large account, against the time of the same domain calls (the same SQL) run alone. Issue "Customer home, invoices and statements", item 6:
// target page ≤ 2× its SQL; and, after `npm run bench:scale-seed` grows the database, page time ≤ 1.5×
// what it was before.
//
//   DATABASE_URL=postgres://… BENCH_URL=http://127.0.0.1:3200 npm run bench:pages
//
// PostgreSQL only: the bench writes to the database the running server reads (topping the account up to
// BENCH_MIN_ROWS ledger rows) and then reads it from its own pool, and a PGlite data dir cannot be
// opened by two processes at once. Start the server on the same DATABASE_URL first, e.g.
//   DATABASE_URL=… SEED_INVOICES=20000 PORT=3200 node scripts/start.mjs
//
// Env: BENCH_URL (default http://127.0.0.1:3200), BENCH_ACCOUNT (account id or number; default the
// account with the most ledger rows), BENCH_MIN_ROWS (default 20000), BENCH_RUNS (default 30),
// BENCH_WARMUP (default 3), BENCH_EMAIL / BENCH_PASSWORD (default the demo admin), BENCH_LABEL (free text
// stored in the JSON). "Ledger rows" = documents of the account (invoices, notes, payments, adjustments).
//
// Per scenario, three timings over BENCH_RUNS sequential requests after warm-up, on loopback:
//   page — GET of the HTML document (all matched loaders + React SSR + transfer);
//   data — GET of `<path>.data` (single fetch: the same loaders, turbo-stream encoded, no HTML render);
//   sql  — the page's domain function (listDocuments / getStatement) called directly on the bench's own
//          pool with the same inputs: the SQL plus its row mapping, nothing of HTTP, auth or rendering.
// Results: a table on stdout and bench/results/<timestamp>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { PRODUCTS, TAX_RATE } from "#db/seed/catalog";
import { addDays, createRng } from "#db/seed/prng";
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { searchAccountsWithBalances } from "~/domain/accounts/search-accounts-with-balances.server";
import { listDocuments, type ListDocumentsInput } from "~/domain/documents/list-documents.server";
import type { StaffRole } from "~/domain/identity/permissions";
import { applyCredits } from "~/domain/ledger/apply-credits.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { DocumentInput } from "~/domain/ledger/schemas";
import { getStatement } from "~/domain/statements/get-statement.server";
import { type Db, openDatabase, queryRows } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { dec, toMoney } from "~/utils/money";

const BASE = (process.env.BENCH_URL ?? "http://127.0.0.1:3200").replace(/\/$/, "");
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const MIN_ROWS = Number(process.env.BENCH_MIN_ROWS ?? 20_000);
const EMAIL = process.env.BENCH_EMAIL ?? "admin@cartera.demo";
const PASSWORD = process.env.BENCH_PASSWORD ?? "demo-portal-2026";
const ACTOR = { userId: null, label: "bench:pages" };
const BATCH = 5_000;

interface Account {
  id: string;
  number: string;
  seller_id: string;
  country: "MX" | "CO";
  currency: "MXN" | "COP";
  time_zone: string;
  rows: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function sample(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; min: number; max: number }> {
  for (let i = 0; i < WARMUP; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), min: samples[0], max: samples.at(-1)! };
}

async function findAccount(db: Db, wanted = process.env.BENCH_ACCOUNT): Promise<Account> {
  const [account] = await queryRows<Account>(
    db,
    sql`
    select a.id, a.number, a.seller_id, s.country, a.currency, s.time_zone,
           (select count(*)::int from documents d where d.account_id = a.id) as rows
    from customer_accounts a join sellers s on s.id = a.seller_id
    ${wanted ? sql`where a.id = ${wanted} or a.number = ${wanted}` : sql``}
    order by rows desc, a.number limit 1`,
  );
  if (!account) throw new Error(wanted ? `no account ${wanted}` : "no accounts: seed the database first");
  return account;
}

/** Adds invoices (85% paid, up to five per payment) to the account through the ledger's batch functions. */
async function topUp(db: Db, account: Account): Promise<number> {
  const today = todayIn(account.time_zone);
  const rng = createRng(account.rows + 7);
  const [maxes] = await queryRows<{ invoice: number; payment: number }>(
    db,
    sql`
    select coalesce(max(folio::bigint) filter (where kind = 'invoice'), 0)::int as invoice,
           coalesce(max(folio::bigint) filter (where kind = 'payment'), 0)::int as payment
    from documents where seller_id = ${account.seller_id} and series = 'BENCHP'`,
  );
  const next = { invoice: maxes.invoice + 1, payment: maxes.payment + 1 };
  let rows = account.rows;
  while (rows < MIN_ROWS) {
    const started = performance.now();
    // ~1.17 ledger rows per invoice (0.85 paid, five per payment)
    const n = Math.min(BATCH, Math.max(1, Math.ceil((MIN_ROWS - rows) / 1.17)));
    const docs: (DocumentInput & { id: string; issueDate: string })[] = [];
    for (let i = 0; i < n; i += 1) {
      const product = rng.pick(PRODUCTS[account.country]);
      docs.push({
        id: crypto.randomUUID(),
        accountId: account.id,
        kind: "invoice",
        series: "BENCHP",
        folio: String(next.invoice++),
        issueDate: addDays(today, -rng.int(0, 3 * 365)),
        currency: account.currency,
        paymentMethod: account.country === "MX" ? "PPD" : null,
        paymentForm: account.country === "MX" ? "99" : null,
        lines: [
          {
            sku: product.sku,
            description: product.description,
            unit: product.unit,
            productCode: product.productCode,
            unitCode: product.unitCode,
            quantity: String(rng.int(1, 200)),
            unitPrice: toMoney(product.price),
            taxRate: TAX_RATE[account.country],
          },
        ],
      });
    }
    const issued = await issueDocuments(db, ACTOR, docs);
    const amountById = new Map(issued.map((d) => [d.id, d.amount]));
    const paid = docs.filter(() => rng.chance(0.85)).sort((a, b) => a.issueDate.localeCompare(b.issueDate));
    const payments: DocumentInput[] = [];
    const applications: { sourceId: string; targetId: string; amount: string; appliedOn: string }[] = [];
    for (let i = 0; i < paid.length; i += 5) {
      const group = paid.slice(i, i + 5);
      const paidOn = [addDays(group.at(-1)!.issueDate, rng.int(10, 60)), today].sort()[0];
      const id = crypto.randomUUID();
      payments.push({
        id,
        accountId: account.id,
        kind: "payment",
        series: "BENCHP",
        folio: String(next.payment++),
        issueDate: paidOn,
        currency: account.currency,
        amount: toMoney(group.reduce((s, d) => s.plus(amountById.get(d.id)!), dec(0))),
        paymentForm: "03",
        reference: `SPEI bench ${id.slice(0, 8)}`,
      });
      for (const d of group)
        applications.push({ sourceId: id, targetId: d.id, amount: amountById.get(d.id)!, appliedOn: paidOn });
    }
    for (let i = 0; i < payments.length; i += 2_000) await issueDocuments(db, ACTOR, payments.slice(i, i + 2_000));
    for (let i = 0; i < applications.length; i += 2_000)
      await applyCredits(db, ACTOR, applications.slice(i, i + 2_000));
    rows += n + payments.length;
    console.log(
      `  account ${account.number}: ${rows} ledger rows (+${n} invoices, +${payments.length} payments in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  await db.execute(sql`analyze documents`);
  await db.execute(sql`analyze applications`);
  return rows;
}

async function signIn(): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cartera_session="));
  await response.arrayBuffer();
  if (!cookie) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return cookie.split(";")[0];
}

async function get(url: string, cookie: string): Promise<number> {
  const response = await fetch(url, { headers: { Cookie: cookie } });
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return body.byteLength;
}

/** The cursor listDocuments hands out for a row under the default sort (issue_date desc): [sort, [issue_date], id]. */
function issueDateCursor(issueDate: string, id: string): string {
  return Buffer.from(JSON.stringify(["issue_date", [issueDate], id])).toString("base64url");
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL (PostgreSQL) is required: the bench shares the database with the running server");
  const database = await openDatabase({ url, poolSize: 4 });
  const db = database.db;

  let account = await findAccount(db);
  console.log(`Account ${account.number} (${account.id}): ${account.rows} ledger rows`);
  if (account.rows < MIN_ROWS) {
    console.log(`Topping up to ${MIN_ROWS} ledger rows through issueDocuments/applyCredits…`);
    await topUp(db, account);
    account = await findAccount(db, account.id);
  }

  const [size] = await queryRows<{
    invoices: number;
    documents: number;
    applications: number;
    db_bytes: string;
    account_invoices: number;
  }>(
    db,
    sql`
    select (select count(*)::int from documents where kind = 'invoice') as invoices,
           (select count(*)::int from documents) as documents,
           (select count(*)::int from applications) as applications,
           pg_database_size(current_database())::text as db_bytes,
           (select count(*)::int from documents where account_id = ${account.id} and kind = 'invoice') as account_invoices`,
  );
  console.log(
    `Database: ${size.invoices} invoices, ${size.documents} documents, ${size.applications} applications, ${(Number(size.db_bytes) / 2 ** 20).toFixed(0)} MiB; ` +
      `account ${account.number}: ${account.rows} ledger rows, ${size.account_invoices} invoices`,
  );

  const today = todayIn(account.time_zone);
  const month = { from: addDays(today, -30), to: today };
  const year = { from: addDays(today, -364), to: today };
  // A past month: its aging is at its end, three months ago, so every later application is undone.
  const pastMonth = { from: addDays(today, -120), to: addDays(today, -90) };
  const [staff] = await queryRows<{ id: string; staffRole: StaffRole }>(
    db,
    sql`select id, staff_role as "staffRole" from users where email = ${EMAIL}`,
  );
  // A deep page: continue after the row at the middle of the account's invoices under the default sort.
  const [deep] = await queryRows<{ issue_date: string; id: string }>(
    db,
    sql`
    select issue_date::text as issue_date, id from documents where account_id = ${account.id} and kind = 'invoice'
    order by issue_date desc, id desc offset ${Math.floor(size.account_invoices / 2)} limit 1`,
  );
  const deepCursor = issueDateCursor(deep.issue_date, deep.id);

  const base = `/staff/accounts/${account.id}`;
  const listInput = (extra: Partial<ListDocumentsInput>): ListDocumentsInput => ({
    accountIds: [account.id],
    tab: "invoices",
    asOf: today,
    ...extra,
  });
  const scenarios: { name: string; path: string; query: Record<string, string>; sql: () => Promise<unknown> }[] = [
    {
      name: "account home",
      path: base,
      query: {},
      sql: async () => {
        const overview = await getAccountOverview(db, { accountIds: [account.id] });
        return getAccountActivity(db, { accountIds: [account.id], asOf: overview.asOf! });
      },
    },
    {
      name: "staff search, all accounts",
      path: "/staff",
      query: {},
      sql: () => searchAccountsWithBalances(db, staff, { asOf: todayIn("America/Mexico_City") }),
    },
    {
      name: "statement 1 month",
      path: `${base}/statement`,
      query: month,
      sql: () => getStatement(db, { accountId: account.id, accountIds: [account.id], ...month }),
    },
    {
      name: "statement past month",
      path: `${base}/statement`,
      query: pastMonth,
      sql: () => getStatement(db, { accountId: account.id, accountIds: [account.id], ...pastMonth }),
    },
    {
      name: "statement 12 months",
      path: `${base}/statement`,
      query: year,
      sql: () => getStatement(db, { accountId: account.id, accountIds: [account.id], ...year }),
    },
    { name: "invoices default", path: `${base}/invoices`, query: {}, sql: () => listDocuments(db, listInput({})) },
    {
      name: "invoices status=overdue",
      path: `${base}/invoices`,
      query: { status: "overdue" },
      sql: () => listDocuments(db, listInput({ filters: { status: "overdue" } })),
    },
    {
      name: "invoices deep page (cursor)",
      path: `${base}/invoices`,
      query: { after: deepCursor },
      sql: () => listDocuments(db, listInput({ page: { after: deepCursor } })),
    },
  ];

  const only = process.env.BENCH_ONLY; // a substring of scenario names, e.g. "statement"
  const cookie = await signIn();
  const results = [];
  for (const s of scenarios.filter((x) => !only || x.name.includes(only))) {
    const qs = new URLSearchParams(s.query).toString();
    const pageUrl = `${BASE}${s.path}${qs ? `?${qs}` : ""}`;
    const dataUrl = `${BASE}${s.path}.data${qs ? `?${qs}` : ""}`;
    let pageBytes = 0;
    let dataBytes = 0;
    // A failing request (e.g. HTTP 500 when SSR passes the 5 s stream timeout) is recorded, not fatal.
    const errors: string[] = [];
    const attempt = async (fn: () => Promise<ReturnType<typeof sample> extends Promise<infer R> ? R : never>) => {
      try {
        return await fn();
      } catch (error) {
        errors.push(String(error instanceof Error ? error.message : error));
        return { p50: Number.NaN, p95: Number.NaN, min: Number.NaN, max: Number.NaN };
      }
    };
    const page = await attempt(() => sample(async () => (pageBytes = await get(pageUrl, cookie))));
    const data = await attempt(() => sample(async () => (dataBytes = await get(dataUrl, cookie))));
    const sqlTime = await sample(s.sql);
    const result = {
      scenario: s.name,
      url: `${s.path}${qs ? `?${qs}` : ""}`,
      page,
      data,
      sql: sqlTime,
      pageBytes,
      dataBytes,
      ratioPageSql: page.p50 / sqlTime.p50,
      ratioDataSql: data.p50 / sqlTime.p50,
      errors,
    };
    for (const e of errors) console.log(`  ${s.name}: ${e}`);
    results.push(result);
    console.log(
      `  ${s.name}: page p50 ${page.p50.toFixed(1)} ms, data p50 ${data.p50.toFixed(1)} ms, sql p50 ${sqlTime.p50.toFixed(1)} ms`,
    );
  }

  const ms = (v: number) => v.toFixed(1).padStart(8);
  console.log(
    `\n${RUNS} runs each after ${WARMUP} warm-up, ms; page = HTML document, data = <path>.data (loaders only), sql = domain call alone`,
  );
  console.log(
    `${"scenario".padEnd(28)} ${"page p50".padStart(8)} ${"page p95".padStart(8)} ${"data p50".padStart(8)} ${"data p95".padStart(8)} ${"sql p50".padStart(8)} ${"sql p95".padStart(8)} ${"page/sql".padStart(8)} ${"data/sql".padStart(8)} ${"html KB".padStart(8)}`,
  );
  for (const r of results) {
    console.log(
      `${r.scenario.padEnd(28)} ${ms(r.page.p50)} ${ms(r.page.p95)} ${ms(r.data.p50)} ${ms(r.data.p95)} ${ms(r.sql.p50)} ${ms(r.sql.p95)} ${r.ratioPageSql.toFixed(2).padStart(8)} ${r.ratioDataSql.toFixed(2).padStart(8)} ${(r.pageBytes / 1024).toFixed(0).padStart(8)}`,
    );
  }

  const out = {
    at: new Date().toISOString(),
    label: process.env.BENCH_LABEL ?? null,
    url: BASE,
    runs: RUNS,
    warmup: WARMUP,
    database: {
      invoices: size.invoices,
      documents: size.documents,
      applications: size.applications,
      bytes: Number(size.db_bytes),
    },
    account: { id: account.id, number: account.number, ledgerRows: account.rows, invoices: size.account_invoices },
    periods: { month, year, pastMonth },
    results,
  };
  const dir = path.resolve(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${out.at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
