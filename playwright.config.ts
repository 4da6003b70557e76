// End-to-end tests: the production build served by `node scripts/start.mjs` (which migrates and seeds
// a throwaway database first), driven through Debian's chromium. `npm test` builds before this runs.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// A real SMTP server the portal sends through; tests read what arrived over HTTP (tests/e2e/helpers.ts).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
const smtpHttpPort = Number(process.env.E2E_SMTP_HTTP_PORT ?? 2526);
process.env.E2E_SMTP_HTTP_PORT = String(smtpHttpPort);
// The fake Stripe API and checkout page (tests/e2e/fake-stripe-server.ts); card payments are on in the e2e portal.
const stripePort = Number(process.env.E2E_STRIPE_PORT ?? port + 500);
const stripeWebhookSecret = "whsec_e2e_cartera";
process.env.E2E_STRIPE_URL = `http://127.0.0.1:${stripePort}`;

// The config is evaluated by the runner and again by each worker: the throwaway PGlite directory is
// chosen once and handed on through the environment, so every process agrees on it and the global
// teardown can delete it.
if (!process.env.DATABASE_URL && !process.env.CARTERA_E2E_PGLITE_DIR) {
  process.env.CARTERA_E2E_PGLITE_DIR = path.join(
    os.tmpdir(),
    `cartera-e2e-${process.pid}-${randomBytes(4).toString("hex")}`,
  );
}

const databaseEnv: Record<string, string> = process.env.DATABASE_URL
  ? { DATABASE_URL: process.env.DATABASE_URL }
  : { PGLITE_DIR: process.env.CARTERA_E2E_PGLITE_DIR! };

export default defineConfig({
  testDir: "./tests/e2e",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
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
  webServer: [
    {
      command: "node --import tsx tests/e2e/smtp-sink.ts",
      url: `http://127.0.0.1:${smtpHttpPort}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { SMTP_PORT: String(smtpPort), HTTP_PORT: String(smtpHttpPort) },
    },
    {
      command: "node --import tsx tests/e2e/fake-stripe-server.ts",
      url: `http://127.0.0.1:${stripePort}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        FAKE_STRIPE_PORT: String(stripePort),
        WEBHOOK_URL: `${baseURL}/resources/stripe/webhook`,
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      },
    },
    {
      // start.mjs skips the build when build/ is newer than the sources (npm test builds first), runs
      // scripts/prepare-database.ts (migrate + seed an empty database), then serves with remix-serve.
      command: "node scripts/start.mjs",
      url: `${baseURL}/`,
      reuseExistingServer: false,
      // Seeding a fresh database runs before the server listens.
      timeout: 240_000,
      stdout: process.env.CI ? "pipe" : "ignore",
      stderr: "pipe",
      env: {
        ...databaseEnv,
        PORT: String(port),
        SEED_INVOICES: process.env.SEED_INVOICES ?? "3000",
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        NODE_ENV: "production",
        // Emailed links point where the tests browse (links never come from request headers).
        APP_URL: baseURL,
        STRIPE_SECRET_KEY: "sk_test_e2e_cartera",
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        STRIPE_API_URL: `http://127.0.0.1:${stripePort}`,
      },
    },
  ],
});
