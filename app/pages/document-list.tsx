// The invoice and note lists: filters in the URL (shareable, bookmarkable), keyset pages, totals per
// currency, and a selection downloaded as one ZIP of PDFs and XMLs.
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FilterInput, filterInputClass as inputClass } from "~/components/forms";
import { StatusBadge } from "~/components/status-badge";
import { Button, buttonClass } from "~/components/ui/button";
import { formatDate } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import type { DocumentListData } from "./document-list.server";

export function DocumentListPage() {
  const { t } = useTranslation();
  const { tab, filters, typed, fieldErrors, amountExample, sort, result, invalidFilters, basePath, locale, multiAccount } =
    useLoaderData<DocumentListData>();
  const errorOf = (field: string) => {
    const key = (fieldErrors as Record<string, string>)[field];
    return key ? t(key, { example: amountExample }) : null;
  };
  const location = useLocation();
  const navigation = useNavigation();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const loading = navigation.state === "loading" && navigation.location?.pathname === location.pathname;
  const pageLink = (cursor: { after?: string; before?: string }) => {
    const params = new URLSearchParams(location.search);
    params.delete("after");
    params.delete("before");
    for (const [k, v] of Object.entries(cursor)) if (v) params.set(k, v);
    return `?${params}`;
  };
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // The detail's "Volver a la lista" returns to this page with these filters.
  const backQuery = location.search.length > 1 ? `?${new URLSearchParams({ back: location.search.slice(1) })}` : "";
  const allOnPage = result.rows.length > 0 && result.rows.every((r) => selected.has(r.id));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">{t("documents.title")}</h1>
      <nav aria-label={t("documents.title")} className="flex gap-2 border-b border-slate-200">
        {(["invoices", "notes"] as const).map((key) => (
          <Link
            key={key}
            to={`?tab=${key}`}
            aria-current={tab === key ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === key ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {key === "invoices" ? t("documents.tabInvoices") : t("documents.tabNotes")}
          </Link>
        ))}
      </nav>

      <Form
        method="get"
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        aria-labelledby="filters-title"
      >
        <h2 id="filters-title" className="sr-only">
          {t("documents.filters")}
        </h2>
        <input type="hidden" name="tab" value={tab} />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div className="sm:col-span-2">
            <FilterInput
              id="q"
              label={t("documents.search")}
              type="search"
              defaultValue={filters.q}
              placeholder={t("documents.searchHint")}
            />
          </div>
          <div>
            <label htmlFor="status" className="block text-sm font-medium text-slate-800">
              {t("documents.status")}
            </label>
            <select id="status" name="status" defaultValue={filters.status ?? ""} className={inputClass}>
              <option value="">{t("documents.anyStatus")}</option>
              <option value="open">{t("documents.statusOpen")}</option>
              <option value="overdue">{t("documents.statusOverdue")}</option>
              <option value="due_soon">{t("documents.statusDueSoon")}</option>
              <option value="paid">{t("documents.statusPaid")}</option>
              <option value="cancelled">{t("documents.statusCancelled")}</option>
            </select>
          </div>
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="sort" className="block text-sm font-medium text-slate-800">
                {t("documents.sort")}
              </label>
              <select id="sort" name="sort" defaultValue={sort.sort} className={inputClass}>
                <option value="issue_date">{t("documents.sortIssue")}</option>
                <option value="due_date">{t("documents.sortDue")}</option>
                <option value="amount">{t("documents.sortAmount")}</option>
                <option value="folio">{t("documents.sortFolio")}</option>
              </select>
            </div>
            <div>
              <label htmlFor="dir" className="block text-sm font-medium text-slate-800">
                {t("documents.direction")}
              </label>
              <select id="dir" name="dir" defaultValue={sort.dir} className={inputClass}>
                <option value="desc">{t("documents.dirDesc")}</option>
                <option value="asc">{t("documents.dirAsc")}</option>
              </select>
            </div>
          </div>
          <FilterInput
            id="issuedFrom"
            label={t("documents.issuedFrom")}
            type="date"
            defaultValue={typed.issuedFrom}
            error={errorOf("issuedFrom")}
          />
          <FilterInput id="issuedTo" label={t("documents.issuedTo")} type="date" defaultValue={typed.issuedTo}
            error={errorOf("issuedTo")} />
          <FilterInput id="dueFrom" label={t("documents.dueFrom")} type="date" defaultValue={typed.dueFrom}
            error={errorOf("dueFrom")} />
          <FilterInput id="dueTo" label={t("documents.dueTo")} type="date" defaultValue={typed.dueTo}
            error={errorOf("dueTo")} />
          <FilterInput
            id="amountMin"
            label={t("documents.amountMin")}
            inputMode="decimal"
            defaultValue={typed.amountMin}
            error={errorOf("amountMin")}
          />
          <FilterInput
            id="amountMax"
            label={t("documents.amountMax")}
            inputMode="decimal"
            defaultValue={typed.amountMax}
            error={errorOf("amountMax")}
          />
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          <Button type="submit" pending={loading} pendingLabel={t("common.loading")}>
            {t("documents.apply")}
          </Button>
          <Link to={`?tab=${tab}`} className={buttonClass("secondary")}>
            {t("documents.clear")}
          </Link>
        </div>
      </Form>

      {invalidFilters ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("documents.invalidFilters")}
        </p>
      ) : null}

      <section
        aria-labelledby="totals-title"
        className="flex flex-wrap items-baseline gap-x-6 gap-y-1 text-sm text-slate-700"
      >
        <h2 id="totals-title" className="font-medium text-slate-900">
          {t("documents.results", { count: result.total ?? 0 })}
        </h2>
        {(result.totals ?? []).map((tot) => (
          <p key={tot.currency}>
            {tot.currency}: {t("documents.amount")}{" "}
            <span className="tabular-nums">{formatMoney(tot.amount, tot.currency, locale)}</span> ·{" "}
            {t("documents.open")}{" "}
            <span className="tabular-nums font-medium">{formatMoney(tot.open, tot.currency, locale)}</span>
          </p>
        ))}
      </section>

      {result.rows.length === 0 ? (
        <p className="text-slate-600">{t("documents.none")}</p>
      ) : (
        <Form method="post" action={`${basePath}/documents/zip`} reloadDocument className="space-y-3">
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full text-sm">
              <caption className="sr-only">
                {tab === "invoices" ? t("documents.tabInvoices") : t("documents.tabNotes")}
              </caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={t("documents.selectAll")}
                      checked={allOnPage}
                      onChange={() => setSelected(allOnPage ? new Set() : new Set(result.rows.map((r) => r.id)))}
                      className="size-4"
                    />
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("documents.serieFolio")}
                  </th>
                  {tab === "notes" ? (
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("documents.kind")}
                    </th>
                  ) : null}
                  {multiAccount ? (
                    <th scope="col" className="px-3 py-2 font-medium">
                      {t("nav.account")}
                    </th>
                  ) : null}
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("documents.issueDate")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("documents.dueDate")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("documents.amount")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("documents.open")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("documents.status")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("documents.purchaseOrder")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.rows.map((row) => (
                  <tr key={row.id} className={selected.has(row.id) ? "bg-brand-50" : undefined}>
                    <td className="px-3 py-2">
                      <input
                        type="checkbox"
                        name="id"
                        value={row.id}
                        checked={selected.has(row.id)}
                        onChange={() => toggle(row.id)}
                        aria-label={t("documents.select", { folio: row.serieFolio })}
                        className="size-4"
                      />
                    </td>
                    <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">
                      <Link
                        to={`${basePath}/documents/${row.id}${backQuery}`}
                        className="text-brand-700 underline underline-offset-2 hover:no-underline"
                      >
                        {row.serieFolio}
                      </Link>
                    </th>
                    {tab === "notes" ? <td className="px-3 py-2">{t(`documents.kinds.${row.kind}`)}</td> : null}
                    {multiAccount ? <td className="whitespace-nowrap px-3 py-2">{row.accountNumber}</td> : null}
                    <td className="whitespace-nowrap px-3 py-2">{formatDate(row.issueDate, locale)}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {formatDate(row.dueDate, locale)}
                      {row.daysOverdue > 0 ? (
                        <span className="block text-xs text-red-700">
                          {t("documents.daysOverdue")}: {row.daysOverdue}
                        </span>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                      {formatMoney(row.amount, row.currency, locale)}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                      {formatMoney(row.open, row.currency, locale)}
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge status={row.status} />
                    </td>
                    <td className="px-3 py-2">{row.purchaseOrder ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Button type="submit" variant="secondary" disabled={selected.size === 0}>
              {t("documents.downloadZip")} {selected.size > 0 ? `(${selected.size})` : ""}
            </Button>
            <nav aria-label={t("documents.results", { count: result.total ?? 0 })} className="flex gap-2">
              {result.prevCursor ? (
                <Link to={pageLink({ before: result.prevCursor })} className={buttonClass("secondary")} rel="prev">
                  {t("documents.prev")}
                </Link>
              ) : null}
              {result.nextCursor ? (
                <Link to={pageLink({ after: result.nextCursor })} className={buttonClass("secondary")} rel="next">
                  {t("documents.next")}
                </Link>
              ) : null}
            </nav>
          </div>
        </Form>
      )}
    </div>
  );
}
