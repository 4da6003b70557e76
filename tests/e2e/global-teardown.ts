// Deletes the throwaway PGlite directory chosen in playwright.config.ts (PostgreSQL runs use the
// database named by DATABASE_URL, which the caller owns and drops).
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export default function globalTeardown() {
  const dir = process.env.CARTERA_E2E_PGLITE_DIR;
  // Only ever delete what the config created: a cartera-e2e-* directory in the temp dir.
  if (!dir || path.dirname(dir) !== os.tmpdir() || !path.basename(dir).startsWith("cartera-e2e-")) return;
  rmSync(dir, { recursive: true, force: true });
}
