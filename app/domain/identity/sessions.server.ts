// Database-backed sessions. The cookie carries a random token; the table stores only its SHA-256,
// so a leaked table cannot be replayed as cookies.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { accountGrants, customerAccounts, customerGroups, sellers, sessions, users } from "#db/schema";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import type { CustomerGrant } from "./account-access.server";

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

export type SessionIdentity = { user: NonNullable<SessionUser>; grants: CustomerGrant[] };

/**
 * Who is asking, in one round trip: the session's user and, for a customer, its grants with the
 * account facts every page needs (ordered by account number). Null when the session is unknown,
 * expired, or the user disabled.
 */
export async function getSessionIdentity(db: DbOrTx, token: string, now: Date = new Date()) {
  const g = accountGrants;
  const a = customerAccounts;
  const [row] = await queryRows<{
    session_id: string;
    id: string;
    email: string;
    name: string;
    kind: "customer" | "staff";
    staff_role: NonNullable<SessionUser>["staffRole"];
    staff_area: NonNullable<SessionUser>["staffArea"];
    language: NonNullable<SessionUser>["language"];
    disabled_at: string | null;
    grants: CustomerGrant[] | string | null;
  }>(
    db,
    sql`select ${sessions.id} as session_id, ${users.id} as id, ${users.email} as email, ${users.name} as name,
          ${users.kind} as kind, ${users.staffRole} as staff_role, ${users.staffArea} as staff_area,
          ${users.language} as language, ${users.disabledAt} as disabled_at,
          case when ${users.kind} = 'customer' then (
            select coalesce(json_agg(json_build_object(
                'accountId', ${g.accountId}, 'role', ${g.role}, 'number', ${a.number}, 'legalName', ${a.legalName},
                'groupId', ${a.groupId}, 'groupName', ${customerGroups.name}, 'country', ${sellers.country},
                'currency', ${a.currency}, 'timeZone', ${sellers.timeZone},
                'ledgerVersion', ${a.ledgerVersion}::text) order by ${a.number}), '[]'::json)
            from ${g}
            join ${a} on ${a.id} = ${g.accountId}
            join ${sellers} on ${sellers.id} = ${a.sellerId}
            left join ${customerGroups} on ${customerGroups.id} = ${a.groupId}
            where ${g.userId} = ${users.id}
          ) end as grants
        from ${sessions} join ${users} on ${users.id} = ${sessions.userId}
        where ${sessions.id} = ${hashToken(token)} and ${sessions.expiresAt} > ${now.toISOString()}::timestamptz`,
  );
  if (!row || row.disabled_at) return null;
  const grants = typeof row.grants === "string" ? (JSON.parse(row.grants) as CustomerGrant[]) : (row.grants ?? []);
  const user: NonNullable<SessionUser> = {
    sessionId: row.session_id,
    id: row.id,
    email: row.email,
    name: row.name,
    kind: row.kind,
    staffRole: row.staff_role,
    staffArea: row.staff_area,
    language: row.language,
    disabledAt: null,
  };
  return { user, grants } satisfies SessionIdentity;
}
