// Runs once per `vitest run`: migrates one base database that every test file starts from.
// PGlite: a migrated in-memory database dumped to a tarball. PostgreSQL (DATABASE_URL): a migrated
// template database; each test file clones it with CREATE DATABASE … TEMPLATE.
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../../app/utils/db.server";
import { withDatabaseName } from "./database-url";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const templateName = `cartera_tmpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    const templateUrl = withDatabaseName(url, templateName);
    const database = await openDatabase({ url: templateUrl, poolSize: 1 });
    await migrateDatabase(database);
    await database.close();
    project.provide("templateDatabaseUrl", templateUrl);
    project.provide("pgliteSnapshot", "");
    return async () => {
      await admin.query(`drop database if exists ${templateName} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "cartera-test-"));
  const database = await openDatabase({});
  await migrateDatabase(database);
  const client = (database.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  const file = path.join(dir, "migrated.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide("pgliteSnapshot", file);
  project.provide("templateDatabaseUrl", "");
  return () => rmSync(dir, { recursive: true, force: true });
}
