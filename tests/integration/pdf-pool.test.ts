// PDFs render in worker threads (app/domain/pdf/pdf-pool.server.ts): while a large statement renders,
// the request thread keeps answering; past the pool's cap, the PDF routes answer 503 with Retry-After
// (without spending the user's download budget), and answer again once the pool has room.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { configurePdfPool, pdfPoolStats } from "~/domain/pdf/pdf-pool.server";
import { renderStatementPdfDocument } from "~/domain/statements/pdf/render-statement-pdf-document";
import { renderStatementPdf } from "~/domain/statements/pdf/render-statement-pdf.server";
import * as portalDocumentPdf from "~/routes/portal+/documents.$documentId_.pdf";
import * as portalZip from "~/routes/portal+/documents.zip";
import * as portalStatement from "~/routes/portal+/statement";
import * as portalStatementFile from "~/routes/portal+/statement_.$format";
import { type Db } from "~/utils/db.server";
import { buildLargeStatement } from "../fixtures/large-statement";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer } from "../fixtures/users";
import { readPdfPages, readPdfText } from "../setup/read-documents";
import { routeTest } from "../setup/route-test";
import { callRoute, signInCookie } from "../setup/routes";

const OPTIONS = { language: "es", locale: "es-MX" } as const;
const PERIOD = "from=2026-10-01&to=2026-10-31";

let db: Db;
let cookie: string;
let invoiceId: string;

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  const org = await createMexicanSeller(db);
  const account = await createTestAccount(db, org);
  const payer = await createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);
  const [invoice] = await issueDocuments(db, SYSTEM_ACTOR, [
    {
      kind: "invoice",
      accountId: account.id,
      series: "A",
      folio: "9001",
      issueDate: "2026-10-05",
      currency: "MXN",
      amount: "1160.00",
      paymentMethod: "PPD",
      paymentForm: "99",
    },
  ]);
  invoiceId = invoice.id;
  cookie = await signInCookie(db, payer.id);
  // Start the worker (and load react-pdf in it) before anything is timed.
  await renderStatementPdf(buildLargeStatement(5), OPTIONS);
});

afterAll(async () => {
  await configurePdfPool();
});

/**
 * Starts `work` with the probes already running: times `select 1` every few milliseconds until it
 * settles, and the event loop's worst delay (work that blocks the thread shows there, however much
 * of it runs synchronously when it starts).
 */
