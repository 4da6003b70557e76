// Demo payment plans: each seller's approval policy (the amount per currency above which a plan needs a
// supervisor: Mexico 10,000 MXN and 1,000 USD, Colombia 40,000,000 COP and 1,000 USD), and on MX-0003
// (Ricardo, of the group) one plan in each state a collector meets: proposed by the customer, countered
// by the collector, accepted above the amount and waiting for the supervisor, and accepted (in force, its
// instalments the customer's promises). Written through the plans domain at driven times before
// `anchor`, on the account's oldest overdue invoices that no promise or plan holds; deterministic for a
// given anchor and seeded ledger. Their emails are history: none is left queued.
import Decimal from "decimal.js";
import { and, asc, eq, inArray } from "drizzle-orm";
import { accountGrants, customerAccounts, scheduledTasks, sellers, users } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import type { PlanInstalment } from "~/domain/plans/plan-rules";
import { proposePlan } from "~/domain/plans/propose-plan.server";
import { PLAN_EMAIL_TASK } from "~/domain/plans/queue-plan-emails.server";
import { setPlanApprovalPolicy } from "~/domain/plans/set-approval-policy.server";
import { acceptPlan, counterPlan } from "~/domain/plans/staff-plan-actions.server";
import type { Country, Currency } from "~/domain/vocabulary";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { compareMoney, toMoney } from "~/utils/money";
import { issueDemoInvoices } from "./demo-invoices";
import { createRng } from "./prng";

const SEED = 20_261_204;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Plans above these totals wait for a supervisor's approval (plan_approval_policies.approval_above). */
export const PLAN_APPROVAL_POLICIES: Record<Country, Partial<Record<Currency, string>>> = {
  MX: { MXN: "10000.00", USD: "1000.00" },
  CO: { COP: "40000000.00", USD: "1000.00" },
};
export const PLAN_DEMO_ACCOUNT = "MX-0003";

/** `total` in `count` instalments (whole units, the rest on the last), `every` days apart from `first`. */
export function splitInstalments(total: string, count: number, first: string, every: number): PlanInstalment[] {
  const part = new Decimal(total).div(count).toDecimalPlaces(0, Decimal.ROUND_DOWN);
  return Array.from({ length: count }, (_, i) => ({
    dueDate: addDays(first, i * every),
    amount: toMoney(i === count - 1 ? new Decimal(total).minus(part.mul(count - 1)) : part),
  }));
}

export async function seedDemoPlans(db: Db, options: { anchor: Date; log?: (msg: string) => void }) {
  const at = (before: number) => new Date(options.anchor.getTime() - before);
  const sellerRows = await db.select({ id: sellers.id, country: sellers.country }).from(sellers);
  for (const seller of sellerRows)
    for (const [currency, approvalAbove] of Object.entries(PLAN_APPROVAL_POLICIES[seller.country]))
      await setPlanApprovalPolicy(db, SYSTEM_ACTOR, {
        sellerId: seller.id,
        currency: currency as Currency,
        approvalAbove,
      });

  const [account] = await db
    .select({
      id: customerAccounts.id,
      collectorId: customerAccounts.collectorId,
      timeZone: sellers.timeZone,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(eq(customerAccounts.number, PLAN_DEMO_ACCOUNT));
  const [payer] = account
    ? await db
        .select({ id: users.id, email: users.email })
        .from(accountGrants)
        .innerJoin(users, eq(users.id, accountGrants.userId))
        .where(and(eq(accountGrants.accountId, account.id), inArray(accountGrants.role, ["payer", "account_admin"])))
        .orderBy(asc(users.email))
        .limit(1)
    : [];
  const staffRows = await db
    .select({ id: users.id, email: users.email, staffRole: users.staffRole })
    .from(users)
    .where(eq(users.kind, "staff"));
  const collector = staffRows.find((u) => u.id === account?.collectorId);
  if (!account || !payer || !collector?.staffRole) return { plans: 0 };
  const customer = { userId: payer.id, label: payer.email };
  const collectorActor = { userId: collector.id, label: collector.email };
  const collectorStaff = { id: collector.id, staffRole: collector.staffRole };
  const today = todayIn(account.timeZone, options.anchor);

  // Overdue sales of its own (due a month or more ago), oldest first; the last ones stay out of any plan,
  // overdue and free for the customer to propose one.
  const rng = createRng(SEED);
  const issued = await issueDemoInvoices(db, SYSTEM_ACTOR, rng, {
    accountId: account.id,
    issueDates: [150, 146, 140, 135, 130, 126, 122, 118].map((d) => addDays(today, -d)),
  });
  const pool = issued.map((d) => ({ id: d.id, open: d.amount }));
  /** Invoices from the pool until their open amount reaches `atLeast` (at least one). */
  const takeUntil = (atLeast: string) => {
    const taken: typeof pool = [];
    let sum = new Decimal(0);
    while (pool.length > 0 && (taken.length === 0 || sum.lte(atLeast))) {
      const doc = pool.shift()!;
      taken.push(doc);
      sum = sum.plus(doc.open);
    }
    if (compareMoney(sum, atLeast) <= 0 && atLeast !== "0")
      throw new Error(`seed: ${PLAN_DEMO_ACCOUNT} has too little overdue for the plan demo`);
    return { ids: taken.map((d) => d.id), total: toMoney(sum) };
  };
  const threshold = PLAN_APPROVAL_POLICIES.MX.MXN!;
  const propose = (docs: { ids: string[]; total: string }, count: number, when: Date, note: string) =>
    proposePlan(db, customer, {
      accountId: account.id,
      userId: payer.id,
      documentIds: docs.ids,
      instalments: splitInstalments(docs.total, count, addDays(today, 7), 30),
      note,
      now: when,
    });

  // In force: below the amount, the collector's acceptance puts it in force (its instalments are promises).
  const first = takeUntil("0");
  const small = { ids: first.ids, total: compareMoney(first.total, "8000.00") > 0 ? "8000.00" : first.total };
  const accepted = await propose(small, 2, at(6 * DAY), "Dos pagos mensuales mientras cobramos una obra.");
  await acceptPlan(db, collectorActor, collectorStaff, { planId: accepted.id, revision: 1, now: at(5 * DAY) });

  // Waiting for the supervisor: above the amount, accepted by the collector.
  const large = takeUntil(threshold);
  const waiting = await propose(large, 4, at(4 * DAY), "Cuatro pagos mensuales; el flujo se normaliza en marzo.");
  await acceptPlan(db, collectorActor, collectorStaff, { planId: waiting.id, revision: 1, now: at(3 * DAY) });

  // Countered: the collector proposes fewer, closer instalments; the customer has not answered yet.
  const countered = takeUntil("0");
  const plan = await propose(countered, 4, at(3 * DAY), "Proponemos cuatro pagos mensuales.");
  await counterPlan(db, collectorActor, collectorStaff, {
    planId: plan.id,
    revision: 1,
    instalments: splitInstalments(countered.total, 2, addDays(today, 5), 21),
    now: at(2 * DAY),
  });

  // Proposed: new, waiting for the collector.
  await propose(takeUntil("0"), 3, at(5 * HOUR), "Tres pagos a partir de la próxima semana.");

  await db
    .update(scheduledTasks)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(and(eq(scheduledTasks.kind, PLAN_EMAIL_TASK), eq(scheduledTasks.status, "pending")));
  options.log?.(`seed: 4 demo payment plans, approval policies for ${sellerRows.length} sellers`);
  return { plans: 4 };
}
