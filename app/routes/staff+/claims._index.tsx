// The staff claims queue: a view of the claims this staff member may see (its own, its accounts', its
// team's, its area's, or all of them for administrators and auditors), filtered in the URL, the
// nearest deadline first, a keyset page at a time (domain/claims/read-staff-queue.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect, translateValidationMessage } from "~/components/forms";
import { AmountRangeFields, InvalidFiltersNotice, RangeFields } from "~/components/list-summary";
import { Button } from "~/components/ui/button";
import { ScrollRegion, TableHead } from "~/components/ui/table";
import {
  QUEUE_STATUS_FILTERS,
  QUEUE_VIEWS_OF_ROLE,
  SLA_STATES,
  parseStaffQueueParams,
  staffQueueSearchParams,
} from "~/domain/claims/queue-schemas";
import { listQueueZones, listStaffQueue } from "~/domain/claims/read-staff-queue.server";
import { staffAllows } from "~/domain/identity/permissions";
import { CLAIM_LEVELS, type CLAIM_STATUSES, CLAIM_TYPES, SEGMENTS } from "~/domain/vocabulary";
import { requireStaffUser } from "~/utils/auth.server";
import { claimTimeFormat, requireClaimStaff } from "~/utils/claim-pages.server";
import { getDb } from "~/utils/db.server";
import { formattingLocale } from "~/utils/i18n";
import { getLanguage } from "~/utils/language.server";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.claims");

/** The queue spans both sellers: its times read as Mexico City (es-MX) or en-US, like the audit trail. */
const QUEUE_TIME_ZONE = "America/Mexico_City";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireClaimStaff(request);
  const locale = formattingLocale(await getLanguage(request, await requireStaffUser(request)), "MX");
  const { view, filters, page, errors } = parseStaffQueueParams(
    new URL(request.url).searchParams,
    staff.staffRole,
    locale,
  );
  const db = await getDb();
  const [result, zones] = await Promise.all([
    listStaffQueue(db, staff, { view, filters, page, now: new Date() }),
    listQueueZones(db),
  ]);
  const format = claimTimeFormat(locale, QUEUE_TIME_ZONE);
  return {
    view,
    views: QUEUE_VIEWS_OF_ROLE[staff.staffRole],
    filters,
    fieldErrors: errors,
    query: staffQueueSearchParams(view, filters).toString(),
    zones,
    canSeeDashboard: staffAllows(staff.staffRole, "read:claims_dashboard"),
    canSeeDeadTasks: staffAllows(staff.staffRole, "manage:tasks"),
    nextCursor: result.nextCursor,
    prevCursor: result.prevCursor,
    rows: result.rows.map((r) => ({
      id: r.id,
      number: r.number,
      type: r.type,
      status: r.status,
      level: r.level,
      slaState: r.slaState,
      due: format(r.dueAt),
      created: format(r.createdAt),
      account: `${r.accountName} · ${r.accountNumber}`,
      assignee: r.assigneeName,
      amount: r.disputedAmount && r.disputedCurrency ? formatMoney(r.disputedAmount, r.disputedCurrency, locale) : null,
    })),
  };
}

const SLA_BADGE = {
  on_time: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  at_risk: "bg-amber-50 text-amber-900 ring-amber-300",
  breached: "bg-red-50 text-red-800 ring-red-200",
} as const;

const linkClass = "text-brand-700 underline underline-offset-2 hover:no-underline";

