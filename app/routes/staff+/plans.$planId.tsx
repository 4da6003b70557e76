// One payment plan for staff: the customer's proposal (or the counter sent back), its documents, and
// the decisions the staff member may take. With decide:payment_plans on a proposal: accept (in force at
// once, or sent to the supervisor above the seller's amount), counter with changed instalments, or
// reject with a reason. With approve:payment_plans on a plan waiting for approval: approve or reject.
// A plan outside the staff member's reach answers 404.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { InstalmentInputs, InstalmentTable, PlanStatusBadge } from "~/components/plans";
import { Button } from "~/components/ui/button";
import { staffAllows } from "~/domain/identity/permissions";
import { PlanRuleError } from "~/domain/plans/errors";
import { chosenInstalments, planCounterSchema, planDecisionSchema } from "~/domain/plans/plan-forms";
import { MAX_PLAN_DAYS, MAX_PLAN_INSTALMENTS, MIN_PLAN_INSTALMENTS } from "~/domain/plans/plan-rules";
import { needsApproval } from "~/domain/plans/plan-store.server";
import { readPlan } from "~/domain/plans/read-plans.server";
import {
  acceptPlan,
  approvePlan,
  counterPlan,
  disapprovePlan,
  rejectPlan,
} from "~/domain/plans/staff-plan-actions.server";
import { actorFor, requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate, formattingLocale, todayIn } from "~/utils/i18n";
import { requireIdParam } from "~/utils/input";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { formatAmountInput, formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { forbidden, notFound } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.paymentPlan");

async function reach(request: Request, planId: string | undefined) {
  const id = requireIdParam(planId);
  const user = await requireStaffUser(request);
  const db = await getDb();
  const plan = await readPlan(db, id, { staff: user });
  if (!plan) notFound();
  const language = await getLanguage(request, user);
  return { user, db, plan, locale: formattingLocale(language, plan.country) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, plan, locale } = await reach(request, params.planId);
  const money = (amount: string) => formatMoney(amount, plan.currency, locale);
  const date = (iso: string) => formatDate(iso, locale);
  const canApprove = staffAllows(user.staffRole, "approve:payment_plans");
  return {
    id: plan.id,
    account: `${plan.accountNumber} · ${plan.accountName}`,
    accountId: plan.accountId,
    status: plan.status,
    revision: plan.revision,
    total: money(plan.total),
    note: plan.note,
    locale,
    today: todayIn(plan.timeZone),
    rejectionReason: plan.rejectionReason,
    people: {
      proposedBy: plan.proposedBy,
      decidedBy: plan.decidedBy,
      approvedBy: plan.approvedBy,
      rejectedBy: plan.rejectedBy,
    },
    approvalAbove: plan.approvalAbove === null ? null : money(plan.approvalAbove),
    // A supervisor's own acceptance is its approval.
    acceptanceWaits: needsApproval(plan.total, plan.approvalAbove) && !canApprove,
    documents: plan.documents.map((d) => ({
      id: d.id,
      label: `${d.series}-${d.folio}`,
      due: date(d.dueDate),
      planned: money(d.planned),
      open: money(d.open),
    })),
    instalments: plan.instalments.map((i) => {
      const promise = plan.promises.find((p) => p.position === i.position);
      return {
        date: date(i.dueDate),
        amount: money(i.amount),
        status: promise?.status ?? null,
        paid: promise ? money(promise.status === "pending" ? promise.paidSoFar : (promise.paidAmount ?? "0.00")) : null,
      };
    }),
    counterDefaults: plan.instalments.map((i) => ({ dueDate: i.dueDate, amount: formatAmountInput(i.amount, locale) })),
    previous: plan.previousInstalments.map((i) => ({ date: date(i.dueDate), amount: money(i.amount) })),
    canDecide: plan.status === "proposed" && staffAllows(user.staffRole, "decide:payment_plans"),
    canApprove: plan.status === "awaiting_approval" && canApprove,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, plan, locale } = await reach(request, params.planId);
  if (!staffAllows(user.staffRole, "decide:payment_plans")) forbidden();
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: planDecisionSchema(locale) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const actor = { ...actorFor(request, user), userId: user.id };
  let message: string;
  try {
    if (value.intent === "accept") {
      const after = await acceptPlan(db, actor, user, { planId: plan.id, revision: value.revision });
      message = after.status === "awaiting_approval" ? t("plans.sentForApproval") : t("plans.accepted");
    } else if (value.intent === "counter") {
      await counterPlan(db, actor, user, {
        planId: plan.id,
        revision: value.revision,
        instalments: chosenInstalments(value.instalments, locale),
      });
      message = t("plans.countered");
    } else if (value.intent === "reject") {
      await rejectPlan(db, actor, user, { planId: plan.id, revision: value.revision, reason: value.reason });
      message = t("plans.rejected");
    } else if (value.intent === "approve") {
      await approvePlan(db, actor, user, { planId: plan.id });
      message = t("plans.approved");
    } else {
      await disapprovePlan(db, actor, user, { planId: plan.id, reason: value.reason });
      message = t("plans.rejected");
    }
  } catch (error) {
    if (error instanceof PlanRuleError && error.code === "plan.not_found") notFound();
    if (error instanceof PlanRuleError && error.code === "plan.not_allowed") forbidden();
    if (error instanceof PlanRuleError)
      return data({ result: submission.reply({ formErrors: [t(`planErrors.${error.code}`)] }) }, { status: 409 });
    throw error;
  }
  return redirectWithToast(request, `/staff/plans/${plan.id}`, { kind: "success", message });
}

export default function StaffPaymentPlan() {
  const { t } = useTranslation();
  const plan = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formErrors = actionData?.result?.error?.[""] ?? null;
  const submitting = useIsSubmitting();
  return (
    <div className="max-w-4xl space-y-6">
      <div className="space-y-2">
        <Link to="/staff/promises" className="text-sm underline">
          {t("promises.staffTitle")}
        </Link>
        <h1 className="text-2xl font-semibold text-slate-900">{t("plans.staffTitle", { account: plan.account })}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <PlanStatusBadge status={plan.status} />
          <span>{t("plans.total", { total: plan.total })}</span>
          <Link to={`/staff/accounts/${plan.accountId}`} className="text-sm underline">
            {plan.account}
          </Link>
        </div>
        <ul className="text-sm text-slate-700">
          {plan.people.proposedBy ? <li>{t("plans.proposedBy", { name: plan.people.proposedBy })}</li> : null}
          {plan.people.decidedBy ? <li>{t("plans.decidedBy", { name: plan.people.decidedBy })}</li> : null}
          {plan.people.approvedBy ? <li>{t("plans.approvedBy", { name: plan.people.approvedBy })}</li> : null}
          {plan.people.rejectedBy ? <li>{t("plans.rejectedBy", { name: plan.people.rejectedBy })}</li> : null}
        </ul>
        {plan.rejectionReason ? <p>{t("plans.reason", { reason: plan.rejectionReason })}</p> : null}
        {plan.note ? <p className="text-slate-700">“{plan.note}”</p> : null}
        <p className="text-sm text-slate-600">
          {plan.approvalAbove ? t("plans.approvalRule", { amount: plan.approvalAbove }) : t("plans.approvalAlways")}
        </p>
      </div>
      <FormError message={formErrors?.[0] ?? null} />
      <section aria-labelledby="plan-instalments" className="space-y-3">
        <h2 id="plan-instalments" className="text-lg font-semibold text-slate-900">
          {t("plans.instalments")}
        </h2>
        <InstalmentTable
          caption={plan.status === "countered" ? t("plans.counterProposal") : t("plans.customerProposal")}
          rows={plan.instalments}
        />
        {plan.previous.length > 0 ? (
          <InstalmentTable caption={t("plans.previousProposal")} rows={plan.previous} />
        ) : null}
      </section>
      <section aria-labelledby="plan-documents" className="space-y-2">
        <h2 id="plan-documents" className="text-lg font-semibold text-slate-900">
          {t("plans.documents")}
        </h2>
        <ul className="space-y-1 text-sm">
          {plan.documents.map((d) => (
            <li key={d.id}>
              {d.label} · {t("plans.documentLine", { date: d.due, planned: d.planned, open: d.open })}
            </li>
          ))}
        </ul>
      </section>
      {plan.canDecide ? (
        <section aria-labelledby="plan-decide" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="plan-decide" className="text-lg font-semibold text-slate-900">
            {t("plans.staffWaitingCollector")}
          </h2>
          <Form method="post">
            <input type="hidden" name="revision" value={plan.revision} />
            <Button type="submit" name="intent" value="accept" pending={submitting}>
              {plan.acceptanceWaits ? t("plans.acceptNeedsApproval") : t("plans.accept")}
            </Button>
          </Form>
          <CounterForm plan={plan} />
          <ReasonForm intent="reject" revision={plan.revision} label={t("plans.reject")} />
        </section>
      ) : null}
      {plan.canApprove ? (
        <section aria-labelledby="plan-approve" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="plan-approve" className="text-lg font-semibold text-slate-900">
            {t("plans.staffWaitingApproval")}
          </h2>
          <Form method="post">
            <Button type="submit" name="intent" value="approve" pending={submitting}>
              {t("plans.approve")}
            </Button>
          </Form>
          <ReasonForm intent="disapprove" label={t("plans.disapprove")} />
        </section>
      ) : null}
    </div>
  );
}

function CounterForm({ plan }: { plan: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(planCounterSchema(plan.locale), {
    id: "counter",
    lastResult: actionData?.result,
  });
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      <h3 className="font-medium text-slate-900">{t("plans.counter")}</h3>
      <p className="text-sm text-slate-600">{t("plans.counterHint")}</p>
      <input type="hidden" name="intent" value="counter" />
      <input type="hidden" name="revision" value={plan.revision} />
      <InstalmentInputs
        idPrefix="counter"
        field={fields.instalments}
        rows={MAX_PLAN_INSTALMENTS}
        today={plan.today}
        defaults={plan.counterDefaults}
        hint={t("plans.instalmentsHint", { min: MIN_PLAN_INSTALMENTS, max: MAX_PLAN_INSTALMENTS, days: MAX_PLAN_DAYS })}
      />
      <Button type="submit" variant="secondary">
        {t("plans.counterSubmit")}
      </Button>
    </Form>
  );
}

function ReasonForm({
  intent,
  revision,
  label,
}: {
  intent: "reject" | "disapprove";
  revision?: number;
  label: string;
}) {
  const { t } = useTranslation();
  const id = `${intent}-reason`;
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value={intent} />
      {revision !== undefined ? <input type="hidden" name="revision" value={revision} /> : null}
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("plans.rejectReason")}
      </label>
      <textarea
        id={id}
        name="reason"
        required
        minLength={3}
        maxLength={1000}
        rows={2}
        className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
      />
      <Button type="submit" variant="secondary">
        {label}
      </Button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
