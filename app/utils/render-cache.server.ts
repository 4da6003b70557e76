// The render cache: the HTML of a document request kept in this process and keyed by everything the
// render reads (ADR 009, "Render cache").
//
// Why it is correct: React's render of a Remix document is a function of the URL, the matched routes'
// loader data, the response status and the CSP nonce — nothing else reaches it (no clock, no random ids:
// React's useId is deterministic). The key is an exact encoding of the first three (`encodeRenderInput`:
// plain data only; anything else — a Map, a class instance, a deferred promise — makes the request
// uncacheable), so two requests share an entry only when they would render the same bytes. The nonce is
// the only per-request part: the cached HTML is kept split at it and joined with the new request's nonce.
// Nothing user-specific is lost: the loaders still run on every request (session, permissions, the page
// cache's ledger versions), and their data — the user, the account, the figures — is in the key. A user
// can only ever get the HTML rendered from their own loader data.
//
// A route opts in with `export const handle = { renderCache: true }`, declaring that its render (and that
// of the layouts above it, which stay pure) reads nothing but its data; only pages that are both heavy to
// render and opened again and again opt in (account home, invoice list, statement, payments).
import { createHash } from "node:crypto";
import { getEnv } from "./env.server";

const DEFAULT_MAX_KB = 32 * 1024;

interface Entry {
  /** The HTML split at the nonce it was rendered with. */
  parts: string[];
  bytes: number;
}

const entries = new Map<string, Entry>();
let totalBytes = 0;
const stats = { hits: 0, misses: 0, uncacheable: 0 };

function maxBytes(): number {
  return (getEnv().RENDER_CACHE_KB ?? DEFAULT_MAX_KB) * 1024;
}

export function renderCacheEnabled(): boolean {
  return maxBytes() > 0;
}

const NUL = "\u0000";

/**
 * An injective encoding of plain data (null, booleans, numbers, strings, arrays, plain objects, Dates),
 * or null when `value` holds anything else. JSON.stringify alone is not: it drops `undefined` keys,
 * writes NaN, -0 and Infinity alike as null or 0, a Map and a Set as `{}`, and a promise as `{}`.
 */
export function encodeRenderInput(value: unknown): string | null {
  let plain = true;
  const encoded = JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    // `v` is after toJSON (a Date is already its ISO string); the raw value tells a Date from a string.
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return `${NUL}d${v}`;
    // Any other toJSON (a class instance) would hide what the render sees.
    if (typeof raw === "object" && raw !== null && raw !== v) plain = false;
    switch (typeof v) {
      case "string":
        return v.startsWith(NUL) ? NUL + v : v;
      case "number":
        return Number.isFinite(v) && !Object.is(v, -0) ? v : `${NUL}n${String(Object.is(v, -0) ? "-0" : v)}`;
      case "undefined":
        return `${NUL}u`;
      case "boolean":
        return v;
      case "object": {
        if (v === null || Array.isArray(v)) return v;
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) plain = false;
        return v;
      }
      default:
        plain = false;
        return null;
    }
  });
  return plain && encoded !== undefined ? encoded : null;
}

/** The key of a render: null when its inputs are not plain data. */
export function renderKey(input: { url: string; status: number; variant: string; data: unknown }): string | null {
  const encoded = encodeRenderInput(input.data);
  if (encoded === null) return null;
  return createHash("sha256")
    .update(`${input.status} ${input.variant} ${input.url}\n`)
    .update(encoded)
    .digest("base64");
}

/** The cached HTML for `key`, with `nonce` in place of the one it was rendered with. */
export function cachedRender(key: string, nonce: string): string | null {
  const found = entries.get(key);
  if (!found) {
    stats.misses += 1;
    return null;
  }
  stats.hits += 1;
  // Least recently used goes first: re-inserting moves the entry to the end of the map's order.
  entries.delete(key);
  entries.set(key, found);
  return found.parts.join(nonce);
}

export function noteUncacheable() {
  stats.uncacheable += 1;
}

/** Keeps the HTML rendered with `nonce` under `key`, dropping the least recently used past the budget. */
export function storeRender(key: string, html: string, nonce: string) {
  const limit = maxBytes();
  const bytes = html.length * 2;
  if (limit <= 0 || bytes > limit / 8) return;
  const previous = entries.get(key);
  if (previous) totalBytes -= previous.bytes;
  entries.delete(key);
  entries.set(key, { parts: html.split(nonce), bytes });
  totalBytes += bytes;
  for (const [oldest, entry] of entries) {
    if (totalBytes <= limit) break;
    entries.delete(oldest);
    totalBytes -= entry.bytes;
  }
}

export function renderCacheStats() {
  return { ...stats, entries: entries.size, bytes: totalBytes };
}

/** Empties the cache (tests). */
export function resetRenderCache() {
  entries.clear();
  totalBytes = 0;
  stats.hits = 0;
  stats.misses = 0;
  stats.uncacheable = 0;
}
