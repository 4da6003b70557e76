// The audit trail, for auditors and administrators: every recorded event, newest first, filtered in
// the URL (actor, account, entity, action, Mexico City days), a keyset page at a time, with CSV and
// XLSX exports of the filtered events (staff.audit_.$format.tsx).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditChangesList } from "~/components/audit-changes";
import { FilterForm, FilterInput, FilterSelect } from "~/components/forms";
import { InvalidFiltersNotice } from "~/components/list-summary";
import { Button, buttonClass } from "~/components/ui/button";
import { ScrollRegion, TableHead } from "~/components/ui/table";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, isAuditAction } from "~/domain/audit/audit-events";
import { auditActionLabel, auditEntityLabel } from "~/domain/audit/audit-labels";
import { describeAuditChanges } from "~/domain/audit/describe-audit-changes";
import { listAuditEvents } from "~/domain/audit/list-audit-events.server";
import {
  AUDIT_EXPORT_MAX_ROWS,
  AUDIT_TIME_ZONE,
  auditTrailSearchParams,
  parseAuditTrailSearchParams,
} from "~/domain/audit/schemas";
import { getDb } from "~/utils/db.server";
import { formattingLocale } from "~/utils/i18n";
import { getLanguage } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { requireStaffPermission } from "~/utils/permissions.server";

export const meta = pageTitle("titles.audit");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:audit");
  const url = new URL(request.url);
  const { filters, page, invalid } = parseAuditTrailSearchParams(url.searchParams);
  const language = await getLanguage(request, user);
  // The trail spans both sellers; its times and numbers read as Mexico City (es-MX) or en-US.
  const locale = formattingLocale(language, "MX");
  const result = await listAuditEvents(await getDb(), { filters, page });
  // Formatted here, not in the browser: Node's and the browser's ICU may space "p. m." differently.
  const time = new Intl.DateTimeFormat(locale, { timeZone: AUDIT_TIME_ZONE, dateStyle: "medium", timeStyle: "medium" });
  return {
    filters,
    invalidFilters: invalid.length > 0,
    exportTooLarge: url.searchParams.get("exportTooLarge") === "1",
    exportMax: AUDIT_EXPORT_MAX_ROWS.toLocaleString(locale),
    exportQuery: auditTrailSearchParams(filters).toString(),
    actor: result.actor,
    account: result.account,
    nextCursor: result.nextCursor,
    prevCursor: result.prevCursor,
    rows: result.rows.map((r) => ({
      id: r.id,
      time: time.format(r.occurredAt),
      timeIso: r.occurredAt.toISOString(),
      actor: r.actorEmail ?? r.actorLabel,
      actorName: r.actorName,
      ip: r.ip,
      action: r.action,
      known: r.event !== null && isAuditAction(r.action),
      entityType: r.entityType,
      entityId: r.entityId,
      accountId: r.accountId,
      accountNumber: r.accountNumber,
      accountName: r.accountName,
      changes: describeAuditChanges(r.before, r.after),
    })),
  };
}

const linkClass = "text-brand-700 underline underline-offset-2 hover:no-underline";