async function probeWhile<T>(work: () => Promise<T>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let settled = false;
  const queries: number[] = [];
  const probing = (async () => {
    while (!settled) {
      const started = performance.now();
      await db.execute(sql`select 1`);
      queries.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  // Let the delay monitor take its first sample (it measures from one to the next) before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  const until = work();
  void until.finally(() => (settled = true));
  const result = await until;
  const workMs = performance.now() - started;
  await probing;
  delay.disable();
  return { result, workMs, queries, maxQueryMs: Math.max(...queries), maxLoopDelayMs: delay.max / 1e6 };
}

describe("PDF rendering off the request thread", () => {
  it("while a 3,000-line statement renders in the pool, database queries on the request thread answer at once", async () => {
    const statement = buildLargeStatement(3000);
    const probe = await probeWhile(() => renderStatementPdf(statement, OPTIONS));
    const renderMs = probe.workMs;
    const pages = await readPdfPages(probe.result);
    expect(pages.length).toBeGreaterThan(50);
    expect(pages[pages.length - 1]).toContain(`Página ${pages.length} de ${pages.length}`);
    console.log(
      `pool: render ${renderMs.toFixed(0)} ms; ${probe.queries.length} queries meanwhile, slowest ${probe.maxQueryMs.toFixed(0)} ms; event loop delay max ${probe.maxLoopDelayMs.toFixed(0)} ms`,
    );
    // Relative bounds, so that a shared, loaded machine (where any process waits for a core) does not
    // fail the test: on the request thread the worst stall is most of the render (the control below).
    const median = [...probe.queries].sort((a, b) => a - b)[Math.floor(probe.queries.length / 2)];
    expect(probe.queries.length).toBeGreaterThanOrEqual(10);
    expect(median).toBeLessThan(50);
    expect(probe.maxQueryMs).toBeLessThan(renderMs / 4);
    expect(probe.maxLoopDelayMs).toBeLessThan(renderMs / 4);
  });

  it("(control) a render on the request thread holds the event loop far longer than the same render in the pool", async () => {
    const statement = buildLargeStatement(1000);
    const inPool = await probeWhile(() => renderStatementPdf(statement, OPTIONS));
    const inThread = await probeWhile(() => renderStatementPdfDocument(statement, OPTIONS));
    console.log(
      `same statement: pool render ${inPool.workMs.toFixed(0)} ms, loop delay max ${inPool.maxLoopDelayMs.toFixed(0)} ms; ` +
        `in thread render ${inThread.workMs.toFixed(0)} ms, loop delay max ${inThread.maxLoopDelayMs.toFixed(0)} ms`,
    );
    // react-pdf yields now and then while it lays out, so the in-thread stall is a part of the render,
    // not all of it; compared with the pool a moment apart on the same machine, it is several times longer.
    expect(inThread.maxLoopDelayMs).toBeGreaterThan(inPool.maxLoopDelayMs * 2);
    expect(inThread.maxLoopDelayMs).toBeGreaterThan(50);
  });
});

describe("past the pool's cap", () => {
  it("the statement PDF, invoice PDF, ZIP and statement email answer 503 with Retry-After, and work again once there is room", async () => {
    await configurePdfPool({ threads: 1, maxQueue: 1 });
    // One render running, one waiting: the pool is full.
    const large = buildLargeStatement(1500);
    const filling = [renderStatementPdf(large, OPTIONS), renderStatementPdf(large, OPTIONS)];
    expect(pdfPoolStats().inFlight).toBe(2);

    const statementPdf = await callRoute(portalStatementFile.loader, {
      path: `/portal/statement/pdf?${PERIOD}`,
      params: { format: "pdf" },
      cookie,
    });
    expect(statementPdf.status).toBe(503);
    expect(Number(statementPdf.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(statementPdf.body).toMatch(/Inténtalo de nuevo en \d+ segundos?/);

    const invoicePdf = await callRoute(portalDocumentPdf.loader, {
      path: `/portal/documents/${invoiceId}/pdf`,
      params: { documentId: invoiceId },
      cookie,
    });
    expect(invoicePdf.status).toBe(503);
    expect(Number(invoicePdf.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);

    const zip = await callRoute(portalZip.action, { path: "/portal/documents/zip", cookie, form: { id: invoiceId } });
    expect(zip.status).toBe(503);
    expect(zip.headers.get("Retry-After")).toMatch(/^\d+$/);

    const email = await callRoute(portalStatement.action, {
      path: `/portal/statement?${PERIOD}`,
      cookie,
      form: { intent: "email" },
    });
    expect(email.status).toBe(503);
    expect(email.headers.get("Retry-After")).toMatch(/^\d+$/);
    // conform's reply: form-level errors under the "" key
    expect((email.body as { result: { error: Record<string, string[]> } }).result.error[""][0]).toMatch(
      /Inténtalo de nuevo/,
    );

    // The CSV does not need the pool.
    const csv = await callRoute(portalStatementFile.loader, {
      path: `/portal/statement/csv?${PERIOD}`,
      params: { format: "csv" },
      cookie,
    });
    expect(csv.status).toBe(200);

    await Promise.all(filling);
    expect(pdfPoolStats().inFlight).toBe(0);
    const again = await callRoute(portalStatementFile.loader, {
      path: `/portal/statement/pdf?${PERIOD}`,
      params: { format: "pdf" },
      cookie,
    });
    expect(again.status).toBe(200);
    expect(await readPdfText(new Uint8Array(await again.response!.arrayBuffer()))).toContain("Estado de cuenta");
    const invoiceAgain = await callRoute(portalDocumentPdf.loader, {
      path: `/portal/documents/${invoiceId}/pdf`,
      params: { documentId: invoiceId },
      cookie,
    });
    expect(invoiceAgain.status).toBe(200);
    expect(await readPdfText(new Uint8Array(await invoiceAgain.response!.arrayBuffer()))).toContain("A-9001");
  });
});
