// Creating staff and customer users directly (demo data, administration). Invitations are the
// normal path for customers; see invitations.server.ts.
import { users, accountGrants } from "#db/schema";
import type { AuditEventInputOf } from "~/domain/audit/audit-events";
import { type Actor, recordAuditEvent, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { hashPassword } from "./passwords.server";
import type { GrantRole, StaffRole } from "./permissions";

export async function createStaffUser(
  db: DbOrTx,
  actor: Actor,
  input: {
    email: string;
    name: string;
    password: string;
    staffRole: StaffRole;
    staffArea?: "sales" | "operations" | "credit" | null;
    supervisorId?: string | null;
  },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash,
        kind: "staff",
        staffRole: input.staffRole,
        staffArea: input.staffArea ?? null,
        supervisorId: input.supervisorId ?? null,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "user.created",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, kind: "staff", staffRole: input.staffRole, staffArea: input.staffArea ?? null },
    });
    return user;
  });
}

export async function createCustomerUser(
  db: DbOrTx,
  actor: Actor,
  input: {
    email: string;
    name: string;
    password: string;
    grants: { accountId: string; role: GrantRole }[];
    language?: "es" | "en" | null;
  },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash,
        kind: "customer",
        language: input.language ?? null,
      })
      .returning();
    await tx
      .insert(accountGrants)
      .values(input.grants.map((g) => ({ userId: user.id, accountId: g.accountId, role: g.role })));
    await recordAuditEvents(tx, actor, [
      { action: "user.created", entityType: "user", entityId: user.id, after: { email: user.email, kind: "customer" } },
      ...input.grants.map((g): AuditEventInputOf<"grant.created"> => ({
        action: "grant.created",
        entityType: "account_grant",
        entityId: `${g.accountId}:${user.id}`,
        accountId: g.accountId,
        after: g,
      })),
    ]);
    return user;
  });
}
