// The parts the document list, the payments page and the staff queues share: totals of the filter
// per currency and effect (charges and credits apart, never added together), and the CSV/XLSX export
// of every row of the filter with its row cap; the filter panel that folds away on a phone, its
// fields (search, sort, ranges), the notice of filters that were ignored, and the page links.
import { Link, useLocation, useNavigation } from "@remix-run/react";
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { FilterInput, FilterSelect } from "~/components/forms";
import { Button, buttonClass } from "~/components/ui/button";
import type { DocumentListTotals } from "~/domain/documents/list-documents.server";
import type { ListQueryError } from "~/utils/list-query";
import { formatMoney } from "~/utils/money";

/**
 * A list page's filter state: `errorOf(field)` is the message of a value that could not be read (the
 * field shows it back as it was typed), `loading` is true while this list reloads.
 */
export function useListFilters(fieldErrors: Partial<Record<string, ListQueryError>>, amountExample: string) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === location.pathname;
  const errorOf = (field: string) => {
    const key = fieldErrors[field];
    return key ? t(key, { example: amountExample }) : null;
  };
  return { errorOf, loading };
}

/** How many filters of a list are set (what the folded panel's title counts). */
export function countActiveFilters(filters: Record<string, unknown>): number {
  return Object.values(filters).filter((v) => v !== undefined && v !== "").length;
}

export function ListTotals({
  total,
  totals,
  locale,
}: {
  total: number | null;
  totals: DocumentListTotals[] | null;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="totals-title" className="space-y-1 text-sm text-slate-700">
      <h2 id="totals-title" className="font-medium text-slate-900">
        {t("documents.results", { count: total ?? 0 })}
      </h2>
      {(totals ?? []).map((tot) => (
        <p key={`${tot.currency}-${tot.effect}`} data-testid={`totals-${tot.currency}-${tot.effect}`}>
          <span className="font-medium">
            {tot.currency} · {t(`documents.effects.${tot.effect}`, { count: tot.count })}
          </span>
          : {t("documents.amount")}{" "}
          <span className="tabular-nums">{formatMoney(tot.amount, tot.currency, locale)}</span> ·{" "}
          {tot.effect === "charge" ? t("documents.openCharge") : t("payments.unapplied")}{" "}
          <span className="font-medium tabular-nums">{formatMoney(tot.open, tot.currency, locale)}</span>
        </p>
      ))}
    </section>
  );
}

/** Links to the CSV and XLSX of the current filter (the URL's, without its page cursor). */
export function ExportLinks({
  path,
  maxRows,
  tooLarge,
  locale,
}: {
  /** e.g. "/portal/invoices": the export answers at `${path}/csv` and `${path}/xlsx`. */
  path: string;
  maxRows: number;
  tooLarge: boolean;
  locale: string;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  for (const key of ["after", "before", "size", "exportTooLarge"]) params.delete(key);
  const query = params.toString() ? `?${params}` : "";
  const max = new Intl.NumberFormat(locale).format(maxRows);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Link reloadDocument to={`${path}/xlsx${query}`} className={buttonClass("secondary")}>
          {t("documents.exportXlsx")}
        </Link>
        <Link reloadDocument to={`${path}/csv${query}`} className={buttonClass("secondary")}>
          {t("documents.exportCsv")}
        </Link>
        <p className="text-xs text-slate-600">{t("documents.exportHint", { max })}</p>
      </div>
      {tooLarge ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("documents.exportTooLarge", { max })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The filter form's panel: open on a wide screen, folded behind "Filtros" on a phone (unless a field
 * needs fixing, then open). Without JavaScript a phone still opens it from its summary.
 */
export function FilterPanel({
  activeFilters,
  hasErrors,
  children,
}: {
  activeFilters: number;
  hasErrors: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && window.matchMedia("(min-width: 40rem)").matches) ref.current.open = true;
  }, []);
  return (
    <details
      ref={ref}
      open={hasErrors || undefined}
      className="group rounded-lg border border-slate-200 bg-white shadow-sm sm:[&::details-content]:[content-visibility:visible]"
    >
      <summary className="flex min-h-11 cursor-pointer items-center justify-between gap-2 px-4 py-2 text-sm font-medium text-slate-900 sm:hidden">
        <span id="filters-title">
          {t("documents.filtersToggle")}
          {activeFilters > 0 ? ` · ${t("documents.filtersActive", { count: activeFilters })}` : ""}
        </span>
        <span aria-hidden="true" className="text-slate-500 group-open:rotate-180">
          ▾
        </span>
      </summary>
      {children}
    </details>
  );
}

