// Single-use, expiring tokens for invitations and password resets. Only the token's hash is stored;
// consuming it is a conditional update, so a double submit uses it once.
import { and, eq, gt, isNull } from "drizzle-orm";
import { userTokens } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { hashToken, newToken } from "./sessions.server";

export const INVITATION_TTL_MS = 1000 * 60 * 60 * 24 * 7;
export const PASSWORD_RESET_TTL_MS = 1000 * 60 * 60;

type Purpose = "invitation" | "password_reset";

export async function createUserToken(
  db: DbOrTx,
  input: { purpose: Purpose; userId: string; createdById?: string | null; payload?: unknown; now?: Date },
) {
  const token = newToken();
  const now = input.now ?? new Date();
  const expiresAt = new Date(
    now.getTime() + (input.purpose === "invitation" ? INVITATION_TTL_MS : PASSWORD_RESET_TTL_MS),
  );
  await db.insert(userTokens).values({
    purpose: input.purpose,
    tokenHash: hashToken(token),
    userId: input.userId,
    createdById: input.createdById ?? null,
    payload: input.payload ?? null,
    expiresAt,
  });
  return { token, expiresAt };
}

/** A still-usable token (not used, not expired), without consuming it. */
export async function findUsableToken(db: DbOrTx, purpose: Purpose, token: string, now: Date = new Date()) {
  const [row] = await db
    .select()
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    );
  return row ?? null;
}

/** Marks the token used; returns it, or null when it was already used, expired or unknown. */
export async function consumeUserToken(db: DbOrTx, purpose: Purpose, token: string, now: Date = new Date()) {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}
