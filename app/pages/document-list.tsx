// The invoice and note lists: filters in the URL (shareable, bookmarkable), keyset pages, totals per
// currency, and a selection downloaded as one ZIP of PDFs and XMLs. The selection is kept in the
// browser's session storage, so it survives paging and filter changes; without JavaScript a page's
// ticks and "download all results" still work. On a phone rows read as cards and filters fold away.
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { DisputedBadge } from "~/components/disputed-badge";
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
import { Button } from "~/components/ui/button";
import { TableHead } from "~/components/ui/table";
import { formatDate } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import type { DocumentListData } from "./document-list.server";

const TABS = ["invoices", "notes", "adjustments", "charges"] as const;

/** Selected document ID → the list page (its query) it was ticked on. */
type Selection = Map<string, string>;

const SELECTION_EVENT = "cartera:zip-selection";
const subscribeSelection = (onChange: () => void) => {
  window.addEventListener(SELECTION_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(SELECTION_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
};
const noSubscription = () => () => {};

function readSelection(raw: string | null): Selection {
  try {
    const entries = raw ? (JSON.parse(raw) as unknown) : [];
    if (!Array.isArray(entries)) return new Map();
    return new Map(
      entries.filter(
        (e): e is [string, string] => Array.isArray(e) && e.length === 2 && e.every((v) => typeof v === "string"),
      ),
    );
  } catch {
    return new Map();
  }
}

/** The selection of this list's accounts in session storage (empty on the server and before hydration). */
function useStoredSelection(key: string) {
  const storageKey = `cartera:zip-selection:${key}`;
  const raw = useSyncExternalStore(
    subscribeSelection,
    () => window.sessionStorage.getItem(storageKey),
    () => null,
  );
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const selection = readSelection(raw);
  const update = (next: Selection) => {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify([...next.entries()]));
    } catch {
      // Storage full or refused: nothing to keep it in.
    }
    window.dispatchEvent(new Event(SELECTION_EVENT));
  };
  return { selection, update, hydrated };
}

