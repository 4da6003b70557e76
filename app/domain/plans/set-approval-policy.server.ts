// The amount above which a seller's payment plans in a currency need a supervisor's approval: set by
// the demo seed and by administrators; each change audited with what it replaced.
import { and, eq } from "drizzle-orm";
import { planApprovalPolicies } from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { Currency } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { toMoney } from "~/utils/money";

export async function setPlanApprovalPolicy(
  db: DbOrTx,
  actor: Actor,
  input: { sellerId: string; currency: Currency; approvalAbove: string },
) {
  const approvalAbove = toMoney(input.approvalAbove);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ above: planApprovalPolicies.approvalAbove })
      .from(planApprovalPolicies)
      .where(and(eq(planApprovalPolicies.sellerId, input.sellerId), eq(planApprovalPolicies.currency, input.currency)))
      .for("update");
    await tx
      .insert(planApprovalPolicies)
      .values({ sellerId: input.sellerId, currency: input.currency, approvalAbove, updatedById: actor.userId ?? null })
      .onConflictDoUpdate({
        target: [planApprovalPolicies.sellerId, planApprovalPolicies.currency],
        set: { approvalAbove, updatedById: actor.userId ?? null, updatedAt: new Date() },
      });
    await recordAuditEvents(tx, actor, [
      {
        action: "plan.policy_changed",
        entityType: "seller",
        entityId: input.sellerId,
        before: { currency: input.currency, approvalAbove: before?.above ?? null },
        after: { currency: input.currency, approvalAbove },
      },
    ]);
  });
}
