// The cash application queue: registered payments of the accounts this staff member reaches, in
// review by default (confirmed and rejected on their tabs), oldest first, a keyset page at a time.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RegistrationStatusBadge } from "~/components/payments";
import { buttonClass } from "~/components/ui/button";
import { decodeQueueCursor, listPaymentQueue } from "~/domain/payments/read-payment-registrations.server";
import { PAYMENT_REGISTRATION_STATUSES, type PaymentRegistrationStatus } from "~/domain/vocabulary";
import { requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formattingLocale } from "~/utils/i18n";
import { getLanguage } from "~/utils/language.server";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.paymentQueue");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  const params = new URL(request.url).searchParams;
  const wanted = params.get("status");
  const status: PaymentRegistrationStatus = (PAYMENT_REGISTRATION_STATUSES as readonly string[]).includes(wanted ?? "")
    ? (wanted as PaymentRegistrationStatus)
    : "in_review";
  const page = await listPaymentQueue(await getDb(), user, { status, after: decodeQueueCursor(params.get("after")) });
  return {
    status,
    next: page.next,
    locale: formattingLocale(await getLanguage(request, user), "MX"),
    rows: page.rows.map((r) => ({
      id: r.id,
      folio: `RP-${r.number}`,
      account: `${r.accountNumber} · ${r.accountName}`,
      method: r.method,
      status: r.status,
      paidOn: r.paidOn,
      amount: r.amount,
      currency: r.currency,
      reference: r.reference,
      staffEntered: r.staffEntered,
    })),
  };
}

export default function PaymentQueue() {
  const { t } = useTranslation();
  const { status, next, rows, locale } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("registrations.queueTitle")}</h1>
        <p className="text-slate-600">{t("registrations.queueIntro")}</p>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="status" className="block text-sm font-medium text-slate-800">
            {t("registrations.status")}
          </label>
          <select
            id="status"
            name="status"
            defaultValue={status}
            className="mt-1 block rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
          >
            {PAYMENT_REGISTRATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`registrations.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("registrations.filter")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="text-slate-700">{t("registrations.queueEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <Link to={`/staff/payments/${r.id}`} className="font-medium text-brand-700 underline">
                  {r.folio}
                </Link>{" "}
                <span className="text-sm text-slate-600">
                  · {r.account} · {t(`registrations.methods.${r.method}`)} · {formatDate(r.paidOn, locale)} ·{" "}
                  {r.reference}
                  {r.staffEntered ? ` · ${t("registrations.staffEntered")}` : ""}
                </span>
              </div>
              <div className="flex items-center gap-3">
                <span className="font-medium tabular-nums">{formatMoney(r.amount, r.currency, locale)}</span>
                <RegistrationStatusBadge status={r.status} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {next ? (
        <Link to={`?status=${status}&after=${next}`} className={buttonClass("secondary")}>
          {t("registrations.next")}
        </Link>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
