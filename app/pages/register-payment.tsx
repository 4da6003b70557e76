// The payment registration form (customer) and the manual receipt (collector): the account it acts
// on, named and sent with the form; method, dates, amount, currency, bank, reference, proof file and
// the allocation to the account's open invoices.
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { AllocationTable } from "~/components/payments";
import { Button, buttonClass } from "~/components/ui/button";
import { RegisterPaymentFormSchema } from "~/domain/payments/payment-forms";
import { CURRENCIES, type Currency, MANUAL_PAYMENT_METHODS } from "~/domain/vocabulary";
import type { RegisterPaymentData } from "./register-payment.server";

export interface RegisterPaymentActionData {
  result?: Parameters<typeof useValidatedForm>[1]["lastResult"];
  error?: string;
}

export function RegisterPaymentPage() {
  const { t } = useTranslation();
  const data = useLoaderData<RegisterPaymentData>();
  const actionData = useActionData<RegisterPaymentActionData>();
  const [form, fields] = useValidatedForm(RegisterPaymentFormSchema, {
    id: "register-payment",
    lastResult: actionData?.result,
    defaultValue: {
      accountId: data.account.id,
      method: data.country === "CO" ? "pse_ach" : "spei",
      paidOn: data.today,
      currency: data.account.currency,
    },
  });
  const submitting = useIsSubmitting();
  const currency = ((fields.currency.value as string | undefined) ?? data.account.currency) as Currency;
  const method = (fields.method.value as string | undefined) ?? (data.country === "CO" ? "pse_ach" : "spei");
  const staff = data.side === "staff";
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">
          {t(staff ? "registrations.staffRegister" : "registrations.register")}
        </h1>
        <p className="text-slate-600">
          {t(staff ? "registrations.staffRegisterIntro" : "registrations.registerIntro")}
        </p>
      </div>
      {data.accounts.length > 1 ? (
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="account" className="block text-sm font-medium text-slate-800">
              {t("registrations.account")}
            </label>
            <select
              id="account"
              name="account"
              defaultValue={data.account.id}
              className="mt-1 block rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
            >
              {data.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.number} · {a.legalName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            {t("registrations.changeAccount")}
          </button>
        </Form>
      ) : null}
      <Form
        method="post"
        encType="multipart/form-data"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        {...getFormProps(form)}
      >
        <FormError form={form} />
        <input type="hidden" name="accountId" value={data.account.id} />
        <p className="text-sm text-slate-700">
          {t("registrations.account")}:{" "}
          <strong>
            {data.account.number} · {data.account.legalName}
          </strong>
          <span className="block text-xs text-slate-500">{t("registrations.accountHint")}</span>
        </p>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <SelectField
            meta={fields.method}
            label={t("registrations.method")}
            options={MANUAL_PAYMENT_METHODS.map((m) => ({ value: m, label: t(`registrations.methods.${m}`) }))}
          />
          <Field meta={fields.paidOn} label={t("registrations.paidOn")} type="date" />
          {method === "postdated_cheque" ? (
            <Field meta={fields.depositDate} label={t("registrations.depositDate")} type="date" />
          ) : null}
          <Field meta={fields.amount} label={t("registrations.amount")} inputMode="decimal" />
          <SelectField
            meta={fields.currency}
            label={t("registrations.currency")}
            options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          />
          <Field meta={fields.bank} label={t("registrations.bank")} />
          <div>
            <Field meta={fields.reference} label={t("registrations.reference")} />
            <p className="text-xs text-slate-500">{t("registrations.referenceHint")}</p>
          </div>
          <Field meta={fields.notes} label={t("registrations.notes")} />
        </div>
        <div>
          <label htmlFor="proof" className="block text-sm font-medium text-slate-800">
            {t("registrations.proof")}
          </label>
          <input
            id="proof"
            name="proof"
            type="file"
            accept=".xml,.pdf,image/*"
            aria-describedby="proof-hint"
            className="mt-1 block text-sm"
          />
          <p id="proof-hint" className="text-xs text-slate-500">
            {t("registrations.proofHint")}
          </p>
        </div>
        <AllocationTable
          invoices={data.invoices}
          amount={(fields.amount.value as string | undefined) ?? ""}
          currency={currency}
          locale={data.locale}
        />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
            {t("registrations.submit")}
          </Button>
          <Link to={data.cancelTo} className={buttonClass("ghost")}>
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
