#!/usr/bin/env node
// `npm test`: every check, in order — typecheck, lint and format, vitest (unit + integration), the production build, Playwright
// (e2e against that build). Stops at the first failing step with its exit code. Runs on PGlite, or
// on PostgreSQL when DATABASE_URL is set (vitest clones databases from a template; e2e seeds the
// database DATABASE_URL names if it is empty).
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);

function describeDatabase(url) {
  if (!url) return "PGlite (embedded; throwaway databases per test file and for e2e)";
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}${u.password ? ":***" : ""}@` : "";
    return `PostgreSQL ${user}${u.host}${u.pathname} (DATABASE_URL)`;
  } catch {
    return "PostgreSQL (DATABASE_URL, unparseable: not shown)";
  }
}

// `databaseFree`: the step's outcome does not depend on the database. CI runs `npm test` on PGlite and
// then on PostgreSQL over the same tree; its second run sets TEST_SKIP_DATABASE_FREE_STEPS=1 so these
// run once (the build the first run made is the one the second run's e2e serves).
// vitest and Playwright also write JSON reports here, so the run closes with one count of every test
// ("tests: N passed, N failed, N skipped"), the plain line CI reads. With CARTERA_TEST_COUNTS_FILE set
// (.ci/run sets it) that count is appended there as JSON too, for the total over both databases.
const reports = mkdtempSync(path.join(os.tmpdir(), "cartera-test-reports-"));
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");

const steps = [
  { name: "typecheck (tsc --noEmit)", cmd: bin("tsc"), args: ["--noEmit"], databaseFree: true },
  { name: "lint (eslint)", cmd: bin("eslint"), args: ["."], databaseFree: true },
  { name: "format (prettier --check)", cmd: bin("prettier"), args: ["--check", "."], databaseFree: true },
  {
    name: "vitest (unit + integration)",
    cmd: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
  },
  { name: "build (remix vite:build)", cmd: bin("remix"), args: ["vite:build"], databaseFree: true },
  {
    name: "playwright (e2e)",
    cmd: bin("playwright"),
    args: ["test"],
    env: { CARTERA_PLAYWRIGHT_JSON: playwrightReport },
  },
];

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null; // the step did not run, or died before writing its report
  }
}

/** Counts of the tests that ran, from the reports the two runners wrote. */
function countTests() {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const vitest = readJson(vitestReport);
  if (vitest) {
    counts.passed += vitest.numPassedTests ?? 0;
    counts.failed += vitest.numFailedTests ?? 0;
    counts.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  }
  const playwright = readJson(playwrightReport)?.stats;
  if (playwright) {
    counts.passed += (playwright.expected ?? 0) + (playwright.flaky ?? 0);
    counts.failed += playwright.unexpected ?? 0;
    counts.skipped += playwright.skipped ?? 0;
  }
  return counts;
}

function closeWithCounts(status) {
  const counts = countTests();
  rmSync(reports, { recursive: true, force: true });
  if (process.env.CARTERA_TEST_COUNTS_FILE) {
    appendFileSync(process.env.CARTERA_TEST_COUNTS_FILE, `${JSON.stringify(counts)}\n`);
  }
  console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(status);
}
const skipDatabaseFree = process.env.TEST_SKIP_DATABASE_FREE_STEPS === "1";

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`\n▶ Database: ${describeDatabase(process.env.DATABASE_URL)}\n`);

const timings = [];
const started = Date.now();
for (const step of steps) {
  if (skipDatabaseFree && step.databaseFree) {
    console.log(`\n▷ ${step.name}: skipped (TEST_SKIP_DATABASE_FREE_STEPS=1; the first run passed it)\n`);
    continue;
  }
  console.log(`\n▶ ${step.name}\n`);
  const t0 = Date.now();
  // Extra arguments (`npm test -- -g home`) would be ambiguous across three tools: none are passed.
  const result = spawnSync(step.cmd, step.args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  timings.push(`${step.name}: ${seconds(Date.now() - t0)}`);
  if (result.status !== 0) {
    const why = result.error
      ? result.error.message
      : result.signal
        ? `signal ${result.signal}`
        : `exit ${result.status}`;
    console.error(`\n✖ ${step.name} failed (${why}).\n  ${timings.join("\n  ")}`);
    closeWithCounts(result.status || 1);
  }
}
console.log(
  `\n✔ All tests passed on ${describeDatabase(process.env.DATABASE_URL)} in ${seconds(Date.now() - started)}.\n  ${timings.join("\n  ")}`,
);
closeWithCounts(0);