export function Page() {
  const { t } = useTranslation();
  const {
    tab,
    filters,
    typed,
    fieldErrors,
    amountExample,
    sort,
    result,
    invalidFilters,
    zipError,
    zipMax,
    selectionKey,
    basePath,
    locale,
    multiAccount,
    exportTooLarge,
    exportMaxRows,
  } = useLoaderData<DocumentListData>();
  const tabLabel = (key: (typeof TABS)[number]) => t(`documents.tabs.${key}`);
  const location = useLocation();
  // Filters that arrive from home's links (aging bucket, due within N days): kept through the form, removable.
  const linkedFilters = [
    filters.aging
      ? {
          name: "aging",
          value: filters.aging,
          label: t("documents.agingFilter", { bucket: t(`aging.${filters.aging}`) }),
        }
      : null,
    filters.dueWithin !== undefined
      ? {
          name: "dueWithin",
          value: String(filters.dueWithin),
          label: t("documents.dueWithinFilter", { count: filters.dueWithin }),
        }
      : null,
  ].filter((f): f is { name: string; value: string; label: string } => f !== null);
  const without = (name: string) => {
    const params = new URLSearchParams(location.search);
    for (const key of [name, "after", "before", "zipError"]) params.delete(key);
    return `?${params}`;
  };
  const { selection, update, hydrated } = useStoredSelection(selectionKey);
  const { errorOf, loading } = useListFilters(fieldErrors, amountExample);
  const search = new URLSearchParams(location.search);
  search.delete("zipError");
  /** This page of this filter: what "n pages" counts. */
  const pageKey = search.toString();
  // The filter as "download all results" sends it: no page cursor.
  const filterParams = new URLSearchParams(pageKey);
  filterParams.delete("after");
  filterParams.delete("before");
  const filterQuery = filterParams.toString();
  // The detail's "Volver a la lista" returns to this page with these filters.
  const backQuery = pageKey ? `?${new URLSearchParams({ back: pageKey })}` : "";
  const activeFilters = countActiveFilters(filters);
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;

  const onPage = new Set(result.rows.map((r) => r.id));
  const elsewhere = [...selection.keys()].filter((id) => !onPage.has(id));
  const pages = new Set(selection.values()).size;
  const toggle = (id: string) => {
    const next = new Map(selection);
    if (next.has(id)) next.delete(id);
    else next.set(id, pageKey);
    update(next);
  };
  const allOnPage = result.rows.length > 0 && result.rows.every((r) => selection.has(r.id));
  const toggleAllOnPage = () => {
    const next = new Map(selection);
    for (const r of result.rows) {
      if (allOnPage) next.delete(r.id);
      else next.set(r.id, pageKey);
    }
    update(next);
  };
  const selectionText =
    pages > 1
      ? t("documents.selectionPages", { selection: t("documents.selection", { count: selection.size }), count: pages })
      : t("documents.selection", { count: selection.size });
  const total = result.total ?? 0;
  const cell = "px-3 py-2 max-sm:p-0";
  // On a phone each cell carries its column's name (the header row is visually hidden there).
  const cardLabel =
    "max-sm:before:block max-sm:before:text-xs max-sm:before:font-normal max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">{t("documents.title")}</h1>
      <nav aria-label={t("documents.title")} className="flex gap-2 overflow-x-auto border-b border-slate-200">
        {TABS.map((key) => (
          <Link
            key={key}
            to={`?tab=${key}`}
            aria-current={tab === key ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${tab === key ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {tabLabel(key)}
          </Link>
        ))}
      </nav>

      <FilterPanel activeFilters={activeFilters} hasErrors={hasFieldErrors}>
        <Form method="get" className="p-4 max-sm:pt-0" aria-labelledby="filters-title">
          <input type="hidden" name="tab" value={tab} />
          {linkedFilters.map((f) => (
            <input key={f.name} type="hidden" name={f.name} value={f.value} />
          ))}
          {linkedFilters.length > 0 ? (
            <ul className="mb-3 flex flex-wrap gap-2" aria-label={t("documents.activeFilters")}>
              {linkedFilters.map((f) => (
                <li
                  key={f.name}
                  className="inline-flex items-center gap-2 rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800"
                >
                  {f.label}
                  <Link to={without(f.name)} className="underline underline-offset-2 hover:no-underline">
                    {t("documents.removeFilter")}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <SearchField defaultValue={filters.q} placeholder={t("documents.searchHint")} />
            <FilterSelect
              id="status"
              label={t("documents.status")}
              defaultValue={filters.status}
              anyLabel={t("documents.anyStatus")}
              options={[
                { value: "open", label: t("documents.statusOpen") },
                { value: "overdue", label: t("documents.statusOverdue") },
                { value: "due_soon", label: t("documents.statusDueSoon") },
                { value: "paid", label: t("documents.statusPaid") },
                { value: "cancelled", label: t("documents.statusCancelled") },
              ]}
            />
            <SortFields
              sort={sort.sort}
              dir={sort.dir}
              options={[
                { value: "issue_date", label: t("documents.sortIssue") },
                { value: "due_date", label: t("documents.sortDue") },
                { value: "amount", label: t("documents.sortAmount") },
                { value: "folio", label: t("documents.sortFolio") },
              ]}
            />
            {(["issued", "due"] as const).map((range) => (
              <RangeFields
                key={range}
                type="date"
                fields={[
                  { id: `${range}From`, label: t(`documents.${range}From`) },
                  { id: `${range}To`, label: t(`documents.${range}To`) },
                ]}
                values={typed}
                errorOf={errorOf}
              />
            ))}
            <AmountRangeFields typed={typed} errorOf={errorOf} />
          </div>
          <FilterActions loading={loading} clearTo={`?tab=${tab}`} />
        </Form>
      </FilterPanel>

      {zipError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {t(`documents.zipErrors.${zipError}`, { max: zipMax })}
        </p>
      ) : null}
      {invalidFilters ? <InvalidFiltersNotice message={t("documents.invalidFilters")} /> : null}

      <ListSummary
        result={result}
        exportPath={`${basePath}/invoices`}
        maxRows={exportMaxRows}
        tooLarge={exportTooLarge}
        locale={locale}
      />

      {result.rows.length === 0 ? (
        <p className="text-slate-600">{t("documents.none")}</p>
      ) : (
        <Form method="post" action={`${basePath}/documents/zip`} reloadDocument className="space-y-3">
          <input type="hidden" name="returnTo" value={`${basePath}/invoices?${pageKey}`} />
          <input type="hidden" name="query" value={filterQuery} />
          {elsewhere.map((id) => (
            <input key={id} type="hidden" name="id" value={id} />
          ))}
          <div className="rounded-lg border border-slate-200 bg-white shadow-sm sm:overflow-x-auto max-sm:border-0 max-sm:bg-transparent max-sm:shadow-none">
            <table className="min-w-full text-sm max-sm:block">
              <caption className="sr-only">{tabLabel(tab as (typeof TABS)[number])}</caption>
              <TableHead
                className="bg-slate-50 text-left text-slate-700 max-sm:sr-only"
                columns={[
                  {
                    label: (
                      <input
                        type="checkbox"
                        aria-label={t("documents.selectAll")}
                        checked={allOnPage}
                        onChange={toggleAllOnPage}
                        className="size-6 align-middle"
                      />
                    ),
                  },
                  { label: t("documents.serieFolio") },
                  ...(tab !== "invoices" ? [{ label: t("documents.kind") }] : []),
                  ...(multiAccount ? [{ label: t("nav.account") }] : []),
                  { label: t("documents.issueDate") },
                  { label: t("documents.dueDate") },
                  { label: t("documents.amount"), align: "right" },
                  { label: t("documents.open"), align: "right" },
                  { label: t("documents.status") },
                  { label: t("documents.purchaseOrder") },
                ]}
              />
              <tbody className="divide-y divide-slate-100 max-sm:block max-sm:space-y-3 max-sm:divide-y-0">
                {result.rows.map((row) => (
                  <tr
                    key={row.id}
                    data-testid="document-row"
                    className={`max-sm:grid max-sm:grid-cols-[auto_1fr_auto] max-sm:items-start max-sm:gap-x-3 max-sm:gap-y-2 max-sm:rounded-lg max-sm:border max-sm:border-slate-200 max-sm:bg-white max-sm:p-3 max-sm:shadow-sm ${selection.has(row.id) ? "bg-brand-50 max-sm:bg-brand-50" : ""}`}
                  >
                    <td className={`${cell} max-sm:row-span-2`}>
                      <input
                        type="checkbox"
                        name="id"
                        value={row.id}
                        checked={selection.has(row.id)}
                        onChange={() => toggle(row.id)}
                        aria-label={t("documents.select", { folio: row.serieFolio })}
                        className="size-6 align-middle"
                      />
                    </td>
                    <th scope="row" className={`${cell} whitespace-nowrap text-left font-medium max-sm:text-base`}>
                      <Link
                        to={`${basePath}/documents/${row.id}${backQuery}`}
                        className="inline-block py-0.5 text-brand-700 underline underline-offset-2 hover:no-underline"
                      >
                        {row.serieFolio}
                      </Link>
                    </th>
                    {tab !== "invoices" ? (
                      <td className={`${cell} max-sm:col-start-2 max-sm:text-slate-600`}>
                        {row.kind === "adjustment"
                          ? t(`documents.adjustmentKinds.${row.effect}`)
                          : t(`documents.kinds.${row.kind}`)}
                      </td>
                    ) : null}
                    {multiAccount ? (
                      <td className={`${cell} whitespace-nowrap max-sm:col-start-2 max-sm:text-slate-600`}>
                        {row.accountNumber}
                      </td>
                    ) : null}
                    <td className={`${cell} whitespace-nowrap max-sm:hidden`}>{formatDate(row.issueDate, locale)}</td>
                    <td
                      data-label={t("documents.dueDate")}
                      className={`${cell} ${cardLabel} whitespace-nowrap max-sm:col-start-2`}
                    >
                      {formatDate(row.dueDate, locale)}
                      {row.daysOverdue > 0 ? (
                        <span className="block text-xs text-red-700">
                          {t("documents.daysOverdue")}: {row.daysOverdue}
                        </span>
                      ) : null}
                    </td>
                    <td className={`${cell} whitespace-nowrap text-right tabular-nums max-sm:hidden`}>
                      {formatMoney(row.amount, row.currency, locale)}
                    </td>
                    <td
                      data-label={t("documents.open")}
                      className={`${cell} ${cardLabel} whitespace-nowrap text-right tabular-nums max-sm:col-start-3 max-sm:row-start-2 max-sm:font-medium`}
                    >
                      {formatMoney(row.open, row.currency, locale)}
                    </td>
                    <td className={`${cell} max-sm:col-start-3 max-sm:row-start-1 max-sm:text-right`}>
                      <span className="inline-flex flex-col items-start gap-1 max-sm:items-end">
                        <StatusBadge status={row.status} />
                        {row.disputed ? (
                          <DisputedBadge amount={row.disputed} currency={row.currency} locale={locale} />
                        ) : null}
                      </span>
                    </td>
                    <td className={`${cell} max-sm:hidden`}>{row.purchaseOrder ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div className="flex flex-wrap items-center gap-3">
              <Button
                type="submit"
                variant="secondary"
                disabled={hydrated && (selection.size === 0 || selection.size > zipMax)}
              >
                {t("documents.downloadZip")} {selection.size > 0 ? `(${selection.size})` : ""}
              </Button>
              {total > 0 && total <= zipMax ? (
                <Button type="submit" name="intent" value="all" variant="ghost">
                  {t("documents.downloadAllResults", { count: total })}
                </Button>
              ) : null}
              {hydrated && selection.size > 0 ? (
                <Button type="button" variant="ghost" onClick={() => update(new Map())}>
                  {t("documents.clearSelection")}
                </Button>
              ) : null}
              <p aria-live="polite" className="text-sm text-slate-700" data-testid="selection-summary">
                {selection.size > 0 ? selectionText : ""}
                {selection.size > zipMax ? (
                  <span className="block text-red-700">
                    {t("documents.selectionTooLarge", { max: zipMax, extra: selection.size - zipMax })}
                  </span>
                ) : null}
              </p>
            </div>
            <PageLinks search={search} total={total} prevCursor={result.prevCursor} nextCursor={result.nextCursor} />
          </div>
          {total > zipMax ? (
            <p className="text-sm text-slate-600">{t("documents.allResultsTooMany", { count: total, max: zipMax })}</p>
          ) : null}
        </Form>
      )}
    </div>
  );
}
