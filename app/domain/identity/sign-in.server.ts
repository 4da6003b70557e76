// Email + password sign-in with rate limits: per IP (many failures from one address) and per user
// (consecutive failures lock the user for a while; the lock ends by itself).
import { and, count, eq, gt, sql } from "drizzle-orm";
import { loginAttempts, users } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { verifyAgainstDummy, verifyPassword } from "./passwords.server";
import { createSession } from "./sessions.server";

export const MAX_FAILURES_PER_USER = 5;
export const USER_LOCK_MINUTES = 15;
export const MAX_FAILURES_PER_IP = 20;
export const IP_WINDOW_MINUTES = 15;

export type SignInResult =
  | { ok: true; userId: string; kind: "customer" | "staff"; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "locked" | "ip_limited"; retryAfterMinutes: number };

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

export async function signIn(
  db: DbOrTx,
  input: { email: string; password: string; ip: string; userAgent?: string | null; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const actor: Actor = { userId: null, label: email, ip: input.ip, userAgent: input.userAgent ?? null };

  const windowStart = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000);
  const [{ failures }] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, input.ip), eq(loginAttempts.succeeded, 0), gt(loginAttempts.at, windowStart)));
  if (failures >= MAX_FAILURES_PER_IP) {
    await recordAuditEvent(db, actor, { action: "auth.sign_in_rate_limited", entityType: "ip", entityId: input.ip });
    return { ok: false, reason: "ip_limited", retryAfterMinutes: IP_WINDOW_MINUTES };
  }

  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  const fail = async (action: string, entityId: string | null, after?: unknown) => {
    await db.insert(loginAttempts).values({ ip: input.ip, email, succeeded: 0, at: now });
    await recordAuditEvent(db, { ...actor, userId: user?.id ?? null }, { action, entityType: "user", entityId, after });
  };

  if (!user || !user.passwordHash) {
    await verifyAgainstDummy(input.password);
    await fail("auth.sign_in_failed", user?.id ?? null, { reason: "unknown_user" });
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await fail("auth.sign_in_blocked", user.id, { lockedUntil: user.lockedUntil });
    return { ok: false, reason: "locked", retryAfterMinutes: minutesUntil(user.lockedUntil, now) };
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const failed = user.failedLoginCount + 1;
    const lock = failed >= MAX_FAILURES_PER_USER;
    const lockedUntil = lock ? new Date(now.getTime() + USER_LOCK_MINUTES * 60_000) : null;
    await db
      .update(users)
      .set({ failedLoginCount: lock ? 0 : failed, lockedUntil })
      .where(eq(users.id, user.id));
    await fail(lock ? "auth.user_locked" : "auth.sign_in_failed", user.id, { failedLoginCount: failed, lockedUntil });
    if (lock) return { ok: false, reason: "locked", retryAfterMinutes: USER_LOCK_MINUTES };
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) {
    await fail("auth.sign_in_failed", user.id, { reason: "disabled" });
    return { ok: false, reason: "disabled" };
  }

  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
  await db.insert(loginAttempts).values({ ip: input.ip, email, succeeded: 1, at: now });
  const session = await createSession(db, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now });
  await recordAuditEvent(
    db,
    { ...actor, userId: user.id },
    { action: "auth.signed_in", entityType: "user", entityId: user.id },
  );
  return { ok: true, userId: user.id, kind: user.kind, token: session.token, expiresAt: session.expiresAt };
}
