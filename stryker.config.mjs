// Mutation testing of the ledger and statement rules: `npm run test:mutation` (not part of `npm test`
// or CI; it takes minutes). The report lands in reports/mutation/ (git-ignored).
// Each mutant reruns the test files that cover it, each on a fresh database: on PGlite that costs
// ~1.5 s per file (loading the migrated snapshot), on PostgreSQL ~0.1 s (a template clone), so run it
// against PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty db> npm run test:mutation
//
// Mutated: the TypeScript of app/domain/ledger and app/domain/statements; the PDF layout
// (statements/pdf/*.tsx, styles and markup) is left out. Stryker does not mutate SQL inside
// template strings: the SQL rules (aging boundaries, as-of dates, status filters, lock order) are
// pinned by tests/integration/*-boundaries.test.ts, each checked by hand against its mutation.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // Only the test files that exercise the mutated code.
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["app/domain/ledger/**/*.ts", "app/domain/statements/**/*.ts"],
  coverageAnalysis: "perTest",
  // Module-level code (constants, schemas built at import) runs before any test, so every test
  // covers it; skipping those mutants saves running the whole suite for each of them.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["build", "data", "reports", "test-results", "playwright-report", "bench/results", ".cache"],
};
