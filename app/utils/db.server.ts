// Owns the database connection. PGlite (embedded, data under ./data/pglite) unless DATABASE_URL
// names a PostgreSQL server, then node-postgres with a pool. No other module knows which driver runs.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type SQL, getTableColumns, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTable } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as tables from "#db/schema";

export const schema = tables;
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; every domain function accepts either a Db or a Tx. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  driver: "pglite" | "postgres";
  /** PostgreSQL only: the connection URL (for work that needs its own connection, like session locks). */
  url?: string;
  /** PostgreSQL only: the pool behind `db`, for libraries that take a pg Pool (the rate limiters). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Any fixed 64-bit key: instances starting together on PostgreSQL migrate one at a time.
const MIGRATION_LOCK = 7_265_104_223;

export interface OpenOptions {
  /** postgres://… ; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; "memory://" or undefined for in-memory. */
  dataDir?: string;
  /** PGlite: a dump (from dumpDataDir) to start from. */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

type QueryListener = (query: string, params: unknown[]) => void;
const queryListeners = new Set<QueryListener>();
/** Every SQL statement the app sends, with its parameters, to whoever listens (tests and bench count queries per page, bench/cash-application.ts explains them). */
const logger = {
  logQuery(query: string, params: unknown[]) {
    for (const listener of queryListeners) listener(query, params);
  },
};

/** Calls `listener` with each SQL statement sent through drizzle until the returned function is called. */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    // JIT compilation costs more than it saves on our short per-account queries (measured: +1.8 s on a 50k-invoice account).
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, options: "-c jit=off" });
    // An idle client whose server connection ends (a database restart, a failover, `drop database …
    // with (force)`) is reported here; without a listener node would exit. The pool drops that client
    // and the next query opens a new connection, so logging is all there is to do.
    pool.on("error", (error) => console.error(`database: an idle connection failed (${error.message})`));
    const db = drizzlePg(pool, { schema, logger }) as unknown as Db;
    return { db, driver: "postgres", url: options.url, pool, close: () => pool.end() };
  }
  // PGlite creates its own directory but not missing parents (./data on a fresh clone).
  if (options.dataDir && !options.dataDir.startsWith("memory://")) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm: the trigram index of the staff customer search (PostgreSQL ships it in contrib).
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  return { db, driver: "pglite", close: () => client.close() };
}

/**
 * Runs `work` while holding a PostgreSQL session advisory lock on `key`, so that processes doing the
 * same work (instances starting together, test runs sharing a server) do it one at a time. PGlite is
 * one connection in one process: nothing else can run the work concurrently, so it just runs.
 */
export async function withAdvisoryLock<T>(database: Database, key: number, work: () => Promise<T>): Promise<T> {
  if (!database.url) return work();
  // A session lock belongs to one connection, and the pool hands out any: hold it on a client of its own.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [key]);
    return await work();
  } finally {
    await client.query("select pg_advisory_unlock($1)", [key]).catch(() => undefined);
    await client.end();
  }
}

/** Applies the committed SQL migrations; idempotent. On PostgreSQL, serialised by an advisory lock. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.driver === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  await withAdvisoryLock(database, MIGRATION_LOCK, () => migratePg(database.db as never, { migrationsFolder }));
}

export function databaseOptionsFromEnv(env: Record<string, string | undefined> = process.env): OpenOptions {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { dataDir: env.PGLITE_DIR ?? path.resolve(process.cwd(), "data/pglite") };
}

let opening: Promise<Database> | undefined;
const beforeCloseHooks = new Set<() => Promise<void>>();

/** Work to finish before the process-wide database closes on SIGTERM/SIGINT (the task sweeper). */
export function beforeDatabaseClose(hook: () => Promise<void>): () => void {
  beforeCloseHooks.add(hook);
  return () => beforeCloseHooks.delete(hook);
}

/** Tests that call loaders and actions directly point the process-wide database at their own. */
export function useDatabaseForTests(database: Database): void {
  opening = Promise.resolve(database);
}

/** The process-wide database, opened and migrated once (memoised so concurrent first requests share it). */
export function getDatabase(): Promise<Database> {
  opening ??= (async () => {
    const database = await openDatabase(databaseOptionsFromEnv());
    await migrateDatabase(database);
    const shutdown = () => {
      Promise.allSettled([...beforeCloseHooks].map((hook) => hook()))
        .then(() => database.close())
        .finally(() => process.exit(0));
    };
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
    return database;
  })();
  return opening;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Unqualified column names, for the places SQL wants them bare (an insert's column list, `on conflict`). */
export function columnNames(columns: readonly { name: string }[]): SQL {
  return sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
}

/** A comma-separated list of bound values, for `in (…)` and `values (…)` inside raw SQL. */
export function sqlList(values: readonly unknown[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

/**
 * Inserts many rows of a table as one JSON parameter expanded by json_populate_recordset against the
 * table's own row type: one parameter per statement instead of one per value. Building drizzle inserts
 * with thousands of parameters, and PGlite serialising them one by one, dominated bulk issuing (the
 * seed, imports). Rows are typed by the table (its TypeScript keys, mapped to column names here); a
 * column no row names takes its default, one that some rows leave out is null in those. Values travel as JSON: strings, numbers,
 * booleans, null, objects for json columns, Dates as ISO strings; not bytes.
 */
export async function insertJsonRows<Table extends PgTable>(
  tx: DbOrTx,
  table: Table,
  rows: readonly Table["$inferInsert"][],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const names = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`insertJsonRows: ${key} is not a column of the table`);
    return column.name;
  });
  const json = rows.map((row) =>
    Object.fromEntries(keys.map((key, i) => [names[i], (row as Record<string, unknown>)[key] ?? null])),
  );
  const list = columnNames(names.map((name) => ({ name })));
  await tx.execute(
    sql`insert into ${table} (${list})
        select ${list} from json_populate_recordset(null::${table}, ${JSON.stringify(json)}::json)
        ${options.onConflictDoNothing ? sql`on conflict do nothing` : sql``}`,
  );
}
