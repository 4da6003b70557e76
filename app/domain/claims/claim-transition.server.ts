// The one way a claim changes: a conditional update on its id, the status (or statuses) the actor
// expects and the version the actor saw, bumping the version. Zero rows means someone else acted
// first (or a double submit): ClaimRuleError "claim.stale", and the caller's transaction rolls back
// with everything it wrote (messages, tasks, audit events).
import { and, eq, inArray, sql } from "drizzle-orm";
import { claims, customerAccounts, sellers } from "#db/schema";
import type { ClaimStatus, Country, Segment } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { ClaimRuleError } from "./errors";

export type ClaimRow = typeof claims.$inferSelect;
export interface ClaimWithAccount {
  claim: ClaimRow;
  country: Country;
  segment: Segment;
  collectorId: string | null;
}

/** The claim with what its rules need from its account; scoped to `accountIds` when given (customers). */
export async function loadClaim(
  db: DbOrTx,
  claimId: string,
  scope?: { accountIds: readonly string[] },
): Promise<ClaimWithAccount> {
  if (scope && scope.accountIds.length === 0) throw new ClaimRuleError("claim.not_found");
  const [row] = await db
    .select({
      claim: claims,
      country: sellers.country,
      segment: customerAccounts.segment,
      collectorId: customerAccounts.collectorId,
    })
    .from(claims)
    .innerJoin(customerAccounts, eq(customerAccounts.id, claims.accountId))
    .innerJoin(sellers, eq(sellers.id, claims.sellerId))
    .where(and(eq(claims.id, claimId), scope ? inArray(claims.accountId, [...scope.accountIds]) : undefined));
  if (!row) throw new ClaimRuleError("claim.not_found");
  return row;
}

export async function transitionClaim(
  tx: DbOrTx,
  input: {
    claimId: string;
    version: number;
    from: readonly ClaimStatus[];
    set: Partial<Omit<ClaimRow, "id" | "number" | "version">>;
    now: Date;
    /** Extra condition (e.g. the level the sweeper saw). */
    level?: ClaimRow["level"];
  },
): Promise<ClaimRow> {
  // A deadline cleared (paused, resolved, withdrawn) takes its at-risk mark with it.
  const set = input.set.dueAt === null ? { ...input.set, slaAtRiskAt: null } : input.set;
  const [row] = await tx
    .update(claims)
    .set({ ...set, version: sql`${claims.version} + 1`, updatedAt: input.now })
    .where(
      and(
        eq(claims.id, input.claimId),
        eq(claims.version, input.version),
        inArray(claims.status, [...input.from]),
        input.level ? eq(claims.level, input.level) : undefined,
      ),
    )
    .returning();
  if (!row) throw new ClaimRuleError("claim.stale");
  return row;
}
