// Delivers one queued plan email (queue-plan-emails.server.ts), the sweeper's handler for
// PLAN_EMAIL_TASK: re-reads the plan and the recipient when it runs, writes in the recipient's language
// (its saved preference, else Spanish), links to the plan on the configured APP_URL. A disabled
// recipient, or a customer who no longer holds a grant on the plan's account, gets nothing. A failed
// send throws, so the task is retried with backoff.
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { accountGrants, customerAccounts, paymentPlanInstalments, paymentPlans, sellers, users } from "#db/schema";
import { PlanEmail } from "#emails/plan-email";
import type { TaskHandler } from "~/jobs/scheduled-tasks.server";
import type { DbOrTx } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { appBaseUrl } from "~/utils/env.server";
import { DEFAULT_LANGUAGE, formatDate, formattingLocale, getFixedT } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import { PLAN_EMAIL_EVENTS, type PlanEmailEvent } from "./queue-plan-emails.server";

const PayloadSchema = z.object({ planId: z.string(), event: z.enum(PLAN_EMAIL_EVENTS), recipientId: z.string() });

/** The plan's page for this recipient: the portal's for customers, the staff's for staff. */
export function planLink(kind: "customer" | "staff", planId: string, baseUrl = appBaseUrl()): string {
  return kind === "customer" ? `${baseUrl}/portal/promises/plans/${planId}` : `${baseUrl}/staff/plans/${planId}`;
}

export async function sendPlanEmail(db: DbOrTx, input: { planId: string; event: PlanEmailEvent; recipientId: string }) {
  const [row] = await db
    .select({
      plan: paymentPlans,
      accountNumber: customerAccounts.number,
      accountName: customerAccounts.legalName,
      country: sellers.country,
    })
    .from(paymentPlans)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPlans.accountId))
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(eq(paymentPlans.id, input.planId));
  if (!row) return null;
  const [recipient] = await db
    .select({
      email: users.email,
      kind: users.kind,
      language: users.language,
      disabledAt: users.disabledAt,
      granted: sql<boolean>`exists (select 1 from ${accountGrants} g where g.user_id = ${users.id} and g.account_id = ${row.plan.accountId})`,
    })
    .from(users)
    .where(eq(users.id, input.recipientId));
  if (!recipient || recipient.disabledAt) return null;
  if (recipient.kind === "customer" && !recipient.granted) return null;
  const audience = recipient.kind === "customer" ? "customer" : "staff";
  const language = recipient.language ?? DEFAULT_LANGUAGE;
  const locale = formattingLocale(language, row.country);
  const t = getFixedT(language);
  const instalments = await db
    .select({ dueDate: paymentPlanInstalments.dueDate, amount: paymentPlanInstalments.amount })
    .from(paymentPlanInstalments)
    .where(and(eq(paymentPlanInstalments.planId, row.plan.id), eq(paymentPlanInstalments.revision, row.plan.revision)))
    .orderBy(asc(paymentPlanInstalments.position));
  const vars = {
    account: `${row.accountName} (${row.accountNumber})`,
    total: formatMoney(row.plan.total, row.plan.currency, locale),
    count: instalments.length,
  };
  const lines = [t(`plans.email.${input.event}.body`, vars)];
  for (const i of instalments)
    lines.push(
      t("plans.email.instalment", {
        date: formatDate(i.dueDate, locale),
        amount: formatMoney(i.amount, row.plan.currency, locale),
      }),
    );
  return sendEmail({
    to: recipient.email,
    subject: t(`plans.email.${input.event}.subject`, vars),
    react: (
      <PlanEmail
        t={t}
        language={language}
        heading={t(`plans.email.${input.event}.subject`, vars)}
        lines={lines}
        link={planLink(audience, row.plan.id)}
      />
    ),
  });
}

/** The sweeper's handler for PLAN_EMAIL_TASK. */
export const handlePlanEmailDue: TaskHandler = async (tx, payload) => {
  await sendPlanEmail(tx, PayloadSchema.parse(payload));
};
