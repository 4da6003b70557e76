// The page cache: what the account pages read from the ledger (home figures, invoice and note lists,
// statements), kept in this process and keyed by the ledger versions of the accounts it covers (ADR 009,
// "Page cache").
//
// Why it is correct with several app instances on one PostgreSQL: customer_accounts.ledger_version goes
// up in every transaction that changes what these reads return (triggers of migration 0008, whoever
// writes: this module, another instance, a repair in psql), and every request reads the versions of its
// accounts with its session (getSessionIdentity, getStaffReachableAccount), in the one query it runs
// anyway. A request therefore only ever hits an entry computed at the version it has just read; after
// any change anywhere, the next request reads the new version and misses. An entry is computed after
// the version was read, so it is never older than its key (it may be newer: the same as reading the
// database a moment later). Entries for a date ("today") carry it in their key or check it on a hit.
//
// Callers must treat what they get as read-only: concurrent requests share one value.
import { getEnv } from "~/utils/env.server";

/** The versions read with the session: account ID → customer_accounts.ledger_version. */
export type LedgerVersions = Readonly<Record<string, string>>;

interface Entry {
  value: Promise<unknown>;
  weight: number;
  isFresh?: (value: unknown) => boolean;
}

const DEFAULT_MAX_WEIGHT = 200_000;
const entries = new Map<string, Entry>();
let totalWeight = 0;
const stats = { hits: 0, misses: 0, uncached: 0 };

function maxWeight(): number {
  return getEnv().LEDGER_CACHE_ROWS ?? DEFAULT_MAX_WEIGHT;
}

function evict(key: string) {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  totalWeight -= entry.weight;
}

export interface CachedReadOptions<T> {
  /** Names the read (one per domain function). */
  name: string;
  /** The accounts whose ledger the read covers; it is cached only when `versions` has every one. */
  accountIds: readonly string[];
  versions: LedgerVersions | undefined;
  /** Everything else the result depends on (filters, dates); JSON-serialisable. */
  args: unknown;
  compute: () => Promise<T>;
  /** Roughly the rows the value holds (default 1): the cache keeps at most LEDGER_CACHE_ROWS in all. */
  weigh?: (value: T) => number;
  /** Checked on a hit: false drops the entry and computes again (e.g. a default date that has passed). */
  isFresh?: (value: T) => boolean;
}

/**
 * The value of `compute()` for these accounts at these versions: from the cache when an entry exists, else
 * computed (once, however many requests ask at the same time) and kept while there is room.
 */
export async function cachedLedgerRead<T>(options: CachedReadOptions<T>): Promise<T> {
  const { versions, accountIds } = options;
  const limit = maxWeight();
  if (!versions || limit <= 0 || accountIds.some((id) => versions[id] === undefined)) {
    stats.uncached += 1;
    return options.compute();
  }
  const key = JSON.stringify([options.name, accountIds.map((id) => [id, versions[id]]), options.args]);
  const found = entries.get(key);
  if (found) {
    const value = (await found.value) as T;
    if (!found.isFresh || found.isFresh(value)) {
      stats.hits += 1;
      // Least recently used goes first: re-inserting moves the entry to the end of the map's order.
      if (entries.get(key) === found) {
        entries.delete(key);
        entries.set(key, found);
      }
      return value;
    }
    if (entries.get(key) === found) evict(key);
  }
  stats.misses += 1;
  const value = options.compute();
  const entry: Entry = { value, weight: 1, isFresh: options.isFresh as Entry["isFresh"] };
  entries.set(key, entry);
  totalWeight += 1;
  try {
    const resolved = await value;
    const weight = Math.max(1, options.weigh?.(resolved) ?? 1);
    if (entries.get(key) === entry) {
      if (weight > limit / 4) evict(key);
      else {
        totalWeight += weight - entry.weight;
        entry.weight = weight;
      }
    }
    for (const oldest of entries.keys()) {
      if (totalWeight <= limit) break;
      evict(oldest);
    }
    return resolved;
  } catch (error) {
    if (entries.get(key) === entry) evict(key);
    throw error;
  }
}

/** The versions of the accounts in `grants` (customer grants, or a staff member's one account). */
export function ledgerVersionsOf(rows: readonly { accountId: string; ledgerVersion: string }[]): LedgerVersions {
  return Object.fromEntries(rows.map((r) => [r.accountId, r.ledgerVersion]));
}

/** Hits, misses and reads not cached since start (or the last reset), and what the cache holds. */
export function ledgerCacheStats() {
  return { ...stats, entries: entries.size, rows: totalWeight };
}

/** Empties the cache (tests). */
export function resetLedgerCache() {
  entries.clear();
  totalWeight = 0;
  stats.hits = 0;
  stats.misses = 0;
  stats.uncached = 0;
}
