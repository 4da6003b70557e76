// The route modules under app/routes, read from the directory as Remix's flatRoutes names them, so
// tests and bench scripts that go through "every route" cover a new one without being edited.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROUTES_DIR = fileURLToPath(new URL("../../app/routes", import.meta.url));

export interface RouteFile {
  /** Absolute path of the module. */
  file: string;
  /** The route ID without extension, e.g. "portal.documents.$documentId_.pdf". */
  id: string;
  segments: string[];
  /** Names of the dynamic segments, e.g. ["documentId"]; a splat (`$`) is "*". */
  params: string[];
  /** Which signed-in side serves it: /portal (customers), /staff, or neither (sign-in pages, language…). */
  side: "portal" | "staff" | "public";
}

/**
 * Every route module, as app/routes.ts (remix-flat-routes, hybrid) names them: flat files
 * (`a.b.$c.tsx`), `+` folders whose name prefixes their files (`portal+/invoices.tsx` is
 * `portal.invoices`, `_layout.tsx` the folder's own route), folders holding a `route.tsx`.
 * Helpers beside routes (`*.server.ts`, `__*.tsx`) are not routes.
 */
export function listRouteFiles(dir = ROUTES_DIR, prefix: string[] = []): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (entry.startsWith(".") || entry.startsWith("__") || /\.server\.[jt]sx?$/.test(entry)) continue;
    let file: string | undefined;
    let id: string;
    if (statSync(full).isDirectory()) {
      if (entry.endsWith("+")) {
        found.push(...listRouteFiles(full, [...prefix, entry.slice(0, -1)]));
        continue;
      }
      const inner = readdirSync(full).find((f) => /^route\.[jt]sx?$/.test(f));
      if (!inner) continue;
      file = path.join(full, inner);
      id = [...prefix, entry].join(".");
    } else if (/\.[jt]sx?$/.test(entry)) {
      file = full;
      const name = entry.replace(/\.[jt]sx?$/, "");
      id = (name === "_layout" ? prefix : [...prefix, name]).join(".");
    } else continue;
    const segments = id.split(".");
    // `$x` is the param x; a lone `$` is the splat, which Remix names "*".
    const params = segments
      .filter((s) => s.startsWith("$"))
      .map((s) => (s === "$" ? "*" : s.slice(1).replace(/_$/, "")));
    const side = segments[0] === "portal" ? "portal" : segments[0] === "staff" ? "staff" : "public";
    found.push({ file, id, segments, params, side });
  }
  return found;
}

/**
 * The URL path of a route with the given param values (pathless `_x` segments and `_` suffixes
 * dropped). Values are percent-encoded unless `encode` is false (to send a raw, malformed segment).
 */
export function routePath(
  route: Pick<RouteFile, "segments">,
  values: Record<string, string>,
  { encode = true }: { encode?: boolean } = {},
): string {
  const parts = route.segments
    .filter((s) => !s.startsWith("_"))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => {
      if (!s.startsWith("$")) return s;
      const value = values[s === "$" ? "*" : s.slice(1)] ?? "x";
      return encode ? encodeURIComponent(value) : value;
    });
  return `/${parts.join("/")}`;
}
