// Load benchmark of the pages a customer opens most, against a portal someone already started:
//
//   BENCH_URL=http://localhost:3000 npm run bench:load
//
// Signs in as the demo payer (POST /login, BENCH_EMAIL / BENCH_PASSWORD to change) and measures, with
// autocannon:
//   1. saturation: BENCH_CONNECTIONS (50) connections for BENCH_DURATION (8) s each against
//      - a bare node:http server (in a worker thread of this process) answering the bytes of /login:
//        the ceiling of Node's HTTP stack and of this load generator on this machine,
//      - the same portal's GET /login: what Express + Remix cost without a session or the database,
//      - home (/portal), invoice list (/portal/invoices) and statement screen (/portal/statement);
//   2. paced: BENCH_RATE (100) requests/s offered in all (autocannon's overallRate) over the same
//      connections, for /login and the three pages: served (2xx) requests/s and latency;
//   3. home paced again while 10 statement PDFs (12 months) are requested at once, against a paced home
//      run just before it: home's p99 with and without the PDFs. Offered at BENCH_PDF_HOME_RATE, by
//      default half of what home served at saturation (at most BENCH_RATE): past its capacity home's
//      p99 is time spent queueing, whatever the PDFs do, and the comparison would say nothing.
// Prints a table and writes bench/results/<timestamp>-load.json (git-ignored).
//
// The load generator shares the machine with the server: on a small machine both compete for the
// cores, so the figures are this machine's, not the server's alone. The load average is recorded
// before each run. The statement PDFs spend the demo user's PDF budget (10 per minute): run the
// benchmark at most once a minute, or the PDFs answer 429.
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import autocannon from "autocannon";

const BASE = (process.env.BENCH_URL ?? "http://localhost:3000").replace(/\/$/, "");
const EMAIL = process.env.BENCH_EMAIL ?? "compras@ferreteria-lopez.mx";
const PASSWORD = process.env.BENCH_PASSWORD ?? "demo-portal-2026";
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const PDF_COUNT = 10;

interface RunSummary {
  name: string;
  url: string;
  mode: "saturation" | "paced";
  connections: number;
  offeredRate: number | null;
  durationSeconds: number;
  requests: number;
  served2xxPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  throughputMBps: number;
  loadAverageBefore: number[];
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function signIn(): Promise<string> {
  const origin = new URL(BASE).origin;
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD, redirectTo: "" }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (response.status !== 302 || cookies.length === 0)
    throw new Error(`sign-in as ${EMAIL} failed: ${response.status} ${await response.text()}`);
  return cookies.join("; ");
}

