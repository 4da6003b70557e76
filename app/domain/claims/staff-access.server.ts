// Which staff may act on a claim, and who holds it at each level. L1: the account's collector;
// L2: that collector's supervisor; L3: an area owner of the claim's owning area. Administrators act
// on any claim, auditors on none (they read). Whoever the claim is assigned to may act on it.
import { and, asc, eq, isNull } from "drizzle-orm";
import { users } from "#db/schema";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import type { ClaimLevel, StaffArea, StaffRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import type { ClaimWithAccount } from "./claim-transition.server";
import { ClaimRuleError } from "./errors";

export interface StaffActor extends Actor {
  userId: string;
  staffRole: StaffRole;
  staffArea: StaffArea | null;
}

async function supervisorOf(db: DbOrTx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db.select({ supervisorId: users.supervisorId }).from(users).where(eq(users.id, userId));
  return row?.supervisorId ?? null;
}

export async function staffMayAct(db: DbOrTx, staff: StaffActor, loaded: ClaimWithAccount): Promise<boolean> {
  const { claim } = loaded;
  if (staff.staffRole === "admin") return true;
  if (staff.staffRole === "auditor") return false;
  if (claim.assigneeId === staff.userId) return true;
  switch (staff.staffRole) {
    case "collector":
      return loaded.collectorId === staff.userId;
    case "supervisor":
      return (await supervisorOf(db, loaded.collectorId)) === staff.userId;
    case "area_owner":
      return claim.level === "L3" && claim.owningArea === staff.staffArea;
  }
}

export async function requireStaffMayAct(db: DbOrTx, staff: StaffActor, loaded: ClaimWithAccount): Promise<void> {
  if (!(await staffMayAct(db, staff, loaded))) throw new ClaimRuleError("claim.not_allowed");
}

/** Who holds a claim entering `level` (null: nobody found; it stays in the level's shared queue). */
export async function assigneeForLevel(
  db: DbOrTx,
  loaded: ClaimWithAccount,
  level: ClaimLevel,
): Promise<string | null> {
  if (level === "L1") return loaded.collectorId;
  if (level === "L2") return supervisorOf(db, loaded.collectorId);
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.staffRole, "area_owner"), eq(users.staffArea, loaded.claim.owningArea), isNull(users.disabledAt)),
    )
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  return owner?.id ?? null;
}
