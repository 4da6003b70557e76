// The statement of account: period and aging date, opening balance, movements with running balance,
// closing balance and aging per currency, downloads (PDF, XLSX, CSV) and "email it to me".
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DisputedBadge } from "~/components/disputed-badge";
import { FormError, useIsSubmitting } from "~/components/forms";
import { Button, buttonClass } from "~/components/ui/button";
import { ScrollRegion, TableHead } from "~/components/ui/table";
import { AGING_BUCKETS } from "~/domain/ledger/aging-buckets";
import { StatementActionSchema } from "~/domain/statements/schemas";
import { formatDate } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import type { StatementActionData, StatementData } from "./statement.server";

const inputClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";
const th = "px-3 py-2 font-medium";
const td = "px-3 py-2";
// At 390 px the movements table becomes a list of cards (as the document lists do): each row a card,
// each cell labelled by its column (data-label), empty cells left out, nothing scrolling sideways.
const phoneTable = "max-sm:block";
const phoneRow =
  "max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:gap-y-1 max-sm:rounded-lg max-sm:border max-sm:border-slate-200 max-sm:bg-white max-sm:p-3 max-sm:shadow-sm";
const phoneCell =
  "max-sm:block max-sm:p-0 max-sm:before:block max-sm:before:text-xs max-sm:before:font-normal max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]";

