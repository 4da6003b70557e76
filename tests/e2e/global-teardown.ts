// Deletes what the config created for each e2e slot (slots.ts): the throwaway PGlite directories, or
// on PostgreSQL the databases of slots after the first (DATABASE_URL's own database is the caller's,
// which it drops).
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { databaseName, withDatabaseName } from "../setup/database-url";
import { slotDatabaseUrl, slotPgliteDir } from "./slots";

export default async function globalTeardown() {
  const slots = Number(process.env.CARTERA_E2E_SLOTS ?? 1);
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
    await client.connect();
    try {
      for (let i = 1; i < slots; i++) {
        const name = client.escapeIdentifier(databaseName(slotDatabaseUrl(url, i)));
        await client.query(`drop database if exists ${name} with (force)`);
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
