// "Pagos y saldos a favor": every credit of the account (payments, credit notes, credit adjustments)
// with what it paid (each application, reversals marked) and what remains unapplied; filters in the
// URL, keyset pages, totals per currency, CSV/XLSX of the whole filter. Each credit is a card, so the
// page reads the same at 390 px as on a desktop; there the filters fold away.
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/forms";
import {
  AmountRangeFields,
  FilterActions,
  FilterPanel,
  InvalidFiltersNotice,
  ListSummary,
  PageLinks,
  RangeFields,
  SearchField,
  SortFields,
  countActiveFilters,
  useListFilters,
} from "~/components/list-summary";
import { StatusBadge } from "~/components/status-badge";
import { buttonClass } from "~/components/ui/button";
import { formatDate } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import type { PaymentListData } from "./payment-list.server";

const link = "text-brand-700 underline underline-offset-2 hover:no-underline";

export function Page() {
  const { t } = useTranslation();
  const data = useLoaderData<PaymentListData>();
  const {
    filters,
    typed,
    fieldErrors,
    amountExample,
    sort,
    result,
    rows,
    invalidFilters,
    exportTooLarge,
    exportMaxRows,
    basePath,
    locale,
    multiAccount,
  } = data;
  const { errorOf, loading } = useListFilters(fieldErrors, amountExample);
  const location = useLocation();
  const kindLabel = (row: (typeof rows)[number]) =>
    row.kind === "adjustment" ? t(`documents.adjustmentKinds.${row.effect}`) : t(`documents.kinds.${row.kind}`);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("payments.title")}</h1>
          <p className="text-slate-600">{t("payments.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {data.payByCard ? (
            <Link to="/portal/payments/card" className={buttonClass("primary")}>
              {t("cardPayments.link")}
            </Link>
          ) : null}
          <Link to={`${basePath}/payments/new`} className={buttonClass(data.payByCard ? "secondary" : "primary")}>
            {t(basePath.startsWith("/staff") ? "registrations.staffRegister" : "registrations.register")}
          </Link>
          {basePath === "/portal" ? (
            <>
              <Link to="/portal/payments/registrations" className={buttonClass("secondary")}>
                {t("registrations.list")}
              </Link>
              <Link to="/portal/promises" className={buttonClass("secondary")}>
                {t("promises.link")}
              </Link>
            </>
          ) : null}
        </div>
      </div>

      <FilterPanel activeFilters={countActiveFilters(filters)} hasErrors={Object.keys(fieldErrors).length > 0}>
        <Form method="get" className="p-4 max-sm:pt-0" aria-labelledby="filters-title">
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <SearchField defaultValue={filters.q} placeholder={t("payments.searchHint")} />
            <FilterSelect
              id="status"
              label={t("documents.status")}
              defaultValue={filters.status}
              anyLabel={t("documents.anyStatus")}
              options={[
                { value: "open", label: t("payments.statusOpen") },
                { value: "paid", label: t("payments.statusApplied") },
                { value: "cancelled", label: t("documents.statusCancelled") },
              ]}
            />
            <SortFields
              sort={sort.sort}
              dir={sort.dir}
              options={[
                { value: "issue_date", label: t("payments.sortDate") },
                { value: "amount", label: t("documents.sortAmount") },
                { value: "folio", label: t("documents.sortFolio") },
              ]}
            />
            <RangeFields
              type="date"
              fields={[
                { id: "issuedFrom", label: t("payments.dateFrom") },
                { id: "issuedTo", label: t("payments.dateTo") },
              ]}
              values={typed}
              errorOf={errorOf}
            />
            <AmountRangeFields typed={typed} errorOf={errorOf} />
          </div>
          <FilterActions loading={loading} clearTo="?" />
        </Form>
      </FilterPanel>

      {invalidFilters ? <InvalidFiltersNotice message={t("documents.invalidFilters")} /> : null}

      <ListSummary
        result={result}
        exportPath={`${basePath}/payments`}
        maxRows={exportMaxRows}
        tooLarge={exportTooLarge}
        locale={locale}
      />

      {rows.length === 0 ? (
        <p className="text-slate-600">{t("payments.none")}</p>
      ) : (
        <ul aria-label={t("payments.title")} className="space-y-3">
          {rows.map((row) => {
            const money = (v: string) => formatMoney(v, row.currency, locale);
            return (
              <li
                key={row.id}
                id={`credit-${row.id}`}
                className="scroll-mt-24 rounded-lg border border-slate-200 bg-white p-4 shadow-sm target:ring-2 target:ring-brand-600"
              >
                <article aria-labelledby={`credit-title-${row.id}`} className="space-y-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h2 id={`credit-title-${row.id}`} className="font-medium">
                      <span className="text-slate-600">{kindLabel(row)}</span>{" "}
                      <Link to={`${basePath}/documents/${row.id}`} className={link}>
                        {row.serieFolio}
                      </Link>
                      <span className="text-slate-600">
                        {" "}
                        · {formatDate(row.issueDate, locale)}
                        {multiAccount ? ` · ${row.accountNumber}` : ""}
                      </span>
                    </h2>
                    <StatusBadge
                      status={row.status}
                      label={row.status === "open" ? t("payments.badgeUnapplied") : undefined}
                    />
                  </div>
                  {row.reference ? (
                    <p className="break-all text-sm text-slate-600">
                      {t("payments.reference")}: {row.reference}
                    </p>
                  ) : null}
                  <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
                    <div>
                      <dt className="text-slate-600">{t("documents.amount")}</dt>
                      <dd className="font-semibold tabular-nums">{money(row.amount)}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-600">{t("payments.applied")}</dt>
                      <dd className="tabular-nums">{money(row.applied)}</dd>
                    </div>
                    <div>
                      <dt className="text-slate-600">{t("payments.unapplied")}</dt>
                      <dd className={`tabular-nums ${Number(row.open) > 0 ? "font-semibold text-amber-900" : ""}`}>
                        {money(row.open)}
                      </dd>
                    </div>
                  </dl>
                  {row.applications.length > 0 ? (
                    <div className="text-sm">
                      <h3 className="font-medium text-slate-800">{t("payments.appliedTo")}</h3>
                      <ul className="mt-1 divide-y divide-slate-100">
                        {row.applications.map((a) => (
                          <li key={a.id} className="flex flex-wrap justify-between gap-x-3 py-1">
                            <span className={a.reversal ? "text-slate-500" : undefined}>
                              {t(`documents.kinds.${a.targetKind}`)}{" "}
                              <Link to={`${basePath}/documents/${a.targetId}`} className={link}>
                                {a.targetSerieFolio}
                              </Link>{" "}
                              · {formatDate(a.appliedOn, locale)}
                              {a.reversal ? (
                                <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-800">
                                  {t("payments.reversedOn", { date: formatDate(a.reversal.appliedOn, locale) })}
                                </span>
                              ) : null}
                            </span>
                            <span className={`tabular-nums ${a.reversal ? "text-slate-500 line-through" : ""}`}>
                              {money(a.amount)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : (
                    <p className="text-sm text-slate-600">{t("payments.nothingApplied")}</p>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
      <PageLinks
        search={location.search}
        total={result.total ?? 0}
        prevCursor={result.prevCursor}
        nextCursor={result.nextCursor}
      />
    </div>
  );
}
