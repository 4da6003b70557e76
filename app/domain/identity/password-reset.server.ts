// Password reset: request a token by email, then set a new password with it. Resetting revokes every
// other reset link of the user (an older link stops working), ends every session, and ends the
// sign-in failures counted against the user (the reset proves control of the address).
import { and, eq, isNull, sql } from "drizzle-orm";
import { userTokens, users } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { hashPassword } from "./passwords.server";
import { deleteAllSessions } from "./sessions.server";
import { recordAuthenticationSuccess } from "./sign-in.server";
import { consumeUserToken, createUserToken } from "./user-tokens.server";

/** Returns the user and token to email, or null for an unknown, pending or disabled user (the caller answers the same either way). */
export async function requestPasswordReset(db: DbOrTx, actor: Actor, input: { email: string; now?: Date }) {
  const email = input.email.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (!user || !user.passwordHash || user.disabledAt) {
    await recordAuditEvent(db, actor, {
      action: "auth.password_reset_requested_unknown",
      entityType: "user",
      entityId: user?.id ?? null,
      after: { email },
    });
    return null;
  }
  const { token, expiresAt } = await createUserToken(db, {
    purpose: "password_reset",
    userId: user.id,
    now: input.now,
  });
  await recordAuditEvent(db, actor, {
    action: "auth.password_reset_requested",
    entityType: "user",
    entityId: user.id,
    after: { expiresAt },
  });
  return { user, token, expiresAt };
}

export async function resetPassword(db: DbOrTx, actor: Actor, input: { token: string; password: string; now?: Date }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const used = await consumeUserToken(tx, "password_reset", input.token, input.now);
    if (!used) return null;
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, used.userId))
      .returning({ email: users.email });
    const revoked = await tx
      .update(userTokens)
      .set({ usedAt: input.now ?? new Date() })
      .where(
        and(eq(userTokens.userId, used.userId), eq(userTokens.purpose, "password_reset"), isNull(userTokens.usedAt)),
      )
      .returning({ id: userTokens.id });
    const ended = await deleteAllSessions(tx, used.userId);
    await recordAuthenticationSuccess(tx, { email: user.email, ip: actor.ip ?? "unknown", now: input.now });
    await recordAuditEvent(
      tx,
      { ...actor, userId: used.userId },
      {
        action: "auth.password_reset",
        entityType: "user",
        entityId: used.userId,
        after: { sessionsEnded: ended, resetLinksRevoked: revoked.length },
      },
    );
    return { userId: used.userId };
  });
}
