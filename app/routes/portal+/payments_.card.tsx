// Paying by card: the selected account's open charges (oldest due first), each with the amount to
// pay (the whole open amount unless the customer types less), and the account's recent card payments.
// Submitting creates our attempt and its Stripe Checkout Session, and sends the browser to Stripe's
// page. Shown only when Stripe is configured; the form names its account and the action checks it
// against the user's grants (the "pay" permission), never the switcher's selection.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DisputedBadge } from "~/components/disputed-badge";
import { FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { TableHead } from "~/components/ui/table";
import { grantAllows } from "~/domain/identity/permissions";
import { cardPaymentFormSchema } from "~/domain/payments/card-payment-form";
import { chosenDocumentAmounts, MAX_DOCUMENTS_PER_FORM } from "~/domain/payments/document-amounts-form";
import { PaymentRuleError } from "~/domain/payments/errors";
import { listPayableDocuments, listRecentCardPayments } from "~/domain/payments/read-card-payments.server";
import { startCardPayment } from "~/domain/payments/start-card-payment.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { formatDate } from "~/utils/i18n";
import { isId } from "~/utils/input";
import { getRequestT } from "~/utils/language.server";
import { formatAmountInput, formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { notFound, requireCustomerContext, requireCustomerPermission } from "~/utils/permissions.server";
import { cardPaymentsEnabled, getStripe } from "~/utils/stripe.server";

export const meta = pageTitle("titles.cardPayment");

export async function loader({ request }: LoaderFunctionArgs) {
  if (!cardPaymentsEnabled()) notFound();
  const scope = await requirePortalScope(request);
  const { grants } = await requireCustomerContext(request);
  const grant = scope.accountId ? grants.find((g) => g.accountId === scope.accountId) : undefined;
  if (!scope.accountId || !grant) return { state: "chooseAccount" as const };
  if (!grantAllows(grant.role, "pay")) return { state: "notAllowed" as const };
  const db = await getDb();
  const wanted = new Set(
    (new URL(request.url).searchParams.get("documents") ?? "").split(",").filter(isId).slice(0, MAX_DOCUMENTS_PER_FORM),
  );
  const payable = await listPayableDocuments(db, scope.accountId);
  const recent = await listRecentCardPayments(db, [scope.accountId]);
  const money = (amount: string, currency: Parameters<typeof formatMoney>[1]) =>
    formatMoney(amount, currency, scope.locale);
  return {
    state: "ready" as const,
    accountId: scope.accountId,
    account: `${grant.legalName} (${grant.number})`,
    locale: scope.locale,
    documents: payable.map((d) => ({
      id: d.id,
      kind: d.kind,
      label: `${d.series}-${d.folio}`,
      due: formatDate(d.dueDate, scope.locale),
      overdue: d.dueDate < new Date().toISOString().slice(0, 10),
      currency: d.currency,
      open: money(d.open, d.currency),
      // Disputed amounts are not suggested (the customer may still type them): a fully disputed charge starts empty.
      openInput: Number(d.suggested) > 0 ? formatAmountInput(d.suggested, scope.locale) : "",
      disputed: d.disputed,
      selected: wanted.has(d.id),
    })),
    recent: recent.map((r) => ({
      id: r.id,
      status: r.status,
      amount: money(r.amount, r.currency),
      created: new Intl.DateTimeFormat(scope.locale, {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: scope.timeZone,
      }).format(r.createdAt),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  if (!cardPaymentsEnabled()) notFound();
  const scope = await requirePortalScope(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: cardPaymentFormSchema(scope.locale) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { user, grant } = await requireCustomerPermission(request, submission.value.accountId, "pay");
  const { t, language } = await getRequestT(request, user);
  try {
    const { checkoutUrl } = await startCardPayment(await getDb(), getStripe(), scope.actor, {
      accountId: grant.accountId,
      userId: user.id,
      items: chosenDocumentAmounts(submission.value.items, scope.locale),
      baseUrl: appBaseUrl(),
      language,
    });
    return redirect(checkoutUrl);
  } catch (error) {
    if (error instanceof PaymentRuleError)
      return data(
        { result: submission.reply({ formErrors: [t(`paymentErrors.${error.code}`)] }) },
        { status: error.code === "checkout.unavailable" ? 503 : 400 },
      );
    throw error;
  }
}

export default function CardPayment() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("cardPayments.title")}</h1>
        <p className="text-slate-600">{t("cardPayments.intro")}</p>
      </div>
      {page.state === "chooseAccount" ? (
        <p role="status">{t("cardPayments.chooseAccount")}</p>
      ) : page.state === "notAllowed" ? (
        <p role="alert">{t("cardPayments.notAllowed")}</p>
      ) : (
        <PayForm page={page} />
      )}
    </div>
  );
}

type ReadyPage = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: "ready" }>;

function PayForm({ page }: { page: ReadyPage }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(cardPaymentFormSchema(page.locale), {
    id: "card-payment",
    lastResult: actionData?.result,
    // The rows as fields, so each row's errors have a place (conform lists what its value holds).
    defaultValue: {
      accountId: page.accountId,
      items: page.documents.map((d) => ({
        documentId: d.id,
        selected: d.selected ? "on" : undefined,
        amount: d.openInput,
      })),
    },
  });
  const items = fields.items.getFieldList();
  const submitting = useIsSubmitting();
  return (
    <>
      <p className="text-sm text-slate-700">{t("cardPayments.account", { account: page.account })}</p>
      {page.documents.length === 0 ? (
        <p role="status">{t("cardPayments.nothingOpen")}</p>
      ) : (
        <Form method="post" reloadDocument className="space-y-4" {...getFormProps(form)}>
          <FormError form={form} />
          <input type="hidden" name="accountId" value={page.accountId} />
          <FieldErrors id={fields.items.errorId} errors={fields.items.errors} />
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("cardPayments.caption")}</caption>
            <TableHead
              className="hidden sm:table-header-group"
              rowClassName="border-b border-slate-200 text-left text-slate-600"
              cellClassName="py-2"
              columns={[
                { label: t("cardPayments.pay"), className: "pr-2" },
                { label: t("cardPayments.document"), className: "pr-2" },
                { label: t("documents.dueDate"), className: "pr-2" },
                { label: t("document.openAmount"), align: "right", className: "pr-2" },
                { label: t("cardPayments.amount"), align: "right" },
              ]}
            />
            <tbody>
              {page.documents.map((d, i) => {
                const amountErrors = items[i]?.getFieldset().amount.errors;
                const errorId = `card-amount-${i}-error`;
                return (
                  <tr key={d.id} className="grid grid-cols-2 gap-1 border-b border-slate-100 py-2 sm:table-row">
                    <td className="py-2 pr-2">
                      <input type="hidden" name={`items[${i}].documentId`} value={d.id} />
                      <input
                        id={`card-pay-${i}`}
                        type="checkbox"
                        name={`items[${i}].selected`}
                        defaultChecked={d.selected}
                        className="h-5 w-5"
                        aria-describedby={`card-doc-${i}`}
                      />
                      <label htmlFor={`card-pay-${i}`} className="sr-only">
                        {t("cardPayments.payThis", { document: d.label })}
                      </label>
                    </td>
                    <td id={`card-doc-${i}`} className="py-2 pr-2 font-medium text-slate-900">
                      <Link to={`/portal/documents/${d.id}`} className="underline">
                        {t(`documents.kinds.${d.kind}`)} {d.label}
                      </Link>
                    </td>
                    <td className="py-2 pr-2">
                      {d.due}
                      {d.overdue ? <span className="ml-1 text-red-700">· {t("cardPayments.overdue")}</span> : null}
                    </td>
                    <td className="py-2 pr-2 sm:text-right">
                      {d.open}
                      {d.disputed ? (
                        <span className="ml-1">
                          <DisputedBadge amount={d.disputed} currency={d.currency} locale={page.locale} />
                        </span>
                      ) : null}
                    </td>
                    <td className="col-span-2 py-2 sm:text-right">
                      <label htmlFor={`card-amount-${i}`} className="sr-only">
                        {t("cardPayments.amountFor", { document: d.label, currency: d.currency })}
                      </label>
                      <input
                        id={`card-amount-${i}`}
                        name={`items[${i}].amount`}
                        defaultValue={d.openInput}
                        inputMode="decimal"
                        className="w-36 rounded-md border-0 px-2 py-1 text-right ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                        aria-invalid={amountErrors?.length ? true : undefined}
                        aria-describedby={amountErrors?.length ? errorId : undefined}
                      />{" "}
                      <span className="text-slate-600">{d.currency}</span>
                      <FieldErrors id={errorId} errors={amountErrors} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="text-xs text-slate-600">{t("cardPayments.hint")}</p>
          <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
            {t("cardPayments.submit")}
          </Button>
        </Form>
      )}
      {page.recent.length > 0 ? (
        <section aria-labelledby="recent-card-payments" className="space-y-2">
          <h2 id="recent-card-payments" className="text-lg font-semibold text-slate-900">
            {t("cardPayments.recent")}
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {page.recent.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 p-3 text-sm">
                <Link to={`/portal/payments/card/${r.id}`} className="underline">
                  {r.created} · {r.amount}
                </Link>
                <span>{t(`cardPayments.status.${r.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