export function Page() {
  const { t } = useTranslation();
  const {
    statement: s,
    pagination,
    asOf,
    invalidPeriod,
    periodLimitedToMonths,
    query,
    basePath,
    locale,
  } = useLoaderData<StatementData>();
  const actionData = useActionData<StatementActionData>();
  const navigation = useNavigation();
  const emailing = useIsSubmitting("email");
  const [emailForm] = useForm({
    id: "statement-email",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatementActionSchema }),
  });
  const date = (d: string) => formatDate(d, locale);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("statement.title")}</h1>
        <p className="text-slate-600">
          {s.customer.legalName} · {s.customer.accountNumber} · {s.customer.taxId}
        </p>
        <p className="text-slate-600">
          {t("statement.period")}: {date(s.period.from)} – {date(s.period.to)}
        </p>
      </div>

      <Form
        method="get"
        className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-4 sm:items-end"
      >
        <div>
          <label htmlFor="from" className="block text-sm font-medium text-slate-800">
            {t("statement.from")}
          </label>
          <input id="from" name="from" type="date" defaultValue={s.period.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium text-slate-800">
            {t("statement.to")}
          </label>
          <input id="to" name="to" type="date" defaultValue={s.period.to} className={inputClass} />
        </div>
        <div>
          <label htmlFor="asOf" className="block text-sm font-medium text-slate-800">
            {t("statement.asOf")}
          </label>
          <input
            id="asOf"
            name="asOf"
            type="date"
            defaultValue={asOf ?? ""}
            aria-describedby="asOf-hint"
            className={inputClass}
          />
          <p id="asOf-hint" className="mt-1 text-xs text-slate-600">
            {t("statement.asOfHint")}
          </p>
        </div>
        <Button type="submit" pending={navigation.state === "loading"} pendingLabel={t("common.loading")}>
          {t("statement.show")}
        </Button>
        {invalidPeriod ? (
          <p role="alert" className="text-sm text-red-700 sm:col-span-4">
            {t("statement.periodError")}
          </p>
        ) : null}
        {periodLimitedToMonths ? (
          <p role="alert" className="text-sm text-red-700 sm:col-span-4">
            {t("statement.periodTooLong", {
              months: periodLimitedToMonths,
              from: date(s.period.from),
              to: date(s.period.to),
            })}
          </p>
        ) : null}
      </Form>

      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-700">{t("statement.downloads")}:</span>
        <Link reloadDocument to={`${basePath}/statement/pdf?${query}`} className={buttonClass("secondary")}>
          {t("statement.downloadPdf")}
        </Link>
        <Link reloadDocument to={`${basePath}/statement/xlsx?${query}`} className={buttonClass("secondary")}>
          {t("statement.downloadXlsx")}
        </Link>
        <Link reloadDocument to={`${basePath}/statement/csv?${query}`} className={buttonClass("secondary")}>
          {t("statement.downloadCsv")}
        </Link>
        <Form method="post" action={`?${query}`} {...getFormProps(emailForm)}>
          <Button type="submit" name="intent" value="email" pending={emailing} pendingLabel={t("statement.emailing")}>
            {t("statement.emailMe")}
          </Button>
        </Form>
        <div className="w-full empty:hidden">
          <FormError form={emailForm} />
        </div>
      </div>

      {s.sections.length === 0 ? <p className="text-slate-600">{t("statement.noMovements")}</p> : null}
      {s.sections.map((section) => {
        const money = (v: string) => formatMoney(v, section.currency, locale);
        const headingId = `section-${section.currency}`;
        return (
          <section key={section.currency} aria-labelledby={headingId} className="space-y-4">
            <h2 id={headingId} className="text-lg font-semibold text-slate-900">
              {t("statement.sectionTitle", { currency: section.currency })}
            </h2>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {[
                [t("statement.opening"), money(section.openingBalance)],
                [t("statement.charges"), money(section.totalCharges)],
                [t("statement.credits"), money(section.totalCredits)],
                [t("statement.closing"), money(section.closingBalance)],
                ...(section.disputedTotal !== "0.00"
                  ? [[t("claims.disputedTotal"), money(section.disputedTotal)]]
                  : []),
              ].map(([label, value]) => (
                <div key={label} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
                  <dt className="text-sm text-slate-600">{label}</dt>
                  <dd className="whitespace-nowrap text-sm font-semibold tabular-nums min-[400px]:text-base sm:text-lg">
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
            <div className="rounded-lg border border-slate-200 bg-white shadow-sm sm:overflow-x-auto max-sm:border-0 max-sm:bg-transparent max-sm:shadow-none">
              <table className={`min-w-full text-sm ${phoneTable}`}>
                <caption className="sr-only">{t("statement.sectionTitle", { currency: section.currency })}</caption>
                <TableHead
                  className="bg-slate-50 text-left text-slate-700 max-sm:sr-only"
                  cellClassName={th}
                  columns={[
                    { label: t("statement.date") },
                    { label: t("statement.document") },
                    { label: t("statement.description") },
                    { label: t("statement.dueDate") },
                    { label: t("statement.charges"), align: "right" },
                    { label: t("statement.credits"), align: "right" },
                    { label: t("statement.balance"), align: "right" },
                  ]}
                />
                <tbody className="divide-y divide-slate-100 max-sm:block max-sm:space-y-3 max-sm:divide-y-0">
                  {pagination.page === 1 ? (
                    <tr className={`bg-slate-50/60 ${phoneRow}`}>
                      <td className={`${td} max-sm:hidden`}>{date(s.period.from)}</td>
                      <th scope="row" className={`${td} text-left font-medium max-sm:p-0`} colSpan={5}>
                        {t("statement.opening")} <span className="sm:hidden">· {date(s.period.from)}</span>
                      </th>
                      <td className={`${td} text-right tabular-nums font-medium max-sm:p-0`}>
                        {money(section.openingBalance)}
                      </td>
                    </tr>
                  ) : null}
                  {section.movementCount === 0 ? (
                    <tr className={phoneRow}>
                      <td className={`${td} text-slate-600 max-sm:col-span-2 max-sm:p-0`} colSpan={7}>
                        {t("statement.noMovements")}
                      </td>
                    </tr>
                  ) : null}
                  {section.movements.map((m) => (
                    <tr key={m.documentId} className={phoneRow} data-testid="statement-movement">
                      <td className={`${td} whitespace-nowrap ${phoneCell}`} data-label={t("statement.date")}>
                        {date(m.issueDate)}
                      </td>
                      <td
                        className={`${td} whitespace-nowrap max-sm:col-span-2 max-sm:row-start-1 max-sm:whitespace-normal max-sm:p-0 max-sm:font-medium`}
                      >
                        {/* Every movement opens its document: payments and adjustments too (their applications). */}
                        <Link
                          to={`${basePath}/documents/${m.documentId}`}
                          className="text-brand-700 underline underline-offset-2 hover:no-underline"
                        >
                          {t(`documents.kinds.${m.kind}`)} {m.serieFolio}
                        </Link>
                        {m.overdue ? (
                          <span className="ml-2 rounded bg-red-50 px-1.5 text-xs text-red-800">
                            {t("statement.overdue")}
                          </span>
                        ) : null}
                        {m.disputed ? (
                          <span className="ml-2">
                            <DisputedBadge amount={m.disputed} currency={section.currency} locale={locale} />
                          </span>
                        ) : null}
                      </td>
                      <td
                        className={`${td} ${phoneCell} max-sm:col-span-2 ${m.description ? "" : "max-sm:hidden"}`}
                        data-label={t("statement.description")}
                      >
                        {m.description ?? ""}
                      </td>
                      <td
                        className={`${td} whitespace-nowrap ${phoneCell} ${m.effect === "charge" ? "" : "max-sm:hidden"}`}
                        data-label={t("statement.dueDate")}
                      >
                        {m.effect === "charge" ? date(m.dueDate) : ""}
                      </td>
                      <td
                        className={`${td} text-right tabular-nums ${phoneCell} max-sm:text-left ${m.charge ? "" : "max-sm:hidden"}`}
                        data-label={t("statement.charges")}
                      >
                        {m.charge ? money(m.charge) : ""}
                      </td>
                      <td
                        className={`${td} text-right tabular-nums ${phoneCell} max-sm:text-left ${m.credit ? "" : "max-sm:hidden"}`}
                        data-label={t("statement.credits")}
                      >
                        {m.credit ? money(m.credit) : ""}
                      </td>
                      <td
                        className={`${td} text-right tabular-nums ${phoneCell} max-sm:text-left max-sm:font-medium`}
                        data-label={t("statement.balance")}
                      >
                        {money(m.balance)}
                      </td>
                    </tr>
                  ))}
                  {pagination.page === pagination.pages ? (
                    <tr className={`bg-slate-50/60 ${phoneRow}`}>
                      <td className={`${td} max-sm:hidden`}>{date(s.period.to)}</td>
                      <th scope="row" className={`${td} text-left font-medium max-sm:p-0`} colSpan={5}>
                        {t("statement.closing")} <span className="sm:hidden">· {date(s.period.to)}</span>
                      </th>
                      <td className={`${td} text-right tabular-nums font-semibold max-sm:p-0`}>
                        {money(section.closingBalance)}
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </div>
            {pagination.pages > 1 ? (
              <nav
                aria-label={t("statement.movementsPages")}
                className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700"
              >
                <span>
                  {t("statement.showing", {
                    from: Math.min(pagination.start + 1, section.movementCount),
                    to: Math.min(pagination.start + section.movements.length, section.movementCount),
                    total: section.movementCount,
                  })}
                </span>
                <span className="flex gap-2">
                  {pagination.page > 1 ? (
                    <Link to={`?${query}&page=${pagination.page - 1}`} className={buttonClass("secondary")} rel="prev">
                      {t("documents.prev")}
                    </Link>
                  ) : null}
                  {pagination.page < pagination.pages ? (
                    <Link to={`?${query}&page=${pagination.page + 1}`} className={buttonClass("secondary")} rel="next">
                      {t("documents.next")}
                    </Link>
                  ) : null}
                </span>
              </nav>
            ) : null}
            {/* A region the keyboard can scroll sideways on a phone (the aging has seven columns). */}
            <ScrollRegion label={`${t("home.aging")} ${t("home.asOf", { date: date(section.aging.asOf) })}`}>
              <table className="min-w-full text-sm">
                <caption className="px-3 pt-3 text-left font-medium text-slate-900">
                  {t("home.aging")} {t("home.asOf", { date: date(section.aging.asOf) })}
                </caption>
                <TableHead
                  className="text-left text-slate-700"
                  cellClassName={th}
                  columns={AGING_BUCKETS.map((b) => ({ key: b, label: t(`aging.${b}`), align: "right" as const }))}
                />
                <tbody>
                  <tr>
                    {AGING_BUCKETS.map((b) => (
                      <td key={b} className={`${td} text-right tabular-nums`}>
                        {money(section.aging.buckets[b].amount)}
                        <span className="block text-xs text-slate-500">{section.aging.buckets[b].count}</span>
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </ScrollRegion>
          </section>
        );
      })}
    </div>
  );
}
