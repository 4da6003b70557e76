// What every plan transition shares: reading a plan with the account's seller and collector, the
// open amount its documents still have, the seller's approval policy, and the conditional update that
// moves a plan (`where status in (...) [and revision = $n]`): a second submit, a race between two
// staff members or a customer withdrawing meanwhile changes no row, and the caller aborts.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  customerAccounts,
  documents,
  paymentPlanDocuments,
  paymentPlanInstalments,
  paymentPlans,
  planApprovalPolicies,
  sellers,
} from "#db/schema";
import type { PlanStatus } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { compareMoney } from "~/utils/money";
import { PlanRuleError } from "./errors";
import type { PlanInstalment } from "./plan-rules";

export type PlanRow = typeof paymentPlans.$inferSelect;

/** The plan with its account's seller, time zone and collector; null when it does not exist. */
export async function readPlanContext(db: DbOrTx, planId: string) {
  const [row] = await db
    .select({
      plan: paymentPlans,
      sellerId: customerAccounts.sellerId,
      collectorId: customerAccounts.collectorId,
      timeZone: sellers.timeZone,
    })
    .from(paymentPlans)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPlans.accountId))
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(eq(paymentPlans.id, planId));
  return row ?? null;
}

/** The plan's documents in order, each with what is still open of what the plan covers of it (locked). */
export async function lockPlanDocuments(db: DbOrTx, planId: string) {
  return db
    .select({
      documentId: paymentPlanDocuments.documentId,
      planned: paymentPlanDocuments.amount,
      open: sql<string>`(case when ${documents.status} = 'issued' then least(${documents.openAmount}, ${paymentPlanDocuments.amount}) else 0 end)::numeric(18,2)::text`,
    })
    .from(paymentPlanDocuments)
    .innerJoin(documents, eq(documents.id, paymentPlanDocuments.documentId))
    .where(eq(paymentPlanDocuments.planId, planId))
    .orderBy(asc(paymentPlanDocuments.position))
    .for("update", { of: documents });
}

export async function readInstalments(db: DbOrTx, planId: string, revision: number): Promise<PlanInstalment[]> {
  return db
    .select({ dueDate: paymentPlanInstalments.dueDate, amount: paymentPlanInstalments.amount })
    .from(paymentPlanInstalments)
    .where(and(eq(paymentPlanInstalments.planId, planId), eq(paymentPlanInstalments.revision, revision)))
    .orderBy(asc(paymentPlanInstalments.position));
}

/** The amount above which the seller's plans in this currency need a supervisor (null: no policy, every plan does). */
export async function approvalThreshold(db: DbOrTx, sellerId: string, currency: PlanRow["currency"]) {
  const [row] = await db
    .select({ above: planApprovalPolicies.approvalAbove })
    .from(planApprovalPolicies)
    .where(and(eq(planApprovalPolicies.sellerId, sellerId), eq(planApprovalPolicies.currency, currency)));
  return row?.above ?? null;
}

export function needsApproval(total: string, approvalAbove: string | null): boolean {
  return approvalAbove === null || compareMoney(total, approvalAbove) > 0;
}

/** Moves the plan from one of `from` (at `revision` when given); throws plan.not_waiting when it no longer is there. */
export async function transitionPlan(
  tx: DbOrTx,
  input: {
    planId: string;
    from: readonly PlanStatus[];
    revision?: number;
    now: Date;
    set: Partial<Omit<PlanRow, "id" | "accountId" | "currency" | "createdAt" | "proposedById">>;
  },
): Promise<PlanRow> {
  const [row] = await tx
    .update(paymentPlans)
    .set({ ...input.set, updatedAt: input.now })
    .where(
      and(
        eq(paymentPlans.id, input.planId),
        inArray(paymentPlans.status, [...input.from]),
        input.revision === undefined ? undefined : eq(paymentPlans.revision, input.revision),
      ),
    )
    .returning();
  if (!row) throw new PlanRuleError("plan.not_waiting");
  return row;
}
