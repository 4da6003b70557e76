// What the plan pages read: a customer's plans, one plan with its documents, the instalments under
// discussion (and the revision they replace), and, once in force, each instalment's promise with what
// was paid towards it; the staff lists of plans waiting on the collector and waiting for approval.
// Scoped as every read is: by the customer's account IDs, or by the staff member's reach.
import { type SQLWrapper, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  customerAccounts,
  documents,
  paymentPlanDocuments,
  paymentPlanInstalments,
  paymentPlans,
  paymentPromises,
  planApprovalPolicies,
  sellers,
  users,
} from "#db/schema";
import { staffScope } from "~/domain/identity/account-access.server";
import { promisePaidSql } from "~/domain/payments/settle-promise.server";
import type { PlanStatus, StaffRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { OPEN_PLAN_STATUSES } from "./propose-plan.server";

export const PLAN_LIST_LIMIT = 50;

const listColumns = {
  id: paymentPlans.id,
  accountId: paymentPlans.accountId,
  accountNumber: customerAccounts.number,
  accountName: customerAccounts.legalName,
  status: paymentPlans.status,
  total: paymentPlans.total,
  currency: paymentPlans.currency,
  revision: paymentPlans.revision,
  createdAt: paymentPlans.createdAt,
  updatedAt: paymentPlans.updatedAt,
  instalments: sql<number>`(select count(*)::int from ${paymentPlanInstalments} i where i.plan_id = ${paymentPlans.id} and i.revision = ${paymentPlans.revision})`,
  firstDue: sql<
    string | null
  >`(select min(i.due_date)::text from ${paymentPlanInstalments} i where i.plan_id = ${paymentPlans.id} and i.revision = ${paymentPlans.revision})`,
};

export async function listCustomerPlans(db: DbOrTx, accountIds: string[], limit = PLAN_LIST_LIMIT) {
  if (accountIds.length === 0) return [];
  return db
    .select(listColumns)
    .from(paymentPlans)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPlans.accountId))
    .where(inArray(paymentPlans.accountId, accountIds))
    .orderBy(desc(paymentPlans.createdAt), desc(paymentPlans.id))
    .limit(limit);
}

/** The plans in `status` over the accounts the staff member reaches, oldest change first. */
export async function listStaffPlans(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  status: Extract<PlanStatus, "proposed" | "awaiting_approval">,
  limit = PLAN_LIST_LIMIT,
) {
  return db
    .select(listColumns)
    .from(paymentPlans)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPlans.accountId))
    .where(and(eq(paymentPlans.status, status), staffScope(staff)))
    .orderBy(asc(paymentPlans.updatedAt), asc(paymentPlans.id))
    .limit(limit);
}

