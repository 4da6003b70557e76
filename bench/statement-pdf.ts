// Time and peak memory of rendering a statement PDF of N lines. The statement is built in memory
// (same shape getStatement returns, running balance computed exactly with decimal.js) so the figure
// is the renderer's cost alone, not the database's.
//
//   npx tsx bench/statement-pdf.ts [lines…]          in this thread (default 1000; e.g. 100 1000 5000)
//   npx tsx bench/statement-pdf.ts --pool [lines…]   through the worker pool, as the portal renders
//
// PDF_OUT=file.pdf writes the last PDF. The machine's load average is printed with the figures: on a
// shared machine the wall clock includes waiting for a core, so CPU time is reported as well.
import { loadavg } from "node:os";
import { closePdfPool, renderPdf } from "~/domain/pdf/pdf-pool.server";
import { renderStatementPdfDocument } from "~/domain/statements/pdf/render-statement-pdf-document";
import type { Statement } from "~/domain/statements/types";
import { buildLargeStatement } from "../tests/fixtures/large-statement";

const args = process.argv.slice(2);
const viaPool = args.includes("--pool");
const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
if (sizes.length === 0) sizes.push(1000);
const options = { language: "es", locale: "es-MX" } as const;

const render = (statement: Statement) =>
  viaPool ? renderPdf({ kind: "statement", statement, options }) : renderStatementPdfDocument(statement, options);

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function measure(lines: number) {
  const statement = buildLargeStatement(lines);
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const loadBefore = load();
  // Process CPU time: includes the worker thread's when rendering through the pool.
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const pdf = await render(statement);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  const end = process.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  if (process.env.PDF_OUT) (await import("node:fs")).writeFileSync(process.env.PDF_OUT, pdf);
  const pages = (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type \/Page\b/g) ?? []
  ).length;
  console.log(
    `statement PDF (${viaPool ? "worker pool" : "this thread"}): ${lines} movements, ${pages} pages, ${(pdf.byteLength / 1024).toFixed(0)} KiB`,
  );
  console.log(
    `  render time: ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (incl. GC threads)`,
  );
  console.log(`  rss: before ${mb(base.rss)} MiB, peak ${mb(peakRss)} MiB (+${mb(peakRss - base.rss)})`);
  console.log(
    `  heapUsed (this thread): before ${mb(base.heapUsed)} MiB, peak ${mb(peakHeap)} MiB (+${mb(peakHeap - base.heapUsed)})`,
  );
  console.log(`  load average before: ${loadBefore}, after: ${load()}`);
}

async function main() {
  // Warm-up render so module loading, worker start-up and font metrics are not counted.
  await render(buildLargeStatement(Number(process.env.WARM ?? 10)));
  for (const lines of sizes) await measure(lines);
  await closePdfPool();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
