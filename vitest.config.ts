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
    include: ["tests/{unit,integration}/**/*.test.ts?(x)"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-file.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
