// Payment plans: the customer's plans, and the form to propose one for overdue documents of the
// selected account (the form names the account; the action checks the "pay" grant on it): which
// documents, 2–6 instalments of a date and an amount, a note for the collector.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { InstalmentInputs, PlanStatusBadge } from "~/components/plans";
import { Button } from "~/components/ui/button";
import { grantAllows } from "~/domain/identity/permissions";
import { PlanRuleError } from "~/domain/plans/errors";
import { chosenInstalments, planProposalSchema } from "~/domain/plans/plan-forms";
import { MAX_PLAN_DAYS, MAX_PLAN_INSTALMENTS, MIN_PLAN_INSTALMENTS } from "~/domain/plans/plan-rules";
import { proposePlan } from "~/domain/plans/propose-plan.server";
import { listCustomerPlans, listPlannableDocuments } from "~/domain/plans/read-plans.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate, todayIn } from "~/utils/i18n";
import { getRequestT } from "~/utils/language.server";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { requireCustomerContext, requireCustomerPermission } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.paymentPlans");

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requirePortalScope(request);
  const { grants } = await requireCustomerContext(request);
  const db = await getDb();
  const plans = await listCustomerPlans(db, scope.accountIds);
  const grant = scope.accountId ? grants.find((g) => g.accountId === scope.accountId) : undefined;
  const canPropose = Boolean(grant && grantAllows(grant.role, "pay"));
  const today = todayIn(scope.timeZone);
  const overdue = canPropose && scope.accountId ? await listPlannableDocuments(db, scope.accountId, today) : [];
  const money = (amount: string, currency: Parameters<typeof formatMoney>[1]) =>
    formatMoney(amount, currency, scope.locale);
  return {
    form: grant
      ? canPropose
        ? {
            state: "ready" as const,
            accountId: grant.accountId,
            account: `${grant.legalName} (${grant.number})`,
            locale: scope.locale,
            today,
            documents: overdue.map((d) => ({
              id: d.id,
              kind: d.kind,
              label: `${d.series}-${d.folio}`,
              due: formatDate(d.dueDate, scope.locale),
              open: money(d.open, d.currency),
            })),
          }
        : { state: "notAllowed" as const }
      : { state: "chooseAccount" as const },
    multiAccount: scope.accountIds.length > 1,
    plans: plans.map((p) => ({
      id: p.id,
      account: `${p.accountName} (${p.accountNumber})`,
      status: p.status,
      summary: {
        total: money(p.total, p.currency),
        count: p.instalments,
        date: p.firstDue ? formatDate(p.firstDue, scope.locale) : "",
      },
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requirePortalScope(request);
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: planProposalSchema(scope.locale) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { user, grant } = await requireCustomerPermission(request, submission.value.accountId, "pay");
  const instalments = chosenInstalments(submission.value.instalments, scope.locale);
  try {
    const plan = await proposePlan(await getDb(), scope.actor, {
      accountId: grant.accountId,
      userId: user.id,
      documentIds: submission.value.documents.filter((d) => d.selected).map((d) => d.documentId),
      instalments,
      note: submission.value.note,
    });
    return redirectWithToast(request, `/portal/promises/plans/${plan.id}`, {
      kind: "success",
      message: t("plans.proposed", {
        total: formatMoney(plan.total, plan.currency, scope.locale),
        count: instalments.length,
      }),
    });
  } catch (error) {
    if (error instanceof PlanRuleError)
      return data({ result: submission.reply({ formErrors: [t(`planErrors.${error.code}`)] }) }, { status: 400 });
    throw error;
  }
}

export default function PaymentPlans() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("plans.title")}</h1>
        <p className="text-slate-600">{t("plans.intro")}</p>
      </div>
      <section aria-labelledby="plan-list" className="space-y-3">
        <h2 id="plan-list" className="text-lg font-semibold text-slate-900">
          {t("plans.list")}
        </h2>
        {page.plans.length === 0 ? (
          <p>{t("plans.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {page.plans.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm">
                <Link to={`/portal/promises/plans/${p.id}`} className="font-medium underline">
                  {t("plans.summary", p.summary)}
                  {page.multiAccount ? <span className="font-normal"> · {p.account}</span> : null}
                </Link>
                <PlanStatusBadge status={p.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="plan-new" className="space-y-3">
        <h2 id="plan-new" className="text-lg font-semibold text-slate-900">
          {t("plans.new")}
        </h2>
        {page.form.state === "chooseAccount" ? (
          <p role="status">{t("plans.chooseAccount")}</p>
        ) : page.form.state === "notAllowed" ? (
          <p role="status">{t("plans.notAllowed")}</p>
        ) : (
          <ProposalForm form={page.form} />
        )}
      </section>
    </div>
  );
}

type ReadyForm = Extract<ReturnType<typeof useLoaderData<typeof loader>>["form"], { state: "ready" }>;

function ProposalForm({ form: ready }: { form: ReadyForm }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(planProposalSchema(ready.locale), {
    id: "plan",
    lastResult: actionData?.result,
    defaultValue: { accountId: ready.accountId, documents: ready.documents.map((d) => ({ documentId: d.id })) },
  });
  const submitting = useIsSubmitting();
  if (ready.documents.length === 0) return <p role="status">{t("plans.nothingOverdue")}</p>;
  return (
    <Form method="post" className="space-y-5" {...getFormProps(form)}>
      <p className="text-sm text-slate-700">{t("plans.account", { account: ready.account })}</p>
      <FormError form={form} />
      <input type="hidden" name="accountId" value={ready.accountId} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("plans.documentsCaption")}</legend>
        <FieldErrors id={fields.documents.errorId} errors={fields.documents.errors} />
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {ready.documents.map((d, i) => (
            <li key={d.id} className="flex items-center gap-3 p-3 text-sm">
              <input type="hidden" name={`documents[${i}].documentId`} value={d.id} />
              <input id={`plan-doc-${i}`} type="checkbox" name={`documents[${i}].selected`} className="h-5 w-5" />
              <label htmlFor={`plan-doc-${i}`} className="flex-1">
                <span className="sr-only">{t("plans.includeThis", { document: d.label })}: </span>
                {t(`documents.kinds.${d.kind}`)} {d.label} · {t("plans.overdueOpen", { date: d.due, amount: d.open })}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <InstalmentInputs
        idPrefix="plan"
        field={fields.instalments}
        rows={MAX_PLAN_INSTALMENTS}
        today={ready.today}
        hint={t("plans.instalmentsHint", { min: MIN_PLAN_INSTALMENTS, max: MAX_PLAN_INSTALMENTS, days: MAX_PLAN_DAYS })}
      />
      <div>
        <label htmlFor={fields.note.id} className="block text-sm font-medium text-slate-800">
          {t("plans.note")}
        </label>
        <textarea
          id={fields.note.id}
          name={fields.note.name}
          rows={2}
          maxLength={500}
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        />
      </div>
      <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
        {t("plans.submit")}
      </Button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
