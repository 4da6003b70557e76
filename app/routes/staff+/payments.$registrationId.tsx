// One registered payment in the cash application queue: what the customer registered, its suspected
// duplicates, and the collector's actions: confirm (issues the ledger payment and applies it, with the
// REP of Mexican PPD invoices), reject with the reason the customer sees, adjust the allocation, decide
// a suspected duplicate, unapply a confirmed application (a reversal entry). Outside the staff
// member's reach it is not found; without apply:payments it is read only.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChequePanel } from "~/components/cheque-panel";
import { AllocationTable } from "~/components/payments";
import { ActionNotice } from "~/components/ui/action-notice";
import { Button } from "~/components/ui/button";
import { staffAllows } from "~/domain/identity/permissions";
import { adjustPaymentAllocation } from "~/domain/payments/adjust-payment-allocation.server";
import { payableAmount } from "~/domain/payments/allocate-oldest-first";
import { confirmPayment } from "~/domain/payments/confirm-payment.server";
import { decideDuplicate } from "~/domain/payments/decide-duplicate.server";
import { findPaymentDuplicates } from "~/domain/payments/find-payment-duplicates.server";
import { listAllocatableInvoices } from "~/domain/payments/list-allocatable-invoices.server";
import { StaffPaymentActionSchema, filledAllocations } from "~/domain/payments/payment-forms";
import { getRegistrationRow, getStaffRegistration } from "~/domain/payments/read-payment-registrations.server";
import { PaymentRegistrationError } from "~/domain/payments/registration-errors";
import { rejectPayment } from "~/domain/payments/reject-payment.server";
import { unapplyPayment } from "~/domain/payments/unapply-payment.server";
import { presentRegistration } from "~/pages/payment-registration.server";
import { presentRegistrationCheque } from "~/pages/registration-cheque.server";
import { RegistrationView } from "~/pages/registration-view";
import { actorFor, requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate } from "~/utils/i18n";
import { requireIdParam } from "~/utils/input";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { forbidden, notFound } from "~/utils/permissions.server";

export const meta = pageTitle("titles.paymentRegistration");

