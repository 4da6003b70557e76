// Email + password sign-in with throttling that a stranger cannot turn against a user.
//
// Every attempt is written to login_attempts *before* anything is counted, and the counts are read
// in one SQL statement afterwards, so parallel attempts see each other (the k-th attempt to commit
// counts at least k): twenty wrong passwords fired at once are twenty failures, not one. Three
// budgets, each over a sliding window (OWASP's authentication cheat sheet: throttle per account
// and source, lock the account as a whole only at a much higher threshold):
// - per user and source (email + client address): a few failures lock that source out of that user;
// - per user (email, any source): a lock of the user as a whole only after many failures;
// - per source (any email): credential stuffing from one address.
// Budgets count by the email as typed (lower-cased), whether or not such a user exists, and every
// refusal says the same, so neither the answer nor its timing tells whether the user exists.
// A successful sign-in (or password reset) from a source ends the failures counted before it.
import { sql } from "drizzle-orm";
import { loginAttempts, users } from "#db/schema";
import type { AuditEventInputOf } from "~/domain/audit/audit-events";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { verifyAgainstDummy, verifyPassword } from "./passwords.server";
import { createSession } from "./sessions.server";

export const WINDOW_MINUTES = 15;
/** Failures per user from one source before that source is refused for the window. */
export const MAX_FAILURES_PER_USER_SOURCE = 5;
/** Failures per user from all sources before the user as a whole is refused for the window. */
export const MAX_FAILURES_PER_USER = 50;
/** Failures from one source (any email) before that source is refused for the window. */
export const MAX_FAILURES_PER_SOURCE = 100;

type RefusedSignInAction =
  "auth.sign_in_rate_limited" | "auth.sign_in_blocked" | "auth.user_locked" | "auth.sign_in_failed";

export type SignInResult =
  | { ok: true; userId: string; kind: "customer" | "staff"; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "locked" | "ip_limited"; retryAfterMinutes: number };

interface FailureCounts {
  source: number;
  user: number;
  userSource: number;
}

/** Failures inside the window, each budget counted after its last success; includes this attempt. */
async function countFailures(db: DbOrTx, email: string, ip: string, now: Date): Promise<FailureCounts> {
  const windowStart = sql`${new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString()}::timestamptz`;
  const a = loginAttempts;
  const [row] = await queryRows<{ source: number; user: number; user_source: number }>(
    db,
    sql`
    with since as (
      select
        coalesce((select max(${a.at}) from ${a} where ${a.email} = ${email} and ${a.succeeded} = 1
                    and ${a.at} > ${windowStart}), ${windowStart}) as user_since,
        coalesce((select max(${a.at}) from ${a} where ${a.email} = ${email} and ${a.ip} = ${ip}
                    and ${a.succeeded} = 1 and ${a.at} > ${windowStart}), ${windowStart}) as user_source_since
    )
    select
      (select count(*) from ${a} where ${a.ip} = ${ip} and ${a.succeeded} = 0 and ${a.at} > ${windowStart})::int as source,
      (select count(*) from ${a}, since where ${a.email} = ${email} and ${a.succeeded} = 0
         and ${a.at} > since.user_since)::int as "user",
      (select count(*) from ${a}, since where ${a.email} = ${email} and ${a.ip} = ${ip} and ${a.succeeded} = 0
         and ${a.at} > since.user_source_since)::int as user_source`,
  );
  return { source: Number(row.source), user: Number(row.user), userSource: Number(row.user_source) };
}

export async function signIn(
  db: DbOrTx,
  input: { email: string; password: string; ip: string; userAgent?: string | null; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const actor: Actor = { userId: null, label: email, ip: input.ip, userAgent: input.userAgent ?? null };

  // Recorded as a failure first; turned into a success only once the password is verified.
  const [attempt] = await db
    .insert(loginAttempts)
    .values({ ip: input.ip, email, succeeded: 0, at: now })
    .returning({ id: loginAttempts.id });
  const counts = await countFailures(db, email, input.ip, now);
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const audit = <A extends RefusedSignInAction>(action: A, after: AuditEventInputOf<A>["after"]) =>
    recordAuditEvent(db, { ...actor, userId: user?.id ?? null }, {
      action,
      entityType: "user",
      entityId: user?.id ?? null,
      after,
    } as AuditEventInputOf<A>);

  if (counts.source > MAX_FAILURES_PER_SOURCE) {
    await audit("auth.sign_in_rate_limited", { failuresFromSource: counts.source });
    return { ok: false, reason: "ip_limited", retryAfterMinutes: WINDOW_MINUTES };
  }
  if (counts.userSource > MAX_FAILURES_PER_USER_SOURCE || counts.user > MAX_FAILURES_PER_USER) {
    await audit("auth.sign_in_blocked", { failures: counts });
    return { ok: false, reason: "locked", retryAfterMinutes: WINDOW_MINUTES };
  }

  const verified =
    user?.passwordHash != null
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password).then(() => false);
  if (!verified) {
    // This failure is already counted: the one that reaches a budget answers "locked" itself.
    const locks = counts.userSource >= MAX_FAILURES_PER_USER_SOURCE || counts.user >= MAX_FAILURES_PER_USER;
    await audit(locks ? "auth.user_locked" : "auth.sign_in_failed", {
      reason: user ? "wrong_password" : "unknown_user",
      failures: counts,
    });
    return locks
      ? { ok: false, reason: "locked", retryAfterMinutes: WINDOW_MINUTES }
      : { ok: false, reason: "invalid" };
  }
  if (!user || user.disabledAt) {
    await audit("auth.sign_in_failed", { reason: "disabled" });
    return { ok: false, reason: "disabled" };
  }

  await db
    .update(loginAttempts)
    .set({ succeeded: 1 })
    .where(sql`${loginAttempts.id} = ${attempt.id}`);
  const session = await createSession(db, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now });
  await recordAuditEvent(
    db,
    { ...actor, userId: user.id },
    { action: "auth.signed_in", entityType: "user", entityId: user.id },
  );
  return { ok: true, userId: user.id, kind: user.kind, token: session.token, expiresAt: session.expiresAt };
}

/**
 * How a refused sign-in is told to the user: the copy key, its values and the HTTP status. One
 * mapping for every form that signs in (login, an existing user accepting an invitation).
 */
export function describeSignInRefusal(result: Extract<SignInResult, { ok: false }>): {
  key: "login.locked" | "login.ipLimited" | "login.disabled" | "login.invalid";
  values: { minutes?: number };
  status: 401 | 429;
} {
  switch (result.reason) {
    case "locked":
      return { key: "login.locked", values: { minutes: result.retryAfterMinutes }, status: 429 };
    case "ip_limited":
      return { key: "login.ipLimited", values: { minutes: result.retryAfterMinutes }, status: 429 };
    case "disabled":
      return { key: "login.disabled", values: {}, status: 429 };
    case "invalid":
      return { key: "login.invalid", values: {}, status: 401 };
  }
}

/** A proven control of the address (a completed password reset) ends the failures counted so far. */
export async function recordAuthenticationSuccess(db: DbOrTx, input: { email: string; ip: string; now?: Date }) {
  await db
    .insert(loginAttempts)
    .values({ ip: input.ip, email: input.email.trim().toLowerCase(), succeeded: 1, at: input.now ?? new Date() });
}
