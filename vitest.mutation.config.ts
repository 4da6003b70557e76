// The vitest run Stryker uses (`npm run test:mutation`): the main config, limited to the test files
// that exercise the mutated code (app/domain/ledger, app/domain/statements), so each mutant runs in seconds.
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Each mutant reruns the covering files; keeping modules loaded between files saves their import.
    isolate: false,
    include: [
      "tests/unit/**/*.test.ts",
      "tests/integration/{ledger,ledger-boundaries,ledger-writes,statements,statement-boundaries,statement-exports,home-figures,invoices}.test.ts?(x)",
    ],
  },
});
