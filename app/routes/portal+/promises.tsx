// Payment promises: the customer's promises with what has been paid towards each, and the form to
// promise a payment of chosen open documents by a date (the selected account's; the form names it
// and the action checks the "pay" grant). Withdrawing a pending promise is the other intent.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { grantAllows } from "~/domain/identity/permissions";
import { cancelPromise } from "~/domain/payments/cancel-promise.server";
import { chosenDocumentAmounts } from "~/domain/payments/document-amounts-form";
import { PaymentRuleError } from "~/domain/payments/errors";
import { MAX_PROMISE_DAYS, promiseFormSchema } from "~/domain/payments/promise-form";
import { listPayableDocuments } from "~/domain/payments/read-card-payments.server";
import { listAccountPromises } from "~/domain/payments/read-promises.server";
import { recordPromise } from "~/domain/payments/record-promise.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate, todayIn } from "~/utils/i18n";
import { isId } from "~/utils/input";
import { getRequestT } from "~/utils/language.server";
import { formatAmountInput, formatMoney, subtractMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { requireCustomerContext, requireCustomerPermission } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.promises");

const CancelSchema = z.object({ intent: z.literal("cancel"), promiseId: z.string().trim().min(1).max(64) });

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requirePortalScope(request);
  const { grants } = await requireCustomerContext(request);
  const db = await getDb();
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const list = await listAccountPromises(db, scope.accountIds, page);
  const grant = scope.accountId ? grants.find((g) => g.accountId === scope.accountId) : undefined;
  const canPromise = Boolean(grant && grantAllows(grant.role, "pay"));
  const wanted = new Set((url.searchParams.get("documents") ?? "").split(",").filter(isId));
  const payable = canPromise && scope.accountId ? await listPayableDocuments(db, scope.accountId) : [];
  const money = (amount: string, currency: Parameters<typeof formatMoney>[1]) =>
    formatMoney(amount, currency, scope.locale);
  const today = todayIn(scope.timeZone);
  return {
    form: grant
      ? canPromise
        ? {
            state: "ready" as const,
            accountId: grant.accountId,
            account: `${grant.legalName} (${grant.number})`,
            locale: scope.locale,
            today,
            documents: payable.map((d) => ({
              id: d.id,
              kind: d.kind,
              label: `${d.series}-${d.folio}`,
              due: formatDate(d.dueDate, scope.locale),
              currency: d.currency,
              open: money(d.open, d.currency),
              openInput: formatAmountInput(d.open, scope.locale),
              selected: wanted.has(d.id),
            })),
          }
        : { state: "notAllowed" as const }
      : { state: "chooseAccount" as const },
    page,
    hasMore: list.hasMore,
    promises: list.rows.map((p) => ({
      id: p.id,
      account: `${p.accountName} (${p.accountNumber})`,
      status: p.status,
      promised: money(p.amount, p.currency),
      date: formatDate(p.promisedDate, scope.locale),
      paid: money(p.status === "pending" ? p.paidSoFar : (p.paidAmount ?? "0.00"), p.currency),
      missing:
        p.status === "partly_kept" || p.status === "broken"
          ? money(subtractMoney(p.amount, p.paidAmount ?? "0.00"), p.currency)
          : null,
      documents: p.documents.map((d) => ({ id: d.id, label: d.label })),
      instalment: p.planPosition === null ? null : p.planPosition + 1,
      cancellable:
        p.status === "pending" &&
        p.planId === null &&
        grants.some((g) => g.accountId === p.accountId && grantAllows(g.role, "pay")),
    })),
    multiAccount: scope.accountIds.length > 1,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requirePortalScope(request);
  const formData = await readForm(request);
  const { t } = await getRequestT(request);
  if (formData.get("intent") === "cancel") {
    const submission = parseWithZod(formData, { schema: CancelSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const { grants } = await requireCustomerContext(request);
    const accountIds = grants.filter((g) => grantAllows(g.role, "pay")).map((g) => g.accountId);
    try {
      await cancelPromise(await getDb(), scope.actor, { promiseId: submission.value.promiseId, accountIds });
    } catch (error) {
      if (error instanceof PaymentRuleError && error.code === "promise.not_found")
        throw new Response("Not found", { status: 404 });
      if (error instanceof PaymentRuleError)
        return data({ result: submission.reply({ formErrors: [t(`paymentErrors.${error.code}`)] }) }, { status: 409 });
      throw error;
    }
    return redirectWithToast(request, "/portal/promises", { kind: "success", message: t("promises.cancelled") });
  }
  const submission = parseWithZod(formData, { schema: promiseFormSchema(scope.locale) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { user, grant } = await requireCustomerPermission(request, submission.value.accountId, "pay");
  try {
    const items = chosenDocumentAmounts(submission.value.items, scope.locale);
    const promise = await recordPromise(await getDb(), scope.actor, {
      accountId: grant.accountId,
      userId: user.id,
      promisedDate: submission.value.promisedDate,
      note: submission.value.note,
      items,
    });
    return redirectWithToast(request, "/portal/promises", {
      kind: "success",
      message: t("promises.recorded", {
        amount: formatMoney(promise.amount, promise.currency, scope.locale),
        date: formatDate(submission.value.promisedDate, scope.locale),
      }),
    });
  } catch (error) {
    if (error instanceof PaymentRuleError)
      return data({ result: submission.reply({ formErrors: [t(`paymentErrors.${error.code}`)] }) }, { status: 400 });
    throw error;
  }
}

export default function Promises() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("promises.title")}</h1>
        <p className="text-slate-600">{t("promises.intro")}</p>
        <Link to="/portal/promises/plan" className="mt-2 inline-block text-sm font-medium underline">
          {t("plans.link")}
        </Link>
      </div>
      <section aria-labelledby="promise-list" className="space-y-3">
        <h2 id="promise-list" className="text-lg font-semibold text-slate-900">
          {t("promises.list")}
        </h2>
        {page.promises.length === 0 ? (
          <p>{t("promises.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {page.promises.map((p) => (
              <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 p-3 text-sm">
                <div className="space-y-1">
                  <p className="font-medium text-slate-900">
                    {t("promises.promisedFor", { amount: p.promised, date: p.date })}
                    {page.multiAccount ? <span className="font-normal text-slate-600"> · {p.account}</span> : null}
                  </p>
                  {p.instalment ? (
                    <p className="text-slate-600">{t("plans.instalmentOfPlan", { number: p.instalment })}</p>
                  ) : null}
                  <p className="text-slate-700">
                    {p.status === "pending"
                      ? t("promises.paidSoFar", { amount: p.paid })
                      : t("promises.paidByDate", { amount: p.paid })}
                    {p.missing ? ` · ${t("promises.missing", { amount: p.missing })}` : null}
                  </p>
                  <p className="text-slate-600">
                    {t("promises.documents", { list: "" })}
                    {p.documents.map((d, i) => (
                      <span key={d.id}>
                        {i > 0 ? ", " : null}
                        <Link to={`/portal/documents/${d.id}`} className="underline">
                          {d.label}
                        </Link>
                      </span>
                    ))}
                  </p>
                </div>
                <div className="flex flex-col items-end gap-2">
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800">
                    {t(`promises.status.${p.status}`)}
                  </span>
                  {p.cancellable ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="cancel" />
                      <input type="hidden" name="promiseId" value={p.id} />
                      <Button type="submit" variant="secondary">
                        {t("promises.cancel")}
                      </Button>
                    </Form>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
        <nav aria-label={t("promises.list")} className="flex gap-3 text-sm">
          {page.page > 1 ? (
            <Link to={`?page=${page.page - 1}`} className="underline">
              {t("promises.previous")}
            </Link>
          ) : null}
          {page.hasMore ? (
            <Link to={`?page=${page.page + 1}`} className="underline">
              {t("promises.next")}
            </Link>
          ) : null}
        </nav>
      </section>
      <section aria-labelledby="promise-new" className="space-y-3">
        <h2 id="promise-new" className="text-lg font-semibold text-slate-900">
          {t("promises.new")}
        </h2>
        {page.form.state === "chooseAccount" ? (
          <p role="status">{t("promises.chooseAccount")}</p>
        ) : page.form.state === "notAllowed" ? (
          <p role="status">{t("promises.notAllowed")}</p>
        ) : (
          <PromiseForm form={page.form} />
        )}
      </section>
    </div>
  );
}

type ReadyForm = Extract<ReturnType<typeof useLoaderData<typeof loader>>["form"], { state: "ready" }>;

function PromiseForm({ form: data }: { form: ReadyForm }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(promiseFormSchema(data.locale), {
    id: "promise",
    lastResult: actionData?.result,
    defaultValue: {
      accountId: data.accountId,
      items: data.documents.map((d) => ({
        documentId: d.id,
        selected: d.selected ? "on" : undefined,
        amount: d.openInput,
      })),
    },
  });
  const items = fields.items.getFieldList();
  const submitting = useIsSubmitting();
  if (data.documents.length === 0) return <p role="status">{t("promises.nothingOpen")}</p>;
  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <p className="text-sm text-slate-700">{t("promises.account", { account: data.account })}</p>
      <FormError form={form} />
      <input type="hidden" name="accountId" value={data.accountId} />
      <FieldErrors id={fields.items.errorId} errors={fields.items.errors} />
      <ul
        className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        aria-label={t("promises.caption")}
      >
        {data.documents.map((d, i) => {
          const errors = items[i]?.getFieldset().amount.errors;
          const errorId = `promise-amount-${i}-error`;
          return (
            <li key={d.id} className="flex flex-wrap items-center gap-3 p-3 text-sm">
              <input type="hidden" name={`items[${i}].documentId`} value={d.id} />
              <input
                id={`promise-pick-${i}`}
                type="checkbox"
                name={`items[${i}].selected`}
                defaultChecked={d.selected}
                className="h-5 w-5"
              />
              <label htmlFor={`promise-pick-${i}`} className="min-w-40 flex-1">
                <span className="sr-only">{t("promises.promiseThis", { document: d.label })}: </span>
                {t(`documents.kinds.${d.kind}`)} {d.label} · {d.due} · {d.open}
              </label>
              <label htmlFor={`promise-amount-${i}`} className="sr-only">
                {t("promises.amountFor", { document: d.label, currency: d.currency })}
              </label>
              <input
                id={`promise-amount-${i}`}
                name={`items[${i}].amount`}
                defaultValue={d.openInput}
                inputMode="decimal"
                className="w-36 rounded-md border-0 px-2 py-1 text-right ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                aria-invalid={errors?.length ? true : undefined}
                aria-describedby={errors?.length ? errorId : undefined}
              />
              <FieldErrors id={errorId} errors={errors} />
            </li>
          );
        })}
      </ul>
      <div>
        <label htmlFor={fields.promisedDate.id} className="block text-sm font-medium text-slate-800">
          {t("promises.date")}
        </label>
        <input
          id={fields.promisedDate.id}
          name={fields.promisedDate.name}
          type="date"
          min={data.today}
          className="mt-1 block rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
          aria-invalid={fields.promisedDate.errors?.length ? true : undefined}
          aria-describedby={`${fields.promisedDate.id}-hint`}
        />
        <p id={`${fields.promisedDate.id}-hint`} className="text-xs text-slate-600">
          {t("promises.dateHint", { days: MAX_PROMISE_DAYS })}
        </p>
        <FieldErrors id={fields.promisedDate.errorId} errors={fields.promisedDate.errors} />
      </div>
      <div>
        <label htmlFor={fields.note.id} className="block text-sm font-medium text-slate-800">
          {t("promises.note")}
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
        {t("promises.submit")}
      </Button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
