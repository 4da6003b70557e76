// A fresh, migrated database for one test file: PGlite restored from the migrated snapshot, or a
// PostgreSQL database cloned from the migrated template (dropped on close).
import { readFileSync } from "node:fs";
import { createId } from "@paralleldrive/cuid2";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "~/utils/db.server";
import { databaseName, withDatabaseName } from "./database-url";

export interface TestDatabase extends Database {
  /** PostgreSQL only: the URL of this file's database, for tests that need several connections. */
  url?: string;
}

export const onPostgres = Boolean(process.env.DATABASE_URL);

export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = inject("templateDatabaseUrl");
  if (templateUrl) {
    const name = `cartera_t_${createId().slice(0, 10)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name} template ${databaseName(templateUrl)}`);
    await admin.end();
    const url = withDatabaseName(templateUrl, name);
    const database = await openDatabase({ url, poolSize: 5 });
    return {
      ...database,
      url,
      async close() {
        await database.close();
        const dropper = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await dropper.connect();
        // pool.end() resolves before its backends have exited; dropping WITH (FORCE) then terminates
        // them, and a closing client reports 57P01 as an unhandled error that fails the run. Wait for
        // them to leave first (force stays for anything that does not).
        for (let i = 0; i < 100; i += 1) {
          const { rows } = await dropper.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where datname = $1",
            [name],
          );
          if (rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const snapshot = readFileSync(inject("pgliteSnapshot"));
  return openDatabase({ loadDataDir: new Blob([snapshot]) });
}
