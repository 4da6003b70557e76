// Per-user (and per-account) budgets for the expensive or abusable actions: rendering PDFs, building
// ZIPs, emailing statements, sending invitations. Counted with rate-limiter-flexible: on PostgreSQL in
// the rate_limits table (db/schema/rate-limits.ts, created by our migration), so every instance behind
// the load balancer shares one count; on PGlite (one process) in memory.
//
// A route asks `consumeRateLimit(name, subject)` right before the expensive work, after the request
// has been authorized (a refused or not-found request costs nothing), and answers 429 with Retry-After
// when the budget is spent.
import type { TFunction } from "i18next";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { type Database, getDatabase } from "./db.server";

/** Budgets: `points` actions per `duration` seconds (a fixed window starting at the first action). */
export const RATE_LIMITS = {
  /** Statement PDF and invoice PDF downloads, per user. */
  pdf: { points: 10, duration: 60 },
  /** Statement XLSX and CSV downloads, per user. */
  statementExport: { points: 20, duration: 60 },
  /** CSV and XLSX exports of a filtered document or payments list (up to 20,000 rows each), per user. */
  listExport: { points: 10, duration: 60 },
  /** ZIPs of a selection of documents, per user. */
  zip: { points: 5, duration: 60 },
  /** "Email me the statement", per user. */
  statementEmail: { points: 3, duration: 10 * 60 },
  /** Invitations sent by one user, to any account. */
  invitationsPerUser: { points: 20, duration: 60 * 60 },
  /** Invitations sent to one account, by anyone. */
  invitationsPerAccount: { points: 20, duration: 60 * 60 },
  /** Audit trail CSV and XLSX exports (up to 100,000 events each), per user. */
  auditExport: { points: 10, duration: 10 * 60 },
  /** Signing attempts (each checks the password), per user. */
  signature: { points: 5, duration: 10 * 60 },
  /** One-time signing codes emailed, per user. */
  signingCode: { points: 3, duration: 10 * 60 },
  /** The public verification page (by code or upload), per client IP. */
  verification: { points: 10, duration: 60 },
} as const satisfies Record<string, { points: number; duration: number }>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export const RATE_LIMIT_TABLE = "rate_limits";

// One set of limiters per database: tests point the process at their own database, and a limiter
// holds the pool it writes to.
const limitersByDatabase = new WeakMap<Database, Map<RateLimitName, RateLimiterAbstract>>();

function createLimiter(database: Database, name: RateLimitName): RateLimiterAbstract {
  const budget = { keyPrefix: name, ...RATE_LIMITS[name] };
  // Rows shared by every instance where there is a pool to write them through (PostgreSQL).
  if (database.pool) {
    return new RateLimiterPostgres({
      ...budget,
      storeClient: database.pool,
      storeType: "pool",
      tableName: RATE_LIMIT_TABLE,
      // The migration created it; the library must not issue DDL at run time.
      tableCreated: true,
      // Should the database fail to answer, count in this process rather than fail the request.
      insuranceLimiter: new RateLimiterMemory(budget),
    });
  }
  return new RateLimiterMemory(budget);
}

async function limiter(name: RateLimitName): Promise<RateLimiterAbstract> {
  const database = await getDatabase();
  let limiters = limitersByDatabase.get(database);
  if (!limiters) {
    limiters = new Map();
    limitersByDatabase.set(database, limiters);
  }
  let found = limiters.get(name);
  if (!found) {
    found = createLimiter(database, name);
    limiters.set(name, found);
  }
  return found;
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Spends one point of `subject`'s budget (a user or account ID); refuses once the budget is spent. */
export async function consumeRateLimit(name: RateLimitName, subject: string): Promise<RateLimitResult> {
  try {
    await (await limiter(name)).consume(subject);
    return { ok: true };
  } catch (refused) {
    if (refused instanceof RateLimiterRes)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refused.msBeforeNext / 1000)) };
    throw refused;
  }
}

/** Spends one point of each budget in turn; the first one spent refuses (later ones are not touched). */
export async function consumeRateLimits(checks: [RateLimitName, string][]): Promise<RateLimitResult> {
  for (const [name, subject] of checks) {
    const result = await consumeRateLimit(name, subject);
    if (!result.ok) return result;
  }
  return { ok: true };
}

export type RateLimitMessageKey =
  | "rateLimit.downloads"
  | "rateLimit.statementEmail"
  | "rateLimit.invitations"
  | "rateLimit.pdfBusy"
  | "rateLimit.signatures"
  | "rateLimit.signingCodes"
  | "rateLimit.verifications";

/** "Try again in 40 seconds" / "in 7 minutes", in the reader's language. */
export function rateLimitMessage(t: TFunction, key: RateLimitMessageKey, retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds <= 90
      ? t("rateLimit.seconds", { count: retryAfterSeconds })
      : t("rateLimit.minutes", { count: Math.ceil(retryAfterSeconds / 60) });
  return String(t(key, { wait }));
}

export function retryAfterHeaders(retryAfterSeconds: number): Record<string, string> {
  return { "Retry-After": String(retryAfterSeconds), "Cache-Control": "private, no-store" };
}

/** The answer of a download over its budget: 429, Retry-After, and the reason as plain text. */
export function tooManyRequests(message: string, retryAfterSeconds: number): Response {
  return new Response(message, {
    status: 429,
    headers: { ...retryAfterHeaders(retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * `headers` export for pages whose form actions may answer 429: Remix keeps only the cookies of an
 * action's headers unless the route passes them on, and Retry-After must reach the client.
 */
export function passRetryAfter({
  actionHeaders,
  parentHeaders,
}: {
  actionHeaders: Headers;
  parentHeaders: Headers;
}): Headers {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) {
    headers.set("Retry-After", retryAfter);
    headers.set("Cache-Control", "private, no-store");
  }
  return headers;
}
