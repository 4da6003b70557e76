// End-to-end tests: the production build served by `node scripts/start.mjs` (which migrates and seeds
// a throwaway database first), driven through Debian's chromium. `npm test` builds before this runs.
// The specs run in E2E_WORKERS workers (2 by default), each against its own portal, SMTP sink, fake
// Stripe and database (tests/e2e/slots.ts).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { buildIsStale } from "./scripts/build-freshness.mjs";
import {
  currentE2eSlot,
  e2eSlot,
  e2eSlotCount,
  slotDatabaseUrl,
  slotPgliteDir,
  sweeperClockFile,
} from "./tests/e2e/slots";

const slotCount = e2eSlotCount();
const stripeWebhookSecret = "whsec_e2e_cartera";
// In the runner this is slot 0; in a worker, the worker's own slot.
const { baseURL } = currentE2eSlot();

// The config is evaluated by the runner and again by each worker: the throwaway PGlite directory is
// chosen once and handed on through the environment, so every process agrees on it and the global
// teardown can delete it.
if (!process.env.DATABASE_URL && !process.env.CARTERA_E2E_PGLITE_DIR) {
  process.env.CARTERA_E2E_PGLITE_DIR = path.join(
    os.tmpdir(),
    `cartera-e2e-${process.pid}-${randomBytes(4).toString("hex")}`,
  );
}
process.env.CARTERA_E2E_SLOTS = String(slotCount);

// Several portals start at once: each would build a stale build by itself, over the same directory.
if (!process.env.TEST_WORKER_INDEX && buildIsStale(import.meta.dirname)) {
  const build = spawnSync(path.join(import.meta.dirname, "node_modules/.bin/remix"), ["vite:build"], {
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("the production build failed");
}

// A sweeper clock left moved by an interrupted run must not move the next run's servers.
if (!process.env.TEST_WORKER_INDEX)
  for (let i = 0; i < slotCount; i++) rmSync(sweeperClockFile(e2eSlot(i)), { force: true });

type WebServer = Extract<NonNullable<PlaywrightTestConfig["webServer"]>, unknown[]>[number];

function slotServers(index: number): WebServer[] {
  const slot = e2eSlot(index);
  const databaseUrl = process.env.DATABASE_URL ? slotDatabaseUrl(process.env.DATABASE_URL, index) : "";
  const databaseEnv: Record<string, string> = databaseUrl
    ? { DATABASE_URL: databaseUrl }
    : { PGLITE_DIR: slotPgliteDir(process.env.CARTERA_E2E_PGLITE_DIR!, index) };
  return [
    {
      command: "node --import tsx tests/e2e/smtp-sink.ts",
      url: `http://127.0.0.1:${slot.smtpHttpPort}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { SMTP_PORT: String(slot.smtpPort), HTTP_PORT: String(slot.smtpHttpPort) },
    },
    {
      // The fake Stripe API and checkout page (tests/e2e/fake-stripe-server.ts); card payments are on in the e2e portal.
      command: "node --import tsx tests/e2e/fake-stripe-server.ts",
      url: `http://127.0.0.1:${slot.stripePort}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        FAKE_STRIPE_PORT: String(slot.stripePort),
        WEBHOOK_URL: `${slot.baseURL}/resources/stripe/webhook`,
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      },
    },
    {
      // start.mjs runs scripts/prepare-database.ts (migrate + seed an empty database), then serves the
      // build. A PostgreSQL slot after the first gets its own fresh database first.
      command:
        databaseUrl && index > 0
          ? "node --import tsx tests/e2e/create-slot-database.ts && node scripts/start.mjs"
          : "node scripts/start.mjs",
      url: `${slot.baseURL}/`,
      reuseExistingServer: false,
      // Seeding a fresh database runs before the server listens.
      timeout: 240_000,
      stdout: process.env.CI ? "pipe" : "ignore",
      stderr: "pipe",
      env: {
        ...databaseEnv,
        PORT: String(slot.port),
        SEED_INVOICES: process.env.SEED_INVOICES ?? "3000",
        SMTP_URL: `smtp://127.0.0.1:${slot.smtpPort}`,
        NODE_ENV: "production",
        // Emailed links point where the tests browse (links never come from request headers).
        APP_URL: slot.baseURL,
        STRIPE_SECRET_KEY: "sk_test_e2e_cartera",
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        STRIPE_API_URL: `http://127.0.0.1:${slot.stripePort}`,
        // A spec may move this slot's sweeper clock (tests/e2e/claim-story.spec.ts); real time otherwise.
        SWEEPER_CLOCK_FILE: sweeperClockFile(slot),
      },
    },
  ];
}

export default defineConfig({
  testDir: "./tests/e2e",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: false,
  workers: slotCount,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ["list"],
    ...(process.env.CI ? [["html", { open: "never" }] as const] : []),
    // `npm test` reads the counts from this report for its closing line (scripts/test.mjs).
    ...(process.env.CARTERA_PLAYWRIGHT_JSON
      ? [["json", { outputFile: process.env.CARTERA_PLAYWRIGHT_JSON }] as const]
      : []),
  ],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "es-MX",
    timezoneId: "America/Mexico_City",
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: Array.from({ length: slotCount }, (_, i) => slotServers(i)).flat(),
});
