// The e2e suite runs in E2E_WORKERS parallel workers (2 by default). Each worker slot talks to its own
// portal, SMTP sink and fake Stripe, over its own database, so the specs of one worker never see the
// other's writes (the demo seed is the same in both). Slot i's ports are the base ports plus 20 × i.
// The config starts every slot's servers (in the runner) and points each worker at its own slot
// through Playwright's TEST_PARALLEL_INDEX (stable per worker slot, reused by a retried worker).

import os from "node:os";
import path from "node:path";
import { databaseName, withDatabaseName } from "../setup/database-url";

const BASE = {
  port: Number(process.env.E2E_PORT ?? 3100),
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 2525),
  smtpHttpPort: Number(process.env.E2E_SMTP_HTTP_PORT ?? 2526),
};
const STRIPE_BASE = Number(process.env.E2E_STRIPE_PORT ?? BASE.port + 500);
const SLOT_STRIDE = 20;

export interface E2eSlot {
  index: number;
  port: number;
  baseURL: string;
  smtpPort: number;
  smtpHttpPort: number;
  stripePort: number;
}

export function e2eSlotCount(): number {
  const n = Number(process.env.E2E_WORKERS ?? 2);
  return Number.isInteger(n) && n >= 1 && n <= 8 ? n : 2;
}

export function e2eSlot(index: number): E2eSlot {
  const shift = SLOT_STRIDE * index;
  const port = BASE.port + shift;
  return {
    index,
    port,
    baseURL: `http://127.0.0.1:${port}`,
    smtpPort: BASE.smtpPort + shift,
    smtpHttpPort: BASE.smtpHttpPort + shift,
    stripePort: STRIPE_BASE + shift,
  };
}

/**
 * Slot i's sweeper clock file (SWEEPER_CLOCK_FILE, app/jobs/sweeper-clock.server.ts): while it holds an
 * ISO instant, that slot's server sweeps its scheduled tasks as of that instant.
 */
export function sweeperClockFile(slot: Pick<E2eSlot, "port">): string {
  return path.join(os.tmpdir(), `cartera-e2e-sweeper-clock-${slot.port}`);
}

/** The slot of the worker this code runs in (slot 0 in the runner). */
export function currentE2eSlot(): E2eSlot {
  return e2eSlot(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
}

/** Slot i's database: PostgreSQL `<name>_e2e<i>` next to DATABASE_URL's (slot 0 uses DATABASE_URL itself). */
export function slotDatabaseUrl(url: string, index: number): string {
  return index === 0 ? url : withDatabaseName(url, `${databaseName(url)}_e2e${index}`);
}

/** Slot i's PGlite directory, beside the one the config chose. */
export function slotPgliteDir(dir: string, index: number): string {
  return index === 0 ? dir : `${dir}-${index}`;
}