export default function AuditTrailPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { filters, rows } = data;
  const location = useLocation();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === location.pathname;
  const withParams = (changes: Record<string, string | undefined>, keepPage = false) => {
    const params = new URLSearchParams(location.search);
    params.delete("exportTooLarge");
    // The filter form sends its empty fields too; links carry only the filters that are set.
    for (const [k, v] of [...params.entries()]) if (!v) params.delete(k);
    if (!keepPage) {
      params.delete("after");
      params.delete("before");
    }
    for (const [k, v] of Object.entries(changes)) {
      if (v) params.set(k, v);
      else params.delete(k);
    }
    return `?${params}`;
  };
  const pageLink = (cursor: { after?: string; before?: string }) =>
    withParams({ after: cursor.after, before: cursor.before });
  const actions = [...AUDIT_ACTIONS].sort((a, b) => auditActionLabel(t, a).localeCompare(auditActionLabel(t, b)));
  const exportHref = (format: "csv" | "xlsx") =>
    `/staff/audit/${format}${data.exportQuery ? `?${data.exportQuery}` : ""}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("audit.title")}</h1>
        <p className="text-slate-600">{t("audit.intro")}</p>
      </div>

      <FilterForm
        id="audit-filters"
        title={t("audit.filters")}
        actions={
          <>
            <Button type="submit" pending={loading} pendingLabel={t("common.loading")}>
              {t("audit.apply")}
            </Button>
            <Link to="/staff/audit" className={buttonClass("secondary")}>
              {t("audit.clear")}
            </Link>
          </>
        }
      >
        <FilterInput
          id="actor"
          label={t("audit.actor")}
          type="search"
          defaultValue={filters.actor}
          placeholder={t("audit.actorHint")}
          autoComplete="off"
        />
        <FilterInput
          id="account"
          label={t("audit.account")}
          type="search"
          defaultValue={filters.account}
          placeholder={t("audit.accountHint")}
          autoComplete="off"
        />
        <FilterSelect
          id="action"
          label={t("audit.action")}
          defaultValue={filters.action}
          anyLabel={t("audit.anyAction")}
          options={actions.map((a) => ({ value: a, label: auditActionLabel(t, a) }))}
        />
        <div className="grid grid-cols-2 gap-2">
          <FilterInput id="from" label={t("audit.from")} type="date" defaultValue={filters.from} />
          <FilterInput id="to" label={t("audit.to")} type="date" defaultValue={filters.to} />
        </div>
        <FilterSelect
          id="entityType"
          label={t("audit.entityType")}
          defaultValue={filters.entityType}
          anyLabel={t("audit.anyEntity")}
          options={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: auditEntityLabel(t, e) }))}
        />
        <FilterInput
          id="entityId"
          label={t("audit.entityId")}
          type="search"
          defaultValue={filters.entityId}
          autoComplete="off"
        />
      </FilterForm>

      {data.invalidFilters ? <InvalidFiltersNotice message={t("audit.invalidFilters")} /> : null}
      {data.exportTooLarge ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("audit.exportTooLarge", { max: data.exportMax })}
        </p>
      ) : null}
      {data.account && !data.account.found ? (
        <p role="status" className="text-sm text-slate-700">
          {t("audit.accountNotFound", { query: data.account.query })}
        </p>
      ) : data.account?.number ? (
        <p className="text-sm text-slate-700">
          {t("audit.accountFound", { number: data.account.number, name: data.account.legalName })}
        </p>
      ) : null}
      {data.actor && !data.actor.userId ? (
        <p role="status" className="text-sm text-slate-700">
          {t("audit.actorUnknown", { query: data.actor.query })}
        </p>
      ) : data.actor?.email ? (
        <p className="text-sm text-slate-700">
          {t("audit.actorFound", { name: data.actor.name, email: data.actor.email })}
        </p>
      ) : null}

      <section aria-labelledby="audit-exports" className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
        <h2 id="audit-exports" className="font-medium text-slate-900">
          {t("audit.exports")}
        </h2>
        <a href={exportHref("csv")} className={buttonClass("secondary")} download>
          {t("audit.exportCsv")}
        </a>
        <a href={exportHref("xlsx")} className={buttonClass("secondary")} download>
          {t("audit.exportXlsx")}
        </a>
        <p className="w-full text-slate-600 sm:w-auto">{t("audit.exportLimit", { max: data.exportMax })}</p>
      </section>

      {rows.length === 0 ? (
        <p className="text-slate-600">{t("audit.none")}</p>
      ) : (
        <ScrollRegion labelledBy="audit-caption">
          <table className="w-full min-w-[60rem] text-sm">
            <caption id="audit-caption" className="sr-only">
              {t("audit.caption")}
            </caption>
            <TableHead
              columns={[
                { label: t("audit.time") },
                { label: t("audit.actorColumn") },
                { label: t("audit.actionColumn") },
                { label: t("audit.entity") },
                { label: t("audit.before") },
                { label: t("audit.after") },
              ]}
            />
            <tbody className="divide-y divide-slate-100 align-top">
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-normal">
                    <time dateTime={row.timeIso}>{row.time}</time>
                  </th>
                  <td className="max-w-56 px-3 py-2">
                    <Link to={withParams({ actor: row.actor })} className={`${linkClass} break-words`}>
                      {row.actor}
                    </Link>
                    {row.actorName ? <span className="block text-xs text-slate-600">{row.actorName}</span> : null}
                    {row.ip ? (
                      <span className="block text-xs text-slate-600">{t("audit.ip", { ip: row.ip })}</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <span className="block min-w-40">{auditActionLabel(t, row.action)}</span>
                    <code className="block text-xs text-slate-600">{row.action}</code>
                    {!row.known ? <span className="block text-xs text-amber-800">{t("audit.unparsed")}</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    <span className="block">{auditEntityLabel(t, row.entityType)}</span>
                    {row.entityId ? (
                      <Link
                        to={withParams({ entityType: row.entityType, entityId: row.entityId })}
                        className={`${linkClass} block break-all font-mono text-xs`}
                      >
                        {row.entityId}
                      </Link>
                    ) : null}
                    {row.accountNumber ? (
                      <Link to={withParams({ account: row.accountNumber })} className={`${linkClass} block text-xs`}>
                        {row.accountNumber}
                      </Link>
                    ) : null}
                  </td>
                  <td className="min-w-48 px-3 py-2">
                    <AuditChangesList changes={row.changes} side="before" />
                  </td>
                  <td className="min-w-48 px-3 py-2">
                    <AuditChangesList changes={row.changes} side="after" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      {data.prevCursor || data.nextCursor ? (
        <nav aria-label={t("audit.pages")} className="flex justify-end gap-2">
          {data.prevCursor ? (
            <Link to={pageLink({ before: data.prevCursor })} className={buttonClass("secondary")} rel="prev">
              {t("audit.newer")}
            </Link>
          ) : null}
          {data.nextCursor ? (
            <Link to={pageLink({ after: data.nextCursor })} className={buttonClass("secondary")} rel="next">
              {t("audit.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
