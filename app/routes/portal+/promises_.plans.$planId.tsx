// One payment plan as the customer sees it: its documents, the instalments under discussion or in
// force (each instalment's promise status and what was paid towards it), a counter-proposal beside the
// customer's previous proposal with accept / decline, the reason of a rejection, and withdrawal. A plan
// of an account the user does not hold answers 404; acting needs the "pay" grant on its account.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/forms";
import { InstalmentTable, PlanStatusBadge } from "~/components/plans";
import { Button } from "~/components/ui/button";
import { grantAllows } from "~/domain/identity/permissions";
import { acceptCounter, declineCounter, withdrawPlan } from "~/domain/plans/customer-plan-actions.server";
import { PlanRuleError } from "~/domain/plans/errors";
import { PlanCustomerActionSchema } from "~/domain/plans/plan-forms";
import { readPlan } from "~/domain/plans/read-plans.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate } from "~/utils/i18n";
import { requireIdParam } from "~/utils/input";
import { getRequestT } from "~/utils/language.server";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { notFound, requireCustomerContext } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.paymentPlan");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const planId = requireIdParam(params.planId);
  const scope = await requirePortalScope(request);
  const { grants } = await requireCustomerContext(request);
  const plan = await readPlan(await getDb(), planId, { accountIds: scope.accountIds });
  if (!plan) notFound();
  const money = (amount: string) => formatMoney(amount, plan.currency, scope.locale);
  const date = (iso: string) => formatDate(iso, scope.locale);
  const canAct = grants.some((g) => g.accountId === plan.accountId && grantAllows(g.role, "pay"));
  return {
    id: plan.id,
    account: `${plan.accountName} (${plan.accountNumber})`,
    status: plan.status,
    revision: plan.revision,
    total: money(plan.total),
    note: plan.note,
    rejectionReason: plan.status === "rejected" ? plan.rejectionReason : null,
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
    previous:
      plan.status === "countered"
        ? plan.previousInstalments.map((i) => ({ date: date(i.dueDate), amount: money(i.amount) }))
        : [],
    canAct,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const planId = requireIdParam(params.planId);
  const scope = await requirePortalScope(request);
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: PlanCustomerActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { grants } = await requireCustomerContext(request);
  const accountIds = grants.filter((g) => grantAllows(g.role, "pay")).map((g) => g.accountId);
  const db = await getDb();
  const value = submission.value;
  try {
    if (value.intent === "accept_counter")
      await acceptCounter(db, scope.actor, { planId, revision: value.revision, accountIds });
    else if (value.intent === "decline_counter")
      await declineCounter(db, scope.actor, { planId, revision: value.revision, accountIds });
    else await withdrawPlan(db, scope.actor, { planId, accountIds });
  } catch (error) {
    if (error instanceof PlanRuleError && error.code === "plan.not_found") notFound();
    if (error instanceof PlanRuleError)
      return data({ result: submission.reply({ formErrors: [t(`planErrors.${error.code}`)] }) }, { status: 409 });
    throw error;
  }
  const message =
    value.intent === "accept_counter"
      ? t("plans.counterAccepted")
      : value.intent === "decline_counter"
        ? t("plans.counterDeclined")
        : t("plans.withdrawn");
  return redirectWithToast(request, `/portal/promises/plans/${planId}`, { kind: "success", message });
}

export default function PaymentPlan() {
  const { t } = useTranslation();
  const plan = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formErrors = actionData?.result?.error?.[""] ?? null;
  const open =
    plan.status === "proposed" ||
    plan.status === "countered" ||
    plan.status === "awaiting_approval" ||
    plan.status === "active";
  return (
    <div className="max-w-4xl space-y-6">
      <div className="space-y-2">
        <Link to="/portal/promises/plan" className="text-sm underline">
          {t("plans.title")}
        </Link>
        <h1 className="text-2xl font-semibold text-slate-900">{t("plans.one", { account: plan.account })}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <PlanStatusBadge status={plan.status} />
          <span className="text-slate-800">{t("plans.total", { total: plan.total })}</span>
        </div>
        {plan.status === "awaiting_approval" ? <p>{t("plans.waitingApproval")}</p> : null}
        {plan.rejectionReason ? <p>{t("plans.reason", { reason: plan.rejectionReason })}</p> : null}
      </div>
      <FormError message={formErrors?.[0] ?? null} />
      {plan.status === "countered" ? (
        <section
          aria-labelledby="plan-counter"
          className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4"
        >
          <h2 id="plan-counter" className="text-lg font-semibold text-slate-900">
            {t("plans.theirProposal")}
          </h2>
          <InstalmentTable caption={t("plans.counterProposal")} rows={plan.instalments} />
          <InstalmentTable caption={t("plans.yourProposal")} rows={plan.previous} />
          {plan.canAct ? (
            <div className="flex flex-wrap gap-3">
              <Form method="post">
                <input type="hidden" name="revision" value={plan.revision} />
                <Button type="submit" name="intent" value="accept_counter">
                  {t("plans.acceptCounter")}
                </Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="revision" value={plan.revision} />
                <Button type="submit" name="intent" value="decline_counter" variant="secondary">
                  {t("plans.declineCounter")}
                </Button>
              </Form>
            </div>
          ) : null}
        </section>
      ) : (
        <section aria-labelledby="plan-instalments" className="space-y-2">
          <h2 id="plan-instalments" className="text-lg font-semibold text-slate-900">
            {t("plans.instalments")}
          </h2>
          <InstalmentTable caption={t("plans.instalments")} rows={plan.instalments} />
        </section>
      )}
      <section aria-labelledby="plan-documents" className="space-y-2">
        <h2 id="plan-documents" className="text-lg font-semibold text-slate-900">
          {t("plans.documents")}
        </h2>
        <ul className="space-y-1 text-sm">
          {plan.documents.map((d) => (
            <li key={d.id}>
              <Link to={`/portal/documents/${d.id}`} className="underline">
                {d.label}
              </Link>{" "}
              · {t("plans.documentLine", { date: d.due, planned: d.planned, open: d.open })}
            </li>
          ))}
        </ul>
        {plan.note ? <p className="text-sm text-slate-700">{plan.note}</p> : null}
      </section>
      {open && plan.canAct ? (
        <Form method="post">
          <Button type="submit" name="intent" value="withdraw" variant="secondary">
            {plan.status === "active" ? t("plans.withdrawActive") : t("plans.withdraw")}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
