// The claims SLA dashboard (supervisors see their team's claims; area owners, auditors and
// administrators all of them): first-response and resolution times, share breached, by level, type,
// collector and month, and open claims by age. Each chart is server-rendered SVG with its data table.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BarChart } from "~/components/charts";
import { FilterSelect } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { ScrollRegion, TableHead } from "~/components/ui/table";
import { readClaimsDashboard } from "~/domain/claims/claims-dashboard.server";
import { DASHBOARD_PERIODS, DASHBOARD_TIME_ZONE, type SlaFigures } from "~/domain/claims/dashboard-schemas";
import { CLAIM_TYPES } from "~/domain/vocabulary";
import { getDb } from "~/utils/db.server";
import { formattingLocale } from "~/utils/i18n";
import { getLanguage } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { requireStaffPermission } from "~/utils/permissions.server";

export const meta = pageTitle("titles.claimsDashboard");

const PeriodSchema = z.enum(DASHBOARD_PERIODS);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:claims_dashboard");
  const raw = new URL(request.url).searchParams.get("period") || "365";
  const parsed = PeriodSchema.safeParse(raw);
  const period = parsed.success ? parsed.data : "365";
  const now = new Date();
  const from = new Date(now.getTime() - Number(period) * 86_400_000);
  const locale = formattingLocale(await getLanguage(request, user), "MX");
  const dashboard = await readClaimsDashboard(await getDb(), {
    from,
    now,
    scope: user.staffRole === "supervisor" ? { supervisorId: user.id } : {},
  });
  return {
    period,
    periodError: parsed.success ? null : "validation.invalid",
    from: new Intl.DateTimeFormat(locale, { timeZone: DASHBOARD_TIME_ZONE, dateStyle: "long" }).format(from),
    locale,
    ...dashboard,
  };
}

const FIRST = "fill-sky-600";
const SECOND = "fill-indigo-800";
const FIRST_RESPONSE = "fill-teal-500";
const FIRST_RESPONSE_P90 = "fill-teal-800";