const personName = (id: SQLWrapper) =>
  sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${id})`;

/** One plan in full; null when it is outside the scope (another customer's, another portfolio's). */
export async function readPlan(
  db: DbOrTx,
  planId: string,
  scope: { accountIds: string[] } | { staff: { id: string; staffRole: StaffRole } },
) {
  if ("accountIds" in scope && scope.accountIds.length === 0) return null;
  const [plan] = await db
    .select({
      ...listColumns,
      note: paymentPlans.note,
      rejectionReason: paymentPlans.rejectionReason,
      activatedAt: paymentPlans.activatedAt,
      proposedBy: personName(paymentPlans.proposedById),
      decidedBy: personName(paymentPlans.decidedById),
      approvedBy: personName(paymentPlans.approvedById),
      rejectedBy: personName(paymentPlans.rejectedById),
      timeZone: sellers.timeZone,
      country: sellers.country,
      approvalAbove: sql<
        string | null
      >`(select ${planApprovalPolicies.approvalAbove}::text from ${planApprovalPolicies} where ${planApprovalPolicies.sellerId} = ${customerAccounts.sellerId} and ${planApprovalPolicies.currency} = ${paymentPlans.currency})`,
    })
    .from(paymentPlans)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPlans.accountId))
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(
      and(
        eq(paymentPlans.id, planId),
        "accountIds" in scope ? inArray(paymentPlans.accountId, scope.accountIds) : staffScope(scope.staff),
      ),
    );
  if (!plan) return null;
  const [docs, instalments, promises] = await Promise.all([
    db
      .select({
        id: documents.id,
        kind: documents.kind,
        series: documents.series,
        folio: documents.folio,
        dueDate: documents.dueDate,
        planned: paymentPlanDocuments.amount,
        open: documents.openAmount,
      })
      .from(paymentPlanDocuments)
      .innerJoin(documents, eq(documents.id, paymentPlanDocuments.documentId))
      .where(eq(paymentPlanDocuments.planId, planId))
      .orderBy(asc(paymentPlanDocuments.position)),
    db
      .select({
        revision: paymentPlanInstalments.revision,
        position: paymentPlanInstalments.position,
        dueDate: paymentPlanInstalments.dueDate,
        amount: paymentPlanInstalments.amount,
        author: paymentPlanInstalments.author,
      })
      .from(paymentPlanInstalments)
      .where(
        and(
          eq(paymentPlanInstalments.planId, planId),
          inArray(paymentPlanInstalments.revision, [plan.revision, plan.revision - 1]),
        ),
      )
      .orderBy(asc(paymentPlanInstalments.revision), asc(paymentPlanInstalments.position)),
    db
      .select({
        id: paymentPromises.id,
        position: paymentPromises.planPosition,
        status: paymentPromises.status,
        amount: paymentPromises.amount,
        promisedDate: paymentPromises.promisedDate,
        paidAmount: paymentPromises.paidAmount,
        // Qualified: in a one-table select drizzle writes the bare column, which the subquery's own alias would capture.
        paidSoFar: promisePaidSql(sql`"payment_promises"."id"`),
      })
      .from(paymentPromises)
      .where(eq(paymentPromises.planId, planId))
      .orderBy(asc(paymentPromises.planPosition)),
  ]);
  return {
    ...plan,
    documents: docs,
    instalments: instalments.filter((i) => i.revision === plan.revision),
    previousInstalments: instalments.filter((i) => i.revision === plan.revision - 1),
    promises,
  };
}

/**
 * What the proposal form offers: the account's open charges past their due date (`today`, the seller's
 * day) that no pending promise nor open plan holds, oldest due first: a document it listed beyond
 * those could only be refused (plan.already_promised / plan.already_planned) once submitted.
 */
export async function listPlannableDocuments(db: DbOrTx, accountId: string, today: string) {
  return db
    .select({
      id: documents.id,
      kind: documents.kind,
      series: documents.series,
      folio: documents.folio,
      dueDate: documents.dueDate,
      currency: documents.currency,
      open: documents.openAmount,
    })
    .from(documents)
    .where(
      and(
        eq(documents.accountId, accountId),
        eq(documents.effect, "charge"),
        eq(documents.status, "issued"),
        sql`${documents.openAmount} > 0`,
        sql`${documents.dueDate} < ${today}`,
        sql`not exists (select 1 from payment_promise_documents pd join payment_promises p on p.id = pd.promise_id
              where pd.document_id = ${documents.id} and p.status = 'pending')`,
        sql`not exists (select 1 from payment_plan_documents pp join payment_plans pl on pl.id = pp.plan_id
              where pp.document_id = ${documents.id} and pl.status in (${sql.join(
                OPEN_PLAN_STATUSES.map((status) => sql`${status}`),
                sql`, `,
              )}))`,
      ),
    )
    .orderBy(asc(documents.dueDate), asc(documents.id))
    .limit(PLANNABLE_LIMIT);
}

/** At most this many documents are offered for a plan (a plan takes at most MAX_PLAN_DOCUMENTS). */
export const PLANNABLE_LIMIT = 200;
