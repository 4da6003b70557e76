// Time and peak memory of rendering a 1,000-line statement PDF. The statement is built in memory
// (same shape getStatement returns, running balance computed exactly with decimal.js) so the figure
// is the renderer's cost alone, not the database's. Run: npx tsx bench/statement-pdf.ts [lines]
import Decimal from "decimal.js";
import { renderStatementPdf } from "~/domain/statements/pdf/render-statement-pdf.server";
import type { Statement, StatementMovement } from "~/domain/statements/types";
import { AGING_BUCKETS } from "~/domain/ledger/get-account-balances.server";
import { toMoney } from "~/utils/money";

const lines = Number(process.argv[2] ?? 1000);

function buildStatement(count: number): Statement {
  let balance = new Decimal("125000.00");
  let charges = new Decimal(0);
  let credits = new Decimal(0);
  const movements: StatementMovement[] = [];
  for (let i = 0; i < count; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const isCharge = i % 3 !== 2;
    const amount = toMoney(new Decimal(1000 + ((i * 7919) % 90000)).dividedBy(7));
    balance = isCharge ? balance.plus(amount) : balance.minus(amount);
    if (isCharge) charges = charges.plus(amount);
    else credits = credits.plus(amount);
    movements.push({
      documentId: `doc${i}`,
      kind: isCharge ? "invoice" : "payment",
      effect: isCharge ? "charge" : "credit",
      seriesFolio: `${isCharge ? "A" : "P"}-${10000 + i}`,
      series: isCharge ? "A" : "P",
      folio: String(10000 + i),
      fiscalId: isCharge ? `5F2C9A1E-0B7D-4C3A-9E21-${String(i).padStart(12, "0")}` : null,
      issueDate: `2026-01-${day}`,
      dueDate: `2026-02-${day}`,
      description: isCharge ? `Pedido OC-${i}` : `SPEI ${900000 + i}`,
      charge: isCharge ? amount : null,
      credit: isCharge ? null : amount,
      balance: toMoney(balance),
      openAmount: isCharge ? amount : null,
      overdue: isCharge && i % 5 === 0,
    });
  }
  const zero = { amount: "0.00", count: 0 };
  return {
    seller: {
      id: "s",
      legalName: "Aceros del Norte SA de CV",
      taxId: "ANO010101AB1",
      country: "MX",
      timeZone: "America/Mexico_City",
    },
    customer: {
      accountId: "a",
      accountNumber: "C00042",
      legalName: "Ferretería La Económica SA de CV",
      taxId: "FEC990101XY2",
      currency: "MXN",
      paymentTermDays: 30,
      creditLimit: "500000.00",
    },
    period: { from: "2026-01-01", to: "2026-01-31" },
    sections: [
      {
        currency: "MXN",
        openingBalance: "125000.00",
        totalCharges: toMoney(charges),
        totalCredits: toMoney(credits),
        closingBalance: toMoney(balance),
        movements,
        aging: {
          asOf: "2026-01-31",
          buckets: Object.fromEntries(
            AGING_BUCKETS.map((b) => [b, zero]),
          ) as Statement["sections"][number]["aging"]["buckets"],
          openCharges: "0.00",
          unappliedCredits: "0.00",
          balance: "0.00",
          overdue: "0.00",
        },
      },
    ],
  };
}

async function main() {
  const statement = buildStatement(lines);
  // Warm-up render so module loading and font metrics are not counted.
  await renderStatementPdf(buildStatement(Number(process.env.WARM ?? 10)), { language: "es", locale: "es-MX" });
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const pdf = await renderStatementPdf(statement, { language: "es", locale: "es-MX" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  const end = process.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  if (process.env.PDF_OUT) (await import("node:fs")).writeFileSync(process.env.PDF_OUT, pdf);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const pages = (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type \/Page\b/g) ?? []
  ).length;
  console.log(`statement PDF: ${lines} movements, ${pages} pages, ${(pdf.byteLength / 1024).toFixed(0)} KiB`);
  // CPU time alongside wall time: on a shared machine the wall clock includes waiting for a core.
  console.log(
    `render time: ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (incl. GC threads)`,
  );
  console.log(`rss: before ${mb(base.rss)} MiB, peak ${mb(peakRss)} MiB (+${mb(peakRss - base.rss)})`);
  console.log(`heapUsed: before ${mb(base.heapUsed)} MiB, peak ${mb(peakHeap)} MiB (+${mb(peakHeap - base.heapUsed)})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
