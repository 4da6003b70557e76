import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(__dirname, "app"),
      "#db": path.resolve(__dirname, "db"),
      "#emails": path.resolve(__dirname, "emails"),
    },
  },
  esbuild: { jsx: "automatic" },
  test: {
    pool: "forks",
    // Vitest's default leaves a core idle (CPUs - 1: one worker on a 2-core CI machine); test files
    // each have their own database, so they can use every core.
    maxWorkers: os.availableParallelism(),
    include: ["tests/{unit,integration}/**/*.test.ts?(x)"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-file.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
