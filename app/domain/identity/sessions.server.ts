// Database-backed sessions. The cookie carries a random token; the table stores only its SHA-256,
// so a leaked table cannot be replayed as cookies.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";

export const SESSION_TTL_MS = 1000 * 60 * 60 * 24 * 14;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export async function createSession(
  db: DbOrTx,
  input: { userId: string; ip?: string | null; userAgent?: string | null; now?: Date },
) {
  const token = newToken();
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    id: hashToken(token),
    userId: input.userId,
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  });
  return { token, expiresAt };
}

export type SessionUser = Awaited<ReturnType<typeof getSessionUser>>;

/** The user behind a session token, or null when the session is unknown, expired, or the user disabled. */
export async function getSessionUser(db: DbOrTx, token: string, now: Date = new Date()) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      id: users.id,
      email: users.email,
      name: users.name,
      kind: users.kind,
      staffRole: users.staffRole,
      staffArea: users.staffArea,
      language: users.language,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, hashToken(token)), gt(sessions.expiresAt, now)));
  if (!row || row.disabledAt) return null;
  return row;
}

export async function deleteSession(db: DbOrTx, token: string) {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function deleteAllSessions(db: DbOrTx, userId: string) {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.length;
}
