#!/usr/bin/env node
// `npm start`: build if the sources changed since the last build, prepare the database (migrate, and
// seed demo data into an empty one), then serve the production build with server/index.mjs.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { buildIsStale } from "./build-freshness.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (buildIsStale(root)) {
  console.log("Building the portal…");
  run(bin("remix"), ["vite:build"]);
}

const env = { ...process.env, NODE_ENV: "production", PORT: process.env.PORT ?? "3000" };
// Validates the environment (it refuses, for instance, to serve beyond localhost without SESSION_SECRET).
run(bin("tsx"), ["scripts/prepare-database.ts"], env);

const server = spawn(process.execPath, [path.join(root, "server/index.mjs")], { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
