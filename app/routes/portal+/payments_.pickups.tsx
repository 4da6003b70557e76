// A customer asks for a cheque to be picked up by the seller's courier (issue 12 item 9): the day (from
// tomorrow to MAX_PICKUP_DAYS ahead, the seller's calendar), the address and whom to ask for; below, the
// pickups already asked for on the accounts in view. The form names the account (the selected one);
// the action checks the user's "pay" grant on it, never the switcher's cookie.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { MAX_PICKUP_DAYS, PickupFormSchema } from "~/domain/cheques/cheque-forms";
import { ChequeError } from "~/domain/cheques/errors";
import { listPickupsForAccounts } from "~/domain/cheques/read-cheques.server";
import { PickupDateError, requestPickup } from "~/domain/cheques/request-pickup.server";
import { grantAllows } from "~/domain/identity/permissions";
import { requirePortalScope } from "~/utils/account-scope.server";
import { addDays } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate, todayIn } from "~/utils/i18n";
import { getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { requireCustomerPermission } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.pickupRequest");

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requirePortalScope(request);
  const pickups = await listPickupsForAccounts(await getDb(), scope.accountIds);
  const grant = scope.view === "account" ? scope.grant : null;
  const today = todayIn(scope.timeZone);
  return {
    form: grant
      ? grantAllows(grant.role, "pay")
        ? {
            state: "ready" as const,
            accountId: grant.accountId,
            account: `${grant.legalName} (${grant.number})`,
            min: addDays(today, 1),
            max: addDays(today, MAX_PICKUP_DAYS),
          }
        : { state: "notAllowed" as const }
      : { state: "chooseAccount" as const },
    multiAccount: scope.accountIds.length > 1,
    pickups: pickups.map((p) => ({
      id: p.id,
      account: `${p.accountName} (${p.accountNumber})`,
      date: formatDate(p.pickupDate, scope.locale),
      address: p.address,
      contactName: p.contactName,
      contactPhone: p.contactPhone,
      status: p.status,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requirePortalScope(request);
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: PickupFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { user, grant } = await requireCustomerPermission(request, submission.value.accountId, "pay");
  try {
    await requestPickup(
      await getDb(),
      { ...scope.actor, userId: user.id },
      { ...submission.value, accountId: grant.accountId, now: new Date() },
    );
  } catch (error) {
    if (error instanceof PickupDateError)
      return data(
        {
          result: submission.reply({
            fieldErrors: {
              pickupDate: [
                t("cheques.request.dateOutOfRange", {
                  from: formatDate(error.from, scope.locale),
                  to: formatDate(error.to, scope.locale),
                }),
              ],
            },
          }),
        },
        { status: 400 },
      );
    if (error instanceof ChequeError)
      return data({ result: submission.reply({ formErrors: [t(`cheques.errors.${error.code}`)] }) }, { status: 400 });
    throw error;
  }
  return redirectWithToast(request, "/portal/payments/pickups", {
    kind: "success",
    message: t("cheques.request.requested", { date: formatDate(submission.value.pickupDate, scope.locale) }),
  });
}

export default function PickupRequest() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("cheques.request.title")}</h1>
        <p className="text-slate-600">{t("cheques.request.intro")}</p>
      </div>
      <section aria-labelledby="pickup-new" className="space-y-3">
        <h2 id="pickup-new" className="sr-only">
          {t("cheques.request.submit")}
        </h2>
        {page.form.state === "chooseAccount" ? (
          <p role="status">{t("cheques.request.chooseAccount")}</p>
        ) : page.form.state === "notAllowed" ? (
          <p role="status">{t("cheques.request.notAllowed")}</p>
        ) : (
          <PickupForm form={page.form} />
        )}
      </section>
      <section aria-labelledby="pickup-list" className="space-y-3">
        <h2 id="pickup-list" className="text-lg font-semibold text-slate-900">
          {t("cheques.request.list")}
        </h2>
        {page.pickups.length === 0 ? (
          <p>{t("cheques.request.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {page.pickups.map((p) => (
              <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 p-3 text-sm">
                <div className="min-w-0 space-y-0.5">
                  <p className="font-medium text-slate-900">
                    {p.date}
                    {page.multiAccount ? <span className="font-normal text-slate-600"> · {p.account}</span> : null}
                  </p>
                  <p className="break-words text-slate-700">{p.address}</p>
                  <p className="text-slate-700">
                    {t("cheques.pickups.contact", { name: p.contactName, phone: p.contactPhone })}
                  </p>
                </div>
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800">
                  {t(`cheques.pickups.statuses.${p.status}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

type ReadyForm = Extract<ReturnType<typeof useLoaderData<typeof loader>>["form"], { state: "ready" }>;

function PickupForm({ form: ready }: { form: ReadyForm }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(PickupFormSchema, {
    id: "pickup",
    lastResult: actionData?.result,
    defaultValue: { accountId: ready.accountId },
  });
  const submitting = useIsSubmitting();
  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <p className="text-sm text-slate-700">{t("cheques.request.account", { account: ready.account })}</p>
      <FormError form={form} />
      <input type="hidden" name="accountId" value={ready.accountId} />
      <div>
        <Field
          label={t("cheques.request.date")}
          meta={fields.pickupDate}
          type="date"
          min={ready.min}
          max={ready.max}
          aria-describedby={`${fields.pickupDate.id}-hint${fields.pickupDate.errors?.length ? ` ${fields.pickupDate.errorId}` : ""}`}
        />
        <p id={`${fields.pickupDate.id}-hint`} className="text-xs text-slate-600">
          {t("cheques.request.dateHint", { days: MAX_PICKUP_DAYS })}
        </p>
      </div>
      <Field label={t("cheques.request.address")} meta={fields.address} autoComplete="street-address" />
      <Field label={t("cheques.request.contactName")} meta={fields.contactName} autoComplete="name" />
      <Field label={t("cheques.request.contactPhone")} meta={fields.contactPhone} inputMode="tel" autoComplete="tel" />
      <div>
        <label htmlFor={fields.notes.id} className="block text-sm font-medium text-slate-800">
          {t("cheques.request.notes")}
        </label>
        <textarea
          id={fields.notes.id}
          name={fields.notes.name}
          rows={2}
          maxLength={500}
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        />
        <FieldErrors id={fields.notes.errorId} errors={fields.notes.errors} />
      </div>
      <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
        {t("cheques.request.submit")}
      </Button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