/** Sort field and direction of a list's filter form, side by side. */
export function SortFields({
  sort,
  dir,
  options,
}: {
  sort: string;
  dir: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <div className="grid grid-cols-2 gap-2">
      <FilterSelect id="sort" label={t("documents.sort")} defaultValue={sort} options={options} />
      <FilterSelect
        id="dir"
        label={t("documents.direction")}
        defaultValue={dir}
        options={[
          { value: "desc", label: t("documents.dirDesc") },
          { value: "asc", label: t("documents.dirAsc") },
        ]}
      />
    </div>
  );
}

/** The free-text search of a list's filter form, two columns wide. */
export function SearchField({ defaultValue, placeholder }: { defaultValue?: string; placeholder: string }) {
  const { t } = useTranslation();
  return (
    <div className="sm:col-span-2">
      <FilterInput
        id="q"
        label={t("documents.search")}
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
      />
    </div>
  );
}

/**
 * The two ends of a range in a list's filter form (dates, amounts, days), each field named by its id;
 * a value that could not be read is an error on its field.
 */
export function RangeFields({
  fields,
  values,
  errorOf,
  type,
  inputMode,
}: {
  /** [lower, upper]: the field's id (its query parameter) and label. */
  fields: readonly [{ id: string; label: string }, { id: string; label: string }];
  values: Partial<Record<string, string | number>>;
  errorOf: (field: string) => string | null;
  type?: "date" | "number";
  inputMode?: "decimal";
}) {
  return (
    <>
      {fields.map(({ id, label }) => (
        <FilterInput
          key={id}
          id={id}
          label={label}
          type={type}
          inputMode={inputMode}
          defaultValue={values[id] === undefined ? undefined : String(values[id])}
          error={errorOf(id)}
        />
      ))}
    </>
  );
}

/** The amount range of a list's filter form; a value that could not be read is an error on its field. */
export function AmountRangeFields({
  typed,
  errorOf,
  labels,
}: {
  typed: { amountMin?: string; amountMax?: string };
  errorOf: (field: string) => string | null;
  /** The fields' labels, when not the document lists' "Importe mínimo" and "Importe máximo". */
  labels?: readonly [string, string];
}) {
  const { t } = useTranslation();
  const [min, max] = labels ?? [t("documents.amountMin"), t("documents.amountMax")];
  return (
    <RangeFields
      fields={[
        { id: "amountMin", label: min },
        { id: "amountMax", label: max },
      ]}
      values={typed}
      errorOf={errorOf}
      inputMode="decimal"
    />
  );
}

/** The notice that some filters of the URL could not be read and were left out. */
export function InvalidFiltersNotice({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {message}
    </p>
  );
}

/** A list's totals beside the export of its whole filter. */
export function ListSummary({
  result,
  exportPath,
  maxRows,
  tooLarge,
  locale,
}: {
  result: { total: number | null; totals: DocumentListTotals[] | null };
  exportPath: string;
  maxRows: number;
  tooLarge: boolean;
  locale: string;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <ListTotals total={result.total} totals={result.totals} locale={locale} />
      <ExportLinks path={exportPath} maxRows={maxRows} tooLarge={tooLarge} locale={locale} />
    </div>
  );
}

/** The previous and next keyset pages of a list: `search` is the current query, cursors replaced. */
export function PageLinks({
  search,
  total,
  prevCursor,
  nextCursor,
}: {
  search: string | URLSearchParams;
  total: number;
  prevCursor?: string | null;
  nextCursor?: string | null;
}) {
  const { t } = useTranslation();
  const href = (key: "after" | "before", cursor: string) => {
    const params = new URLSearchParams(search);
    params.delete("after");
    params.delete("before");
    params.set(key, cursor);
    return `?${params}`;
  };
  return (
    <nav aria-label={t("documents.results", { count: total })} className="flex gap-2">
      {prevCursor ? (
        <Link to={href("before", prevCursor)} className={buttonClass("secondary")} rel="prev">
          {t("documents.prev")}
        </Link>
      ) : null}
      {nextCursor ? (
        <Link to={href("after", nextCursor)} className={buttonClass("secondary")} rel="next">
          {t("documents.next")}
        </Link>
      ) : null}
    </nav>
  );
}

/** Apply (pending while the list loads) and clear, which goes back to `clearTo`. */
export function FilterActions({ loading, clearTo }: { loading: boolean; clearTo: string }) {
  const { t } = useTranslation();
  return (
    <div className="mt-4 flex flex-wrap gap-2">
      <Button type="submit" pending={loading} pendingLabel={t("common.loading")}>
        {t("documents.apply")}
      </Button>
      <Link to={clearTo} className={buttonClass("secondary")}>
        {t("documents.clear")}
      </Link>
    </div>
  );
}
