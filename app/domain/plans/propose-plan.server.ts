// The customer proposes a payment plan for an overdue balance: chosen documents of one account, each
// past its due date in the seller's calendar, of one currency, none under a pending promise or another
// open plan (locked, so two proposals cannot both pass), and MIN–MAX instalments whose sum is at most
// what those documents have open (plan-rules.ts). The plan, its documents, its first revision of
// instalments, the audit event and the collector's email task commit together.
import { and, eq, gt, inArray, lt } from "drizzle-orm";
import {
  customerAccounts,
  documents,
  paymentPlanDocuments,
  paymentPlanInstalments,
  paymentPlans,
  paymentPromiseDocuments,
  paymentPromises,
  sellers,
} from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { Currency } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { addMoney, toMoney } from "~/utils/money";
import { PlanRuleError } from "./errors";
import { type PlanInstalment, checkInstalments, instalmentsTotal } from "./plan-rules";
import { queuePlanEmails } from "./queue-plan-emails.server";

/** The statuses in which a plan still holds its documents (no other plan or promise may take them). */
export const OPEN_PLAN_STATUSES = ["proposed", "countered", "awaiting_approval", "active"] as const;

export interface ProposePlanInput {
  accountId: string;
  userId: string;
  documentIds: string[];
  instalments: PlanInstalment[];
  note?: string | null;
  now?: Date;
}

export async function proposePlan(
  db: DbOrTx,
  actor: Actor,
  input: ProposePlanInput,
): Promise<{ id: string; total: string; currency: Currency }> {
  const now = input.now ?? new Date();
  const instalments = input.instalments.map((i) => ({ dueDate: i.dueDate, amount: toMoney(i.amount) }));
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({ timeZone: sellers.timeZone, collectorId: customerAccounts.collectorId })
      .from(customerAccounts)
      .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
      .where(eq(customerAccounts.id, input.accountId));
    if (!account) throw new PlanRuleError("plan.document_not_overdue");
    const today = todayIn(account.timeZone, now);
    const ids = [...new Set(input.documentIds)];
    const rows = await tx
      .select({ id: documents.id, currency: documents.currency, open: documents.openAmount })
      .from(documents)
      .where(
        and(
          inArray(documents.id, ids),
          eq(documents.accountId, input.accountId),
          eq(documents.effect, "charge"),
          eq(documents.status, "issued"),
          gt(documents.openAmount, "0"),
          lt(documents.dueDate, today),
        ),
      )
      .orderBy(documents.dueDate, documents.id)
      .for("update");
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined || ids.length === 0) throw new PlanRuleError("plan.document_not_overdue", missing);
    const currencies = new Set(rows.map((r) => r.currency));
    if (currencies.size !== 1) throw new PlanRuleError("plan.currency_mixed");
    const problem = checkInstalments(instalments, today, addMoney("0", ...rows.map((r) => r.open)));
    if (problem) throw new PlanRuleError(problem);
    const [promised] = await tx
      .select({ documentId: paymentPromiseDocuments.documentId })
      .from(paymentPromiseDocuments)
      .innerJoin(paymentPromises, eq(paymentPromises.id, paymentPromiseDocuments.promiseId))
      .where(and(inArray(paymentPromiseDocuments.documentId, ids), eq(paymentPromises.status, "pending")))
      .limit(1);
    if (promised) throw new PlanRuleError("plan.already_promised", promised.documentId);
    const [planned] = await tx
      .select({ documentId: paymentPlanDocuments.documentId })
      .from(paymentPlanDocuments)
      .innerJoin(paymentPlans, eq(paymentPlans.id, paymentPlanDocuments.planId))
      .where(and(inArray(paymentPlanDocuments.documentId, ids), inArray(paymentPlans.status, [...OPEN_PLAN_STATUSES])))
      .limit(1);
    if (planned) throw new PlanRuleError("plan.already_planned", planned.documentId);

    const id = createRandomId();
    const [currency] = [...currencies];
    const total = instalmentsTotal(instalments);
    const plan = {
      id,
      accountId: input.accountId,
      currency,
      status: "proposed" as const,
      revision: 1,
      total,
      note: input.note || null,
      proposedById: input.userId,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insert(paymentPlans).values(plan);
    await tx
      .insert(paymentPlanDocuments)
      .values(rows.map((r, position) => ({ planId: id, position, documentId: r.id, amount: r.open })));
    await tx.insert(paymentPlanInstalments).values(
      instalments.map((instalment, position) => ({
        planId: id,
        revision: 1,
        position,
        author: "customer" as const,
        createdAt: now,
        dueDate: instalment.dueDate,
        amount: instalment.amount,
      })),
    );
    await recordAuditEvents(tx, actor, [
      {
        action: "plan.proposed",
        entityType: "payment_plan",
        entityId: id,
        accountId: input.accountId,
        after: {
          status: "proposed",
          total,
          currency,
          documents: rows.map((r) => ({ documentId: r.id, amount: r.open })),
          instalments: instalments,
        },
      },
    ]);
    await queuePlanEmails(tx, {
      event: "proposed",
      plan,
      collectorId: account.collectorId,
      actorUserId: input.userId,
      now,
    });
    return { id, total, currency };
  });
}
