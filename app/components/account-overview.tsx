// Balances, aging and credit line of one account or a group, per currency. Used by the customer
// home and by staff looking at a customer.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { AccountActivity } from "~/domain/accounts/get-account-activity.server";
import type { AccountOverview, CurrencyTotals } from "~/domain/accounts/get-account-overview.server";
import { AGING_BUCKETS } from "~/domain/ledger/aging-buckets";
import { formatDate, formattingLocale, type Language } from "~/utils/i18n";
import { type Currency, formatMoney } from "~/utils/money";
import { TableHead } from "./ui/table";

const linkClass = "text-brand-700 underline underline-offset-2 hover:no-underline";

/** A figure of the home; with `to`, the figure links to the list of the documents that make it up. */
function Stat({
  label,
  value,
  to,
  hint,
  tone = "default",
}: {
  label: string;
  value: string;
  to?: string;
  hint?: string;
  tone?: "default" | "alert";
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`mt-1 text-xl font-semibold tabular-nums ${tone === "alert" ? "text-red-700" : "text-slate-900"}`}>
        {to ? (
          <Link to={to} className="underline decoration-1 underline-offset-4 hover:no-underline">
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
      {hint ? <dd className="mt-1 text-xs text-slate-600">{hint}</dd> : null}
    </div>
  );
}

/** The list of every open charge behind a home figure (the list's "all charges" tab). */
const chargesList = (basePath: string, filter: string) =>
  `${basePath}/invoices?tab=charges&${filter}&sort=due_date&dir=asc`;

function CurrencyBlock({
  totals,
  locale,
  headingId,
  basePath,
}: {
  totals: CurrencyTotals;
  locale: string;
  headingId: string;
  basePath: string;
}) {
  const { t } = useTranslation();
  const money = (v: string) => formatMoney(v, totals.currency as Currency, locale);
  const currency = `currency=${totals.currency}`;
  const max = Math.max(...AGING_BUCKETS.map((b) => Math.abs(Number(totals.aging[b].amount))), 1);
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h3 id={headingId} className="text-sm font-semibold uppercase tracking-wide text-slate-600">
        {t("common.currency")}: {totals.currency}
      </h3>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label={t("home.balance")}
          value={money(totals.balance)}
          hint={t("home.balanceExplained", {
            charges: money(totals.openCharges),
            credits: money(totals.unappliedCredits),
          })}
        />
        <Stat
          label={t("home.overdue")}
          value={money(totals.overdue)}
          to={chargesList(basePath, `status=overdue&${currency}`)}
          tone={Number(totals.overdue) > 0 ? "alert" : "default"}
        />
        <Stat
          label={t("home.notDue")}
          value={money(totals.notDue)}
          to={chargesList(basePath, `aging=current&${currency}`)}
        />
        <Stat
          label={t("home.unapplied")}
          value={money(totals.unappliedCredits)}
          to={`${basePath}/payments?status=open&${currency}`}
        />
        {Number(totals.disputed) > 0 ? (
          <Stat
            label={t("claims.disputedTotal")}
            value={money(totals.disputed)}
            to={basePath === "/portal" ? "/portal/claims" : "/staff/claims"}
            hint={t("claims.disputedTotalHint")}
          />
        ) : null}
      </dl>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full text-sm">
          <caption className="px-4 pt-3 text-left font-medium text-slate-900">{t("home.aging")}</caption>
          <TableHead
            className="text-left text-slate-600"
            cellClassName="px-4 py-2 font-medium"
            columns={[
              { label: t("aging.bucket") },
              { label: t("aging.count"), align: "right" },
              { label: t("aging.amount"), align: "right" },
              { label: <span className="sr-only">%</span>, className: "hidden w-1/3 sm:table-cell" },
            ]}
          />
          <tbody className="divide-y divide-slate-100">
            {AGING_BUCKETS.map((bucket) => (
              <tr key={bucket}>
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  <Link to={chargesList(basePath, `aging=${bucket}&${currency}`)} className={linkClass}>
                    {t(`aging.${bucket}`)}
                  </Link>
                </th>
                <td className="px-4 py-2 text-right tabular-nums">{totals.aging[bucket].count}</td>
                <td className="px-4 py-2 text-right tabular-nums">{money(totals.aging[bucket].amount)}</td>
                <td className="hidden px-4 py-2 sm:table-cell" aria-hidden="true">
                  <div className="h-2 rounded bg-slate-100">
                    <div
                      className={`h-2 rounded ${bucket === "current" ? "bg-brand-600" : bucket === "d180_plus" || bucket === "d91_180" ? "bg-red-600" : "bg-amber-500"}`}
                      style={{ width: `${Math.round((Math.abs(Number(totals.aging[bucket].amount)) / max) * 100)}%` }}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ActivityView({ activity, locale, basePath }: { activity: AccountActivity; locale: string; basePath: string }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="due-soon" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="due-soon" className="font-medium text-slate-900">
          {t("home.dueSoon")}
        </h2>
        {activity.dueSoon.length === 0 ? <p className="mt-2 text-sm text-slate-600">{t("home.noBalance")}</p> : null}
        {activity.dueSoon.map((d) => (
          <dl key={d.currency} className="mt-3 grid grid-cols-2 gap-3">
            {(
              [
                ["dueNext7", d.next7],
                ["dueNext30", d.next30],
              ] as const
            ).map(([key, v]) => (
              <div key={key}>
                <dt className="text-sm text-slate-600">{t(`home.${key}`)}</dt>
                <dd className="font-semibold tabular-nums">
                  <Link
                    to={chargesList(basePath, `dueWithin=${key === "dueNext7" ? 7 : 30}&currency=${d.currency}`)}
                    className={linkClass}
                    aria-label={`${t(`home.${key}`)}: ${formatMoney(v.amount, d.currency, locale)}. ${t("home.viewDueWithin", { count: key === "dueNext7" ? 7 : 30 })}`}
                  >
                    {formatMoney(v.amount, d.currency, locale)}
                  </Link>
                </dd>
                <dd className="text-xs text-slate-500">{t("home.documentsCount", { count: v.count })}</dd>
              </div>
            ))}
          </dl>
        ))}
        <Link
          to={`${basePath}/invoices?status=due_soon&sort=due_date&dir=asc`}
          className="mt-3 inline-block text-sm font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
        >
          {t("home.viewInvoices")}
        </Link>
      </section>
      <section aria-labelledby="recent-payments" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="recent-payments" className="font-medium text-slate-900">
          {t("home.recentPayments")}
        </h2>
        {activity.recentPayments.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("home.noPayments")}</p>
        ) : null}
        <ul className="mt-2 divide-y divide-slate-100">
          {activity.recentPayments.map((p) => (
            <li key={p.id} className="py-2 text-sm">
              <div className="flex flex-wrap justify-between gap-2">
                <span className="font-medium">
                  <Link
                    to={`${basePath}/payments?q=${encodeURIComponent(p.serieFolio)}#credit-${p.id}`}
                    className={linkClass}
                    aria-label={t("home.viewPayment", { folio: p.serieFolio })}
                  >
                    {p.serieFolio}
                  </Link>{" "}
                  · {formatDate(p.issueDate, locale)}
                </span>
                <span className="font-semibold tabular-nums">{formatMoney(p.amount, p.currency, locale)}</span>
              </div>
              {p.reference ? <p className="text-xs text-slate-500">{p.reference}</p> : null}
              {p.applications.length > 0 ? (
                <p className="text-slate-700">
                  {t("home.paymentAppliedTo")}:{" "}
                  {p.applications.map((a, i) => (
                    <span key={a.targetId}>
                      {i > 0 ? ", " : ""}
                      <Link
                        to={`${basePath}/documents/${a.targetId}`}
                        className="text-brand-700 underline underline-offset-2 hover:no-underline"
                      >
                        {a.serieFolio}
                      </Link>{" "}
                      <span className="tabular-nums">({formatMoney(a.amount, p.currency, locale)})</span>
                    </span>
                  ))}
                </p>
              ) : null}
              {Number(p.unapplied) > 0 ? (
                <p className="text-xs text-amber-800">
                  {t("home.unappliedAmount", { amount: formatMoney(p.unapplied, p.currency, locale) })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="mt-3 flex flex-wrap gap-4">
          <Link to={`${basePath}/payments`} className={`inline-block text-sm font-medium ${linkClass}`}>
            {t("home.viewPayments")}
          </Link>
          <Link to={`${basePath}/payments/new`} className={`inline-block text-sm font-medium ${linkClass}`}>
            {t(basePath.startsWith("/staff") ? "registrations.staffRegister" : "registrations.register")}
          </Link>
        </div>
      </section>
    </div>
  );
}

export function AccountOverviewView({
  overview,
  activity,
  basePath,
  language,
  title,
}: {
  overview: AccountOverview;
  activity: AccountActivity;
  basePath: string;
  language: Language;
  title: string;
}) {
  const { t } = useTranslation();
  const country = overview.accounts[0]?.country;
  const locale = formattingLocale(language, country);
  const single = overview.accounts.length === 1 ? overview.accounts[0] : null;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="text-slate-600">
          {single ? `${single.legalName} · ${single.number} · ${single.taxId}` : null}{" "}
          {overview.asOf ? t("home.asOf", { date: formatDate(overview.asOf, locale) }) : null}
        </p>
      </div>
      {overview.totals.length === 0 ? <p className="text-slate-600">{t("home.noBalance")}</p> : null}
      {overview.totals.map((totals) => (
        <CurrencyBlock
          key={totals.currency}
          totals={totals}
          locale={locale}
          headingId={`totals-${totals.currency}`}
          basePath={basePath}
        />
      ))}
      <ActivityView activity={activity} locale={locale} basePath={basePath} />
      {single ? (
        <section aria-labelledby="credit-line" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="credit-line" className="font-medium text-slate-900">
            {t("home.creditLimit")}
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {[
              [t("home.creditLimit"), formatMoney(single.credit.limit, single.currency, locale)],
              [t("home.creditUsed"), formatMoney(single.credit.used, single.currency, locale)],
              Number(single.credit.exceededBy) > 0
                ? [t("home.creditExceeded"), formatMoney(single.credit.exceededBy, single.currency, locale)]
                : [t("home.creditAvailable"), formatMoney(single.credit.available, single.currency, locale)],
              [t("home.paymentTerm"), t("home.days", { count: single.paymentTermDays })],
              ...(Number(single.credit.heldCheques) > 0
                ? [[t("home.creditHeldCheques"), formatMoney(single.credit.heldCheques, single.currency, locale)]]
                : []),
            ].map(([label, value]) => (
              <div key={label}>
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : (
        <section
          aria-labelledby="group-accounts"
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
        >
          <h2 id="group-accounts" className="px-4 pt-3 font-medium text-slate-900">
            {t("home.accounts")}
          </h2>
          <table className="mt-2 min-w-full text-sm">
            <TableHead
              className="text-left text-slate-600"
              cellClassName="px-4 py-2 font-medium"
              columns={[
                { label: t("nav.account") },
                { label: t("home.balance"), align: "right" },
                { label: t("home.overdue"), align: "right" },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {overview.accounts.flatMap((a) =>
                (a.totals.length ? a.totals : [{ currency: a.currency, balance: "0.00", overdue: "0.00" }]).map(
                  (tot) => (
                    <tr key={`${a.id}-${tot.currency}`}>
                      <th scope="row" className="px-4 py-2 text-left font-normal">
                        {/* Opening an account of the group selects it (the switcher's action), then shows its home. */}
                        {/* A plain form (a document POST): the switch answers with a redirect and a new cookie. */}
                        <form method="post" action="/portal/switch">
                          <input type="hidden" name="selection" value={a.id} />
                          <input type="hidden" name="redirectTo" value="/portal" />
                          <button
                            type="submit"
                            className={`min-h-6 text-left ${linkClass}`}
                            title={t("home.viewAccount", { number: a.number })}
                          >
                            {a.legalName}
                          </button>{" "}
                          <span className="text-slate-500">· {a.number}</span>
                        </form>
                      </th>
                      <td className="px-4 py-2 text-right tabular-nums">
                        {formatMoney(tot.balance, tot.currency as Currency, locale)}
                      </td>
                      <td className="px-4 py-2 text-right tabular-nums">
                        {formatMoney(tot.overdue, tot.currency as Currency, locale)}
                      </td>
                    </tr>
                  ),
                ),
              )}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
