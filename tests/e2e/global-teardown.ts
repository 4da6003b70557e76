// Deletes what the config created for each e2e slot (slots.ts): the throwaway PGlite directories, or
// on PostgreSQL the databases of slots after the first (DATABASE_URL's own database is the caller's,
// which it drops).
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { slotDatabaseUrl, slotPgliteDir } from "./slots";

export default async function globalTeardown() {
  const slots = Number(process.env.CARTERA_E2E_SLOTS ?? 1);
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new URL(url);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      for (let i = 1; i < slots; i++) {
        const name = decodeURIComponent(new URL(slotDatabaseUrl(url, i)).pathname.slice(1));
        await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      }
    } finally {
      await client.end();
    }
    return;
  }
  const dir = process.env.CARTERA_E2E_PGLITE_DIR;
  // Only ever delete what the config created: cartera-e2e-* directories in the temp dir.
  if (!dir || path.dirname(dir) !== os.tmpdir() || !path.basename(dir).startsWith("cartera-e2e-")) return;
  for (let i = 0; i < slots; i++) rmSync(slotPgliteDir(dir, i), { recursive: true, force: true });
}