export default function StaffClaims() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { filters, fieldErrors, rows } = data;
  const errorOf = (field: string) => {
    const key = (fieldErrors as Record<string, string | undefined>)[field];
    return key ? translateValidationMessage(t, key) : null;
  };
  const pageHref = (cursor: { after?: string; before?: string }) => {
    const params = new URLSearchParams(data.query);
    if (cursor.after) params.set("after", cursor.after);
    if (cursor.before) params.set("before", cursor.before);
    return `?${params}`;
  };
  const viewHref = (view: string) => {
    const params = new URLSearchParams(data.query);
    params.set("view", view);
    return `?${params}`;
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("claims.queueTitle")}</h1>
          <p className="text-slate-600">{t("claims.queueIntro")}</p>
        </div>
        <div className="flex flex-wrap gap-3 text-sm">
          {data.canSeeDashboard ? (
            <Link to="/staff/claims/dashboard" className={linkClass}>
              {t("claimsQueue.dashboardLink")}
            </Link>
          ) : null}
          {data.canSeeDeadTasks ? (
            <Link to="/staff/tasks" className={linkClass}>
              {t("claimsQueue.deadTasksLink")}
            </Link>
          ) : null}
        </div>
      </div>
      {data.views.length > 1 ? (
        <nav aria-label={t("claimsQueue.view")}>
          <ul className="flex flex-wrap gap-2">
            {data.views.map((v) => (
              <li key={v}>
                <Link
                  to={viewHref(v)}
                  aria-current={v === data.view ? "page" : undefined}
                  className={`block rounded-md px-3 py-2 text-sm font-medium ring-1 ring-inset ${v === data.view ? "bg-brand-50 text-brand-800 ring-brand-200" : "text-slate-700 ring-slate-300 hover:bg-slate-100"}`}
                >
                  {t(`claimsQueue.views.${v}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {Object.keys(fieldErrors).length > 0 ? <InvalidFiltersNotice message={t("claimsQueue.invalidFilters")} /> : null}
      <Form method="get" className="grid grid-cols-1 items-end gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <input type="hidden" name="view" value={data.view} />
        {[
          {
            id: "status",
            label: t("claims.status"),
            anyLabel: t("claimsQueue.activeStatuses"),
            options: QUEUE_STATUS_FILTERS.filter((s) => s !== "active").map((s) => ({
              value: s,
              label: t(`claims.statuses.${s as (typeof CLAIM_STATUSES)[number]}`),
            })),
          },
          {
            id: "type",
            label: t("claims.type"),
            anyLabel: t("claimsQueue.anyType"),
            options: CLAIM_TYPES.map((v) => ({ value: v, label: t(`claims.types.${v}`) })),
          },
          {
            id: "level",
            label: t("claims.level"),
            anyLabel: t("claimsQueue.anyLevel"),
            options: CLAIM_LEVELS.map((v) => ({ value: v, label: v })),
          },
          {
            id: "sla",
            label: t("claimsQueue.sla"),
            anyLabel: t("claimsQueue.anySla"),
            options: SLA_STATES.map((v) => ({ value: v, label: t(`claimsQueue.slaStates.${v}`) })),
          },
          {
            id: "segment",
            label: t("claimsQueue.segment"),
            anyLabel: t("claimsQueue.anySegment"),
            options: SEGMENTS.map((v) => ({ value: v, label: t(`segments.${v}`) })),
          },
          {
            id: "zone",
            label: t("claimsQueue.zone"),
            anyLabel: t("claimsQueue.anyZone"),
            options: data.zones.map((z) => ({ value: z.id, label: `${z.name} (${z.country})` })),
          },
        ].map((select) => (
          <FilterSelect
            key={select.id}
            {...select}
            defaultValue={(filters as Record<string, string | number | undefined>)[select.id]?.toString()}
          />
        ))}
        <AmountRangeFields
          typed={filters}
          errorOf={errorOf}
          labels={[t("claimsQueue.amountMin"), t("claimsQueue.amountMax")]}
        />
        <RangeFields
          type="number"
          fields={[
            { id: "ageMin", label: t("claimsQueue.ageMin") },
            { id: "ageMax", label: t("claimsQueue.ageMax") },
          ]}
          values={filters}
          errorOf={errorOf}
        />
        <div>
          <Button type="submit" variant="secondary">
            {t("claims.filter")}
          </Button>
        </div>
      </Form>
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("claims.empty")}</p>
      ) : (
        <ScrollRegion label={t("claims.queueTitle")}>
          <table className="min-w-full text-left text-sm">
            <TableHead
              columns={[
                { label: t("claims.numberColumn") },
                { label: t("claims.due") },
                { label: t("claims.account") },
                { label: t("claims.type") },
                { label: t("claims.status") },
                { label: t("claims.level") },
                { label: t("claimsQueue.amountColumn"), align: "right" },
                { label: t("claimsQueue.assigneeColumn") },
                { label: t("claims.created") },
              ]}
              className="bg-slate-50 text-slate-700"
              cellClassName="px-3 py-2"
            />
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-3 py-2">
                    <Link to={`/staff/claims/${r.id}`} className={linkClass}>
                      {r.number}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <span className="block whitespace-nowrap">{r.due ?? "—"}</span>
                    {r.slaState ? (
                      <span
                        className={`mt-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${SLA_BADGE[r.slaState]}`}
                      >
                        {t(`claimsQueue.slaStates.${r.slaState}`)}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">{r.account}</td>
                  <td className="px-3 py-2">{t(`claims.types.${r.type}`)}</td>
                  <td className="px-3 py-2">{t(`claims.statuses.${r.status}`)}</td>
                  <td className="px-3 py-2">{r.level}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{r.amount ?? "—"}</td>
                  <td className="px-3 py-2">{r.assignee ?? t("claims.unassigned")}</td>
                  <td className="px-3 py-2">{r.created}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <nav aria-label={t("claimsQueue.pages")} className="flex gap-4">
        {data.prevCursor ? (
          <>
            <Link to={`?${data.query}`} className={linkClass}>
              {t("claimsQueue.first")}
            </Link>
            <Link to={pageHref({ before: data.prevCursor })} className={linkClass}>
              {t("claims.prev")}
            </Link>
          </>
        ) : null}
        {data.nextCursor ? (
          <Link to={pageHref({ after: data.nextCursor })} className={linkClass}>
            {t("claims.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