async function reach(request: Request, registrationId: string | undefined) {
  const user = await requireStaffUser(request);
  const db = await getDb();
  const detail = await getStaffRegistration(db, user, requireIdParam(registrationId));
  if (!detail) notFound();
  return { user, db, detail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, detail } = await reach(request, params.registrationId);
  const language = await getLanguage(request, user);
  const registration = presentRegistration(detail, language);
  const inReview = detail.registration.status === "in_review";
  const row = inReview ? await getRegistrationRow(db, detail.registration.id) : null;
  const duplicates = row ? await findPaymentDuplicates(db, row) : [];
  const invoices = inReview ? await listAllocatableInvoices(db, detail.registration.accountId) : [];
  return {
    registration,
    cheque: await presentRegistrationCheque(db, detail.registration.id, { language, staff: true }),
    canApply: staffAllows(user.staffRole, "apply:payments"),
    duplicates,
    invoices: invoices.map((i) => ({
      id: i.id,
      label: `${i.series}-${i.folio}`,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      currency: i.currency,
      openAmount: i.openAmount,
      disputedAmount: i.disputedAmount,
      payable: payableAmount(i),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, detail } = await reach(request, params.registrationId);
  if (!staffAllows(user.staffRole, "apply:payments")) forbidden();
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: StaffPaymentActionSchema });
  if (submission.status !== "success")
    return data({ ok: false as const, intent: null, error: t("validation.invalid") }, { status: 400 });
  const value = submission.value;
  const actor = { ...actorFor(request, user), userId: user.id };
  const registrationId = detail.registration.id;
  const now = new Date();
  try {
    switch (value.intent) {
      case "confirm":
        await confirmPayment(db, actor, {
          registrationId,
          version: value.version,
          now,
          exchangeRate: value.exchangeRate ?? null,
        });
        break;
      case "reject":
        await rejectPayment(db, actor, { registrationId, version: value.version, reason: value.reason, now });
        break;
      case "adjust":
        await adjustPaymentAllocation(db, actor, {
          registrationId,
          version: value.version,
          allocations: filledAllocations(value.allocations),
          now,
        });
        break;
      case "duplicate": {
        const row = await getRegistrationRow(db, registrationId);
        const suspects = row ? await findPaymentDuplicates(db, row) : [];
        const of = suspects.find((s) => s.id === value.duplicateOfId) ?? suspects[0] ?? null;
        await decideDuplicate(db, actor, {
          registrationId,
          version: value.version,
          decision: value.decision,
          duplicateOfId: of?.kind === "registration" ? of.id : null,
          reason: t("registrations.duplicateRejectReason", { label: of?.label ?? "" }),
          now,
        });
        break;
      }
      case "unapply":
        await unapplyPayment(db, actor, {
          registrationId,
          applicationId: value.applicationId,
          reason: value.reason,
          timeZone: detail.registration.timeZone,
          now,
        });
        break;
    }
    return data({ ok: true as const, intent: value.intent, error: null });
  } catch (error) {
    if (!(error instanceof PaymentRegistrationError)) throw error;
    if (error.code === "registration.not_found") notFound();
    return data(
      { ok: false as const, intent: value.intent, error: t(`registrations.errors.${error.code}`) },
      { status: error.code === "registration.stale" ? 409 : 400 },
    );
  }
}

export default function StaffRegistration() {
  const { t } = useTranslation();
  const { registration: r, cheque, canApply, duplicates, invoices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/staff/payments/${r.id}`;
  const inReview = r.status === "in_review";
  const money = (v: string) => formatMoney(v, r.currency, r.locale);
  return (
    <RegistrationView
      registration={r}
      backTo="/staff/payments"
      links={{
        receipt: `${base}/receipt`,
        proof: `${base}/proof`,
        rep: (id, format) => `/staff/payments/reps/${id}/${format}`,
        document: (id) => `/staff/accounts/${r.accountId}/documents/${id}`,
      }}
    >
      <ActionNotice error={result?.error} done={result?.ok ? t("registrations.done") : null} />
      {cheque ? (
        <ChequePanel
          cheque={cheque}
          documentLink={(id) => `/staff/accounts/${r.accountId}/documents/${id}`}
          manageLink={`/staff/cheques?view=all&q=${encodeURIComponent(cheque.number)}`}
        />
      ) : null}
      {inReview ? (
        <section aria-labelledby="duplicates-title" className="space-y-2">
          <h2 id="duplicates-title" className="text-lg font-semibold text-slate-900">
            {t("registrations.duplicates")}
          </h2>
          {duplicates.length === 0 ? (
            <p className="text-sm text-slate-700">{t("registrations.noDuplicates")}</p>
          ) : (
            <>
              <p className="text-sm text-slate-700">{t("registrations.duplicatesIntro")}</p>
              <ul className="divide-y divide-amber-200 rounded-md border border-amber-200 bg-amber-50">
                {duplicates.map((d) => (
                  <li key={d.id} className="p-2 text-sm">
                    <strong>{d.label}</strong> · {money(d.amount)} · {formatDate(d.paidOn, r.locale)} · {d.reference} ·{" "}
                    {d.reasons.map((reason) => t(`registrations.duplicateReasons.${reason}`)).join("; ")}
                  </li>
                ))}
              </ul>
              {canApply ? (
                <Form method="post" className="flex flex-wrap gap-2">
                  <input type="hidden" name="intent" value="duplicate" />
                  <input type="hidden" name="version" value={r.version} />
                  <input type="hidden" name="duplicateOfId" value={duplicates[0].id} />
                  <Button type="submit" name="decision" value="genuine" variant="secondary">
                    {t("registrations.decideGenuine")}
                  </Button>
                  <Button type="submit" name="decision" value="reject" variant="danger">
                    {t("registrations.decideReject")}
                  </Button>
                  <Button type="submit" name="decision" value="keep_on_account" variant="secondary">
                    {t("registrations.decideKeep")}
                  </Button>
                </Form>
              ) : null}
            </>
          )}
        </section>
      ) : null}
      {!canApply ? <p className="text-sm text-slate-600">{t("registrations.readOnly")}</p> : null}
      {canApply && inReview ? (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="version" value={r.version} />
            {r.foreignCurrency ? (
              <div className="mb-3">
                <label htmlFor="exchange-rate" className="block text-sm font-medium text-slate-800">
                  {t("registrations.exchangeRate", { currency: r.currency, national: r.nationalCurrency })}
                </label>
                <input
                  id="exchange-rate"
                  name="exchangeRate"
                  inputMode="decimal"
                  required
                  maxLength={13}
                  pattern="[0-9]{1,6}([.,][0-9]{1,6})?"
                  className="mt-1 block w-40 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
                />
              </div>
            ) : null}
            <Button type="submit">{t("registrations.confirm")}</Button>
          </Form>
          <Form method="post" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <input type="hidden" name="intent" value="adjust" />
            <input type="hidden" name="version" value={r.version} />
            <AllocationTable
              key={r.version}
              invoices={invoices}
              amount={r.amount}
              currency={r.currency}
              locale={r.locale}
              initial={Object.fromEntries(r.allocations.map((a) => [a.documentId, a.amount]))}
            />
            <Button type="submit" variant="secondary">
              {t("registrations.adjust")}
            </Button>
          </Form>
          <Form method="post" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <input type="hidden" name="intent" value="reject" />
            <input type="hidden" name="version" value={r.version} />
            <label htmlFor="reject-reason" className="block text-sm font-medium text-slate-800">
              {t("registrations.reason")}
            </label>
            <textarea
              id="reject-reason"
              name="reason"
              required
              maxLength={500}
              rows={2}
              className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
            />
            <Button type="submit" variant="danger">
              {t("registrations.reject")}
            </Button>
          </Form>
        </>
      ) : null}
      {canApply && r.status === "confirmed"
        ? r.applied
            .filter((a) => !a.isReversal && !a.reversed)
            .map((a) => (
              <Form key={a.id} method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="unapply" />
                <input type="hidden" name="applicationId" value={a.id} />
                <div>
                  <label htmlFor={`unapply-${a.id}`} className="block text-sm text-slate-800">
                    {t("registrations.unapplyReason")} · {a.label} · {money(a.amount)}
                  </label>
                  <input
                    id={`unapply-${a.id}`}
                    name="reason"
                    required
                    maxLength={500}
                    className="mt-1 block rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
                  />
                </div>
                <Button type="submit" variant="danger">
                  {t("registrations.unapply")}
                </Button>
              </Form>
            ))
        : null}
    </RegistrationView>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