function FiguresTable({ caption, rows }: { caption: string; rows: { label: string; f: SlaFigures }[] }) {
  const { t } = useTranslation();
  const { locale } = useLoaderData<typeof loader>();
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const h = (v: number | null) => (v === null ? "—" : v.toLocaleString(locale));
  return (
    // A scrolling box at phone width: focusable so the keyboard can scroll it, named by its table.
    <ScrollRegion label={caption}>
      <table className="min-w-full text-left text-sm">
        <caption className="px-3 py-2 text-left text-sm font-medium text-slate-700">
          {t("claimsDashboard.table")}: {caption}
        </caption>
        <TableHead
          columns={[
            { label: t("claimsDashboard.group") },
            { label: t("claimsDashboard.claims"), align: "right" },
            { label: t("claimsDashboard.firstResponseMedian"), align: "right" },
            { label: t("claimsDashboard.firstResponseP90"), align: "right" },
            { label: t("claimsDashboard.resolutionMedian"), align: "right" },
            { label: t("claimsDashboard.resolutionP90"), align: "right" },
            { label: t("claimsDashboard.breachedShare"), align: "right" },
          ]}
        />
        <tbody className="divide-y divide-slate-100 tabular-nums">
          {rows.map(({ label, f }) => (
            <tr key={f.key || label}>
              <th scope="row" className="px-3 py-2 font-normal">
                {label}
              </th>
              <td className="px-3 py-2 text-right">{f.claims}</td>
              <td className="px-3 py-2 text-right">{h(f.firstResponseMedian)}</td>
              <td className="px-3 py-2 text-right">{h(f.firstResponseP90)}</td>
              <td className="px-3 py-2 text-right">{h(f.resolutionMedian)}</td>
              <td className="px-3 py-2 text-right">{h(f.resolutionP90)}</td>
              <td className="px-3 py-2 text-right">{pct.format(f.breachedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-medium text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function ClaimsDashboardPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const typeLabel = (k: string) =>
    (CLAIM_TYPES as readonly string[]).includes(k) ? t(`claims.types.${k as (typeof CLAIM_TYPES)[number]}`) : k;
  const groups = [
    { id: "by-level", title: t("claimsDashboard.byLevel"), rows: data.byLevel.map((f) => ({ label: f.key, f })) },
    {
      id: "by-type",
      title: t("claimsDashboard.byType"),
      rows: data.byType.map((f) => ({ label: typeLabel(f.key), f })),
    },
    {
      id: "by-collector",
      title: t("claimsDashboard.byCollector"),
      rows: data.byCollector.map((f) => ({ label: f.collectorName ?? t("claimsDashboard.noCollector"), f })),
    },
  ];
  const hours = t("claimsDashboard.resolutionMedian");
  const p90 = t("claimsDashboard.resolutionP90");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("claimsDashboard.title")}</h1>
        <p className="text-slate-600">{t("claimsDashboard.intro", { from: data.from })}</p>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="period"
          label={t("claimsDashboard.period")}
          defaultValue={data.period}
          options={DASHBOARD_PERIODS.map((p) => ({ value: p, label: t(`claimsDashboard.periods.${p}`) }))}
        />
        <Button type="submit" variant="secondary">
          {t("claimsDashboard.show")}
        </Button>
        {data.periodError ? (
          <p role="alert" className="text-sm text-red-700">
            {t("claimsQueue.invalidFilters")}
          </p>
        ) : null}
      </Form>
      {groups.map((g) => (
        <Section key={g.id} id={g.id} title={g.title}>
          {g.rows.length === 0 ? (
            <p className="text-slate-600">{t("claimsDashboard.noData")}</p>
          ) : (
            <>
              <BarChart
                title={`${g.title}: ${t("claimsDashboard.chartTimes")}`}
                categories={g.rows.map((r) => r.label)}
                series={[
                  {
                    label: t("claimsDashboard.firstResponseMedian"),
                    values: g.rows.map((r) => r.f.firstResponseMedian),
                    className: FIRST_RESPONSE,
                  },
                  {
                    label: t("claimsDashboard.firstResponseP90"),
                    values: g.rows.map((r) => r.f.firstResponseP90),
                    className: FIRST_RESPONSE_P90,
                  },
                  { label: hours, values: g.rows.map((r) => r.f.resolutionMedian), className: FIRST },
                  { label: p90, values: g.rows.map((r) => r.f.resolutionP90), className: SECOND },
                ]}
                line={{ label: t("claimsDashboard.chartBreached"), values: g.rows.map((r) => r.f.breachedShare) }}
              />
              <FiguresTable caption={g.title} rows={g.rows} />
            </>
          )}
        </Section>
      ))}
      <Section id="by-month" title={t("claimsDashboard.byMonth")}>
        {data.byMonth.length === 0 ? (
          <p className="text-slate-600">{t("claimsDashboard.noData")}</p>
        ) : (
          <>
            <BarChart
              title={t("claimsDashboard.chartMonth")}
              categories={data.byMonth.map((f) => f.key)}
              series={[
                { label: t("claimsDashboard.claims"), values: data.byMonth.map((f) => f.claims), className: FIRST },
              ]}
              line={{ label: t("claimsDashboard.chartBreached"), values: data.byMonth.map((f) => f.breachedShare) }}
            />
            <FiguresTable
              caption={t("claimsDashboard.byMonth")}
              rows={data.byMonth.map((f) => ({ label: f.key, f }))}
            />
          </>
        )}
      </Section>
      <Section id="open-by-age" title={t("claimsDashboard.openByAge")}>
        <BarChart
          title={t("claimsDashboard.chartAge")}
          categories={data.openByAge.map((a) => t(`claimsDashboard.ageBuckets.${a.bucket}`))}
          series={[
            { label: t("claimsDashboard.claims"), values: data.openByAge.map((a) => a.claims), className: FIRST },
          ]}
        />
        <ScrollRegion label={t("claimsDashboard.openByAge")}>
          <table className="min-w-full text-left text-sm">
            <caption className="px-3 py-2 text-left text-sm font-medium text-slate-700">
              {t("claimsDashboard.table")}: {t("claimsDashboard.openByAge")}
            </caption>
            <TableHead
              columns={[
                { label: t("claimsDashboard.ageBucket") },
                { label: t("claimsDashboard.claims"), align: "right" },
              ]}
            />
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {data.openByAge.map((a) => (
                <tr key={a.bucket}>
                  <th scope="row" className="px-3 py-2 font-normal">
                    {t(`claimsDashboard.ageBuckets.${a.bucket}`)}
                  </th>
                  <td className="px-3 py-2 text-right">{a.claims}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
