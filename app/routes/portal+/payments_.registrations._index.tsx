// The payments the customer registered on its accounts, newest first, each with its status.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RegistrationStatusBadge } from "~/components/payments";
import { buttonClass } from "~/components/ui/button";
import { listCustomerRegistrations } from "~/domain/payments/read-payment-registrations.server";
import { requirePaymentCustomer } from "~/pages/payment-registration.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.paymentRegistrations");

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, accountIds } = await requirePaymentCustomer(request);
  const rows = await listCustomerRegistrations(await getDb(), accountIds);
  return {
    locale: scope.locale,
    rows: rows.map((r) => ({
      id: r.id,
      folio: `RP-${r.number}`,
      account: r.accountNumber,
      method: r.method,
      status: r.status,
      paidOn: r.paidOn,
      amount: r.amount,
      currency: r.currency,
      reference: r.reference,
    })),
  };
}

export default function PaymentRegistrations() {
  const { t } = useTranslation();
  const { rows, locale } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("registrations.title")}</h1>
          <p className="text-slate-600">{t("registrations.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to="/portal/payments/pickups" className={buttonClass("secondary")}>
            {t("cheques.request.link")}
          </Link>
          <Link to="/portal/payments/new" className={buttonClass()}>
            {t("registrations.register")}
          </Link>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="text-slate-700">{t("registrations.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <Link to={`/portal/payments/registrations/${r.id}`} className="font-medium text-brand-700 underline">
                  {r.folio}
                </Link>{" "}
                <span className="text-sm text-slate-600">
                  · {r.account} · {t(`registrations.methods.${r.method}`)} · {formatDate(r.paidOn, locale)} ·{" "}
                  {r.reference}
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
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
