// PDFs are rendered in a small pool of worker threads (piscina), never on the thread that answers
// requests: react-pdf is synchronous CPU work, and a large statement on the main thread stalled
// every other request for seconds. The caller loads the data (database work stays here), the worker
// gets that plain data and gives back the bytes (the ArrayBuffer is transferred, not copied).
//
// Capacity is capped: `threads` renders at a time (one core is left for the request thread) and at
// most `maxQueue` waiting. Past that, renderPdf throws PdfRendererBusyError and the route answers 503
// with Retry-After (see app/pages/statement.server.ts and document-detail.server.ts); a ZIP, whose
// entries are rendered one at a time while it streams, is admitted once and its entries then wait.
//
// Which file the worker loads: the production build emits build/server/pdf-worker.mjs next to the
// server bundle (vite.config.ts); when this module runs from its TypeScript source (vitest, tsx
// scripts, remix vite:dev) the worker is pdf-worker.dev.mjs, which loads the TypeScript through tsx.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import type { PdfTask } from "./render-task";

export interface PdfPoolConfig {
  /** Renders at a time: one worker thread each. */
  threads: number;
  /** Renders that may wait for a thread; more are refused. */
  maxQueue: number;
  /** Heap limit of a worker thread: a runaway render fails alone instead of exhausting the process. */
  maxHeapMb: number;
}

export const DEFAULT_PDF_POOL_CONFIG: PdfPoolConfig = {
  threads: Math.max(1, availableParallelism() - 1),
  maxQueue: 10,
  maxHeapMb: 1024,
};

/** "refuse": past the cap, throw PdfRendererBusyError (a request). "queue": wait regardless (a ZIP entry). */
export type PdfAdmission = "refuse" | "queue";

export class PdfRendererBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`PDF renderer busy: try again in ${retryAfterSeconds} s`);
    this.name = "PdfRendererBusyError";
  }
}

let config: PdfPoolConfig = DEFAULT_PDF_POOL_CONFIG;
let pool: Piscina<PdfTask, Uint8Array> | null = null;
/** Tasks handed to the pool and not settled yet: running plus queued. */
let inFlight = 0;
/** What a render is assumed to take before the pool has timed any. */
const FIRST_GUESS_RENDER_MS = 500;

function workerFile(): { filename: string; execArgv?: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (/\.tsx?$/.test(here)) {
    // From sources: a fresh worker (no inherited loader flags) that registers tsx itself.
    return { filename: pathToFileURL(path.join(path.dirname(here), "pdf-worker.dev.mjs")).href, execArgv: [] };
  }
  // The build emits the worker at build/server/pdf-worker.mjs; this module is in index.js beside it, or
  // in a chunk under build/server/assets/ when the bundler splits the server code.
  const dir = path.dirname(here);
  const built = [path.join(dir, "pdf-worker.mjs"), path.join(dir, "..", "pdf-worker.mjs")].find((f) => existsSync(f));
  if (!built) throw new Error(`The PDF worker ${dir}/pdf-worker.mjs is missing: build the portal (npm run build).`);
  return { filename: pathToFileURL(built).href };
}

function getPool(): Piscina<PdfTask, Uint8Array> {
  if (!pool) {
    const { filename, execArgv } = workerFile();
    pool = new Piscina<PdfTask, Uint8Array>({
      filename,
      execArgv,
      minThreads: config.threads,
      maxThreads: config.threads,
      // Idle workers are unref'd by piscina: they do not keep the process alive.
      idleTimeout: 5 * 60_000,
      concurrentTasksPerWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: config.maxHeapMb },
    });
  }
  return pool;
}

// A production server starts its workers with the server, not on the first PDF request.
if (process.env.NODE_ENV === "production") getPool();

/** Whether a new request's render would be refused now (check before loading its data). */
export function isPdfRendererBusy(): boolean {
  return inFlight >= config.threads + config.maxQueue;
}

/** Mean time a worker spent on a render so far (piscina times each task). */
function averageRenderMs(): number {
  const mean = pool && pool.completed > 0 ? pool.histogram.runTime.mean : NaN;
  return Number.isFinite(mean) && mean > 0 ? mean : FIRST_GUESS_RENDER_MS;
}

/** Seconds until a refused request is worth retrying: the time to work through what is in flight. */
export function pdfRetryAfterSeconds(): number {
  const rounds = Math.ceil((inFlight + 1) / config.threads);
  return Math.min(60, Math.max(1, Math.ceil((rounds * averageRenderMs()) / 1000)));
}

export function pdfPoolStats() {
  return { inFlight, threads: config.threads, maxQueue: config.maxQueue, averageRenderMs: averageRenderMs() };
}

export async function renderPdf(task: PdfTask, admission: PdfAdmission = "refuse"): Promise<Uint8Array> {
  if (admission === "refuse" && isPdfRendererBusy()) throw new PdfRendererBusyError(pdfRetryAfterSeconds());
  inFlight += 1;
  try {
    return await getPool().run(task);
  } finally {
    inFlight -= 1;
  }
}

/**
 * Replaces the pool's configuration (tests, benchmarks). Renders in flight finish on the old pool.
 * Pass nothing to restore the defaults.
 */
export async function configurePdfPool(overrides: Partial<PdfPoolConfig> = {}): Promise<void> {
  const previous = pool;
  config = { ...DEFAULT_PDF_POOL_CONFIG, ...overrides };
  pool = null;
  await previous?.close();
}

/** Stops the worker threads (after the renders in flight); the next render starts a new pool. */
export async function closePdfPool(): Promise<void> {
  const previous = pool;
  pool = null;
  await previous?.close();
}
