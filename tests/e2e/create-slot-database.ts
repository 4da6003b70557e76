// Run before a PostgreSQL e2e slot's portal starts (slots.ts): (re)creates that slot's empty database,
// which `npm start` then migrates and seeds. The global teardown drops it.
import pg from "pg";
import { databaseName, withDatabaseName } from "../setup/database-url";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("create-slot-database: DATABASE_URL is not set");
const name = databaseName(url);
if (!/^[a-z0-9_]+_e2e\d+$/.test(name)) throw new Error(`create-slot-database: refusing to recreate ${name}`);
const client = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
await client.connect();
await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
await client.query(`create database ${client.escapeIdentifier(name)}`);
await client.end();
console.log(`created ${name}`);
