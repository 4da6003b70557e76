// Whether the production build is missing or older than the sources it is built from (used by
// `npm start`, and by the e2e config, which builds once before starting several portals).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

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

export function buildIsStale(root) {
  const serverEntry = path.join(root, "build/server/index.js");
  const sources = Math.max(
    ...["app", "db", "emails", "public"].map((d) => newestMtime(path.join(root, d))),
    ...["vite.config.ts", "package.json"].map((f) => statSync(path.join(root, f)).mtimeMs),
  );
  return !existsSync(serverEntry) || statSync(serverEntry).mtimeMs < sources;
}
