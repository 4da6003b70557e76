#!/usr/bin/env node
// `npm start`: build if the sources changed since the last build, prepare the database (migrate, and
// seed demo data into an empty one), then serve the production build with server/index.mjs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const serverEntry = path.join(root, "build/server/index.js");

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const sources = Math.max(
  ...["app", "db", "emails", "public"].map((d) => newestMtime(path.join(root, d))),
  ...["vite.config.ts", "package.json"].map((f) => statSync(path.join(root, f)).mtimeMs),
);
if (!existsSync(serverEntry) || statSync(serverEntry).mtimeMs < sources) {
  console.log("Building the portal…");
  run(bin("remix"), ["vite:build"]);
}

const env = { ...process.env, NODE_ENV: "production", PORT: process.env.PORT ?? "3000" };
// Validates the environment (it refuses, for instance, to serve beyond localhost without SESSION_SECRET).
run(bin("tsx"), ["scripts/prepare-database.ts"], env);

const server = spawn(process.execPath, [path.join(root, "server/index.mjs")], { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
