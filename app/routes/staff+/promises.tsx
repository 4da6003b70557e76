// The collectors' list of payment promises over the accounts they reach: due today, this week, all
// pending, and how the settled ones ended (broken, partly kept, kept), each with what was paid; "today"
// is each account's seller's calendar day. Above them, the payment plans waiting on the collector and,
// for supervisors, those waiting for their approval.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageHeader } from "~/components/ui/page-header";
import { ViewLinks } from "~/components/ui/view-links";
import { staffAllows } from "~/domain/identity/permissions";
import { listStaffPromises } from "~/domain/payments/read-promises.server";
import { listStaffPlans } from "~/domain/plans/read-plans.server";
import { STAFF_PROMISE_VIEWS } from "~/domain/vocabulary";
import { requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formattingLocale } from "~/utils/i18n";
import { getLanguage } from "~/utils/language.server";
import { formatMoney, subtractMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.promises");

const QuerySchema = z.object({
  view: z.enum(STAFF_PROMISE_VIEWS).catch("today"),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  const url = new URL(request.url);
  const query = QuerySchema.parse({
    view: url.searchParams.get("view") ?? undefined,
    page: url.searchParams.get("page") ?? undefined,
  });
  const language = await getLanguage(request, user);
  const locale = formattingLocale(language, "MX");
  const db = await getDb();
  const list = await listStaffPromises(db, user, {
    view: query.view,
    now: new Date(),
    page: query.page,
  });
  const presentPlans = (rows: Awaited<ReturnType<typeof listStaffPlans>>) =>
    rows.map((p) => ({
      id: p.id,
      account: `${p.accountNumber} · ${p.accountName}`,
      total: formatMoney(p.total, p.currency, locale),
      count: p.instalments,
      since: formatDate(p.updatedAt.toISOString().slice(0, 10), locale),
    }));
  const canDecide = staffAllows(user.staffRole, "decide:payment_plans");
  const canApprove = staffAllows(user.staffRole, "approve:payment_plans");
  return {
    plansWaitingCollector: canDecide ? presentPlans(await listStaffPlans(db, user, "proposed")) : null,
    plansWaitingApproval: canApprove ? presentPlans(await listStaffPlans(db, user, "awaiting_approval")) : null,
    view: query.view,
    page: query.page,
    hasMore: list.hasMore,
    rows: list.rows.map((p) => {
      const paid = p.status === "pending" ? p.paidSoFar : (p.paidAmount ?? "0.00");
      return {
        id: p.id,
        accountId: p.accountId,
        account: `${p.accountNumber} · ${p.accountName}`,
        promised: formatMoney(p.amount, p.currency, locale),
        date: formatDate(p.promisedDate, locale),
        paid: formatMoney(paid, p.currency, locale),
        missing:
          p.status === "pending" || p.status === "kept"
            ? null
            : formatMoney(subtractMoney(p.amount, paid), p.currency, locale),
        status: p.status,
        note: p.note,
        documents: p.documents.map((d) => ({ id: d.id, label: d.label })),
      };
    }),
  };
}

export default function StaffPromises() {
  const { t } = useTranslation();
  const { view, page, hasMore, rows, plansWaitingCollector, plansWaitingApproval } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader title={t("promises.staffTitle")} intro={t("promises.staffIntro")} />
      {plansWaitingApproval ? (
        <WaitingPlans id="plans-approval" title={t("plans.staffWaitingApproval")} plans={plansWaitingApproval} />
      ) : null}
      {plansWaitingCollector ? (
        <WaitingPlans id="plans-collector" title={t("plans.staffWaitingCollector")} plans={plansWaitingCollector} />
      ) : null}
      <ViewLinks
        label={t("promises.viewsLabel")}
        views={STAFF_PROMISE_VIEWS}
        current={view}
        labelOf={(v) => t(`promises.views.${v}`)}
      />
      {rows.length === 0 ? (
        <p>{t("promises.none")}</p>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          aria-label={t(`promises.views.${view}`)}
        >
          {rows.map((p) => (
            <li key={p.id} className="grid gap-1 p-3 text-sm sm:grid-cols-5 sm:items-center">
              <Link to={`/staff/accounts/${p.accountId}`} className="font-medium underline sm:col-span-2">
                {p.account}
              </Link>
              <span>
                <span className="sr-only">{t("promises.amountColumn")}: </span>
                {t("promises.promisedFor", { amount: p.promised, date: p.date })}
              </span>
              <span>
                <span className="sr-only">{t("promises.paidColumn")}: </span>
                {p.paid}
                {p.missing ? ` · ${t("promises.missing", { amount: p.missing })}` : null}
              </span>
              <span>{t(`promises.status.${p.status}`)}</span>
              <span className="text-slate-600 sm:col-span-5">
                {p.documents.map((d) => d.label).join(", ")}
                {p.note ? ` — ${p.note}` : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t("promises.staffTitle")} className="flex gap-3 text-sm">
        {page > 1 ? (
          <Link to={`?view=${view}&page=${page - 1}`} className="underline">
            {t("promises.previous")}
          </Link>
        ) : null}
        {hasMore ? (
          <Link to={`?view=${view}&page=${page + 1}`} className="underline">
            {t("promises.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

function WaitingPlans({
  id,
  title,
  plans,
}: {
  id: string;
  title: string;
  plans: { id: string; account: string; total: string; count: number; since: string }[];
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {plans.length === 0 ? (
        <p className="text-sm text-slate-600">{t("plans.staffNoneWaiting")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {plans.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <span>
                {t("plans.staffRow", { account: p.account, total: p.total, count: p.count })} · {p.since}
              </span>
              <Link to={`/staff/plans/${p.id}`} className="font-medium underline">
                {t("plans.open")}
                <span className="sr-only"> · {p.account}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