/** Fails early if a page does not answer 200 to the signed-in user (a redirect would measure /login). */
async function check(url: string, cookie?: string) {
  const response = await fetch(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  const body = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}, not 200`);
  return { body, contentType: response.headers.get("Content-Type") ?? "text/html" };
}

/** A bare node:http server in a worker thread (its own event loop) answering `body` to everything. */
async function startBareServer(body: Uint8Array, contentType: string): Promise<{ url: string; stop: () => void }> {
  const worker = new Worker(
    `const { createServer } = require("node:http");
     const { parentPort, workerData } = require("node:worker_threads");
     const body = Buffer.from(workerData.body);
     const server = createServer((req, res) => {
       res.writeHead(200, { "Content-Type": workerData.contentType, "Content-Length": body.length });
       res.end(body);
     });
     server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`,
    { eval: true, workerData: { body, contentType } },
  );
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => void worker.terminate() };
}

/**
 * Waits until the server has worked off what the last run left queued (autocannon stops sending at the
 * end of a run, the server keeps answering): GET /login answers within `fastMs` twice in a row.
 */
async function settle(fastMs: number) {
  const deadline = Date.now() + 60_000;
  let fast = 0;
  while (fast < 2 && Date.now() < deadline) {
    const started = performance.now();
    await fetch(`${BASE}/login`, { redirect: "manual" }).then((r) => r.arrayBuffer());
    fast = performance.now() - started <= fastMs ? fast + 1 : 0;
    if (fast < 2) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let settleMs = 100;

async function run(
  name: string,
  url: string,
  options: { cookie?: string; rate?: number; duration?: number; settled?: boolean } = {},
): Promise<RunSummary> {
  if (!options.settled) await settle(settleMs);
  const loadAverageBefore = loadavg().map((l) => round(l, 2));
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.duration ?? DURATION,
    headers: options.cookie ? { Cookie: options.cookie } : {},
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 30,
  });
  const summary: RunSummary = {
    name,
    url,
    mode: options.rate ? "paced" : "saturation",
    connections: CONNECTIONS,
    offeredRate: options.rate ?? null,
    durationSeconds: result.duration,
    requests: result.requests.total,
    served2xxPerSecond: round(result["2xx"] / result.duration),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: round(result.latency.mean),
    },
    throughputMBps: round(result.throughput.mean / 1024 / 1024, 2),
    loadAverageBefore,
  };
  console.log(
    `  ${name}: ${summary.served2xxPerSecond} req/s served, p99 ${summary.latencyMs.p99} ms` +
      (summary.non2xx || summary.errors ? ` (${summary.non2xx} non-2xx, ${summary.errors} errors)` : "") +
      ` [load ${loadAverageBefore.join(" ")}]`,
  );
  return summary;
}

/** A 12-month statement PDF URL ending today (UTC): the heaviest PDF a customer commonly asks for. */
function statementPdfUrl(): string {
  const today = new Date();
  const to = today.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  return `${BASE}/portal/statement/pdf?from=${from}&to=${to}`;
}

interface PdfOutcome {
  status: number;
  ms: number;
  bytes: number;
  retryAfter: string | null;
}

async function fetchPdf(url: string, cookie: string): Promise<PdfOutcome> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie } });
  const bytes = (await response.arrayBuffer()).byteLength;
  return {
    status: response.status,
    ms: round(performance.now() - started, 0),
    bytes,
    retryAfter: response.headers.get("Retry-After"),
  };
}

function printTable(rows: RunSummary[]) {
  const header = ["run", "mode", "offered", "served/s", "p50", "p90", "p99", "max", "non2xx", "err", "load"];
  const lines = rows.map((r) => [
    r.name,
    r.mode,
    r.offeredRate === null ? "-" : `${r.offeredRate}/s`,
    String(r.served2xxPerSecond),
    `${r.latencyMs.p50}`,
    `${r.latencyMs.p90}`,
    `${r.latencyMs.p99}`,
    `${r.latencyMs.max}`,
    String(r.non2xx),
    String(r.errors),
    r.loadAverageBefore[0].toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`\n${format(header)}   (latencies in ms; load = 1-min load average before the run)`);
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}

async function main() {
  console.log(`bench:load against ${BASE}: ${CONNECTIONS} connections, ${DURATION} s per run, paced at ${RATE} req/s`);
  const cookie = await signIn();
  const pages = [
    { name: "home", url: `${BASE}/portal` },
    { name: "invoices", url: `${BASE}/portal/invoices` },
    { name: "statement", url: `${BASE}/portal/statement` },
  ];
  const login = await check(`${BASE}/login`);
  // What "idle" looks like: the quickest of a few sequential GET /login, times 3 (at least 50 ms).
  const idle: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    await check(`${BASE}/login`);
    idle.push(performance.now() - started);
  }
  settleMs = Math.max(50, 3 * Math.min(...idle));
  for (const page of pages) await check(page.url, cookie);
  const bare = await startBareServer(login.body, login.contentType);

  const runs: RunSummary[] = [];
  try {
    console.log(`\nSaturation (${CONNECTIONS} connections):`);
    runs.push(await run("bare node:http (/login bytes)", bare.url));
    runs.push(await run("GET /login", `${BASE}/login`));
    for (const page of pages) runs.push(await run(page.name, page.url, { cookie }));

    console.log(`\nPaced (${RATE} req/s offered):`);
    runs.push(await run("GET /login", `${BASE}/login`, { rate: RATE }));
    for (const page of pages) runs.push(await run(page.name, page.url, { cookie, rate: RATE }));
  } finally {
    bare.stop();
  }

  const homeSaturated = runs.find((r) => r.name === "home" && r.mode === "saturation")!.served2xxPerSecond;
  const homeRate = Number(
    process.env.BENCH_PDF_HOME_RATE ?? Math.min(RATE, Math.max(1, Math.floor(homeSaturated / 2))),
  );
  console.log(`\nHome while ${PDF_COUNT} statement PDFs render (${homeRate} req/s offered):`);
  const pdfUrl = statementPdfUrl();
  const homeBefore = await run("home (paced, baseline)", pages[0].url, { cookie, rate: homeRate });
  // The PDFs start one second into the home run, all at once.
  await settle(settleMs);
  const homeRun = run(`home (paced) + ${PDF_COUNT} PDFs`, pages[0].url, { cookie, rate: homeRate, settled: true });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const pdfStarted = performance.now();
  const pdfs = await Promise.all(Array.from({ length: PDF_COUNT }, () => fetchPdf(pdfUrl, cookie)));
  const pdfWallMs = round(performance.now() - pdfStarted, 0);
  const homeDuring = await homeRun;
  runs.push(homeBefore, homeDuring);
  const statuses = pdfs.reduce<Record<string, number>>(
    (acc, p) => ({ ...acc, [p.status]: (acc[p.status] ?? 0) + 1 }),
    {},
  );
  const ok = pdfs.filter((p) => p.status === 200);
  const p99Ratio = homeBefore.latencyMs.p99 > 0 ? round(homeDuring.latencyMs.p99 / homeBefore.latencyMs.p99, 2) : null;

  printTable(runs);
  console.log(
    `\n${PDF_COUNT} statement PDFs (${pdfUrl.split("?")[1]}): statuses ${JSON.stringify(statuses)}, all done in ${pdfWallMs} ms` +
      (ok.length
        ? `; 200s took ${Math.min(...ok.map((p) => p.ms))}-${Math.max(...ok.map((p) => p.ms))} ms, ${Math.round(ok[0].bytes / 1024)} KiB each`
        : "") +
      (pdfs.some((p) => p.status === 429)
        ? " (429: the user's PDF budget of 10 a minute was spent; wait a minute)"
        : ""),
  );
  console.log(
    `home p99 ${homeBefore.latencyMs.p99} ms without PDFs → ${homeDuring.latencyMs.p99} ms while they rendered (×${p99Ratio})`,
  );

  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-load.json`);
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        url: BASE,
        user: EMAIL,
        node: process.version,
        settings: { connections: CONNECTIONS, durationSeconds: DURATION, pacedRate: RATE },
        runs,
        pdfsWhileHome: {
          url: pdfUrl,
          homeRate,
          count: PDF_COUNT,
          wallMs: pdfWallMs,
          statuses,
          outcomes: pdfs,
          homeP99Ratio: p99Ratio,
        },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
