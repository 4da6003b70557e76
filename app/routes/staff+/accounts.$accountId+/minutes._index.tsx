// The account's minutes (staff): every version with its status, and the way to record new ones.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MinutesList } from "~/components/minutes";
import { staffAllows } from "~/domain/identity/permissions";
import { listAccountMinutes } from "~/domain/signing/read-minutes.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { presentMinutesListRow } from "~/utils/minutes-pages.server";
import { pageTitle } from "~/utils/page-title";
import { requireStaffAccount } from "~/utils/permissions.server";
import { instantFormat } from "~/utils/signing-pages.server";

export const meta = pageTitle("titles.minutes");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  const { user } = await requireStaffAccount(request, scope.accountId!);
  const rows = await listAccountMinutes(
    await getDb(),
    { accountIds: scope.accountIds, includeDrafts: true },
    { now: new Date() },
  );
  const at = instantFormat(scope.locale, scope.timeZone);
  return {
    canRecord: staffAllows(user.staffRole, "send:reconciliation"),
    newHref: `${scope.basePath}/minutes/new`,
    rows: rows.map((r) =>
      presentMinutesListRow(r, { locale: scope.locale, at, href: `${scope.basePath}/minutes/${r.id}` }),
    ),
  };
}

export default function StaffMinutesList() {
  const { t } = useTranslation();
  const { rows, canRecord, newHref } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-xl font-semibold text-slate-900">{t("minutes.title")}</h2>
          <p className="text-slate-600">{t("minutes.staffIntro")}</p>
        </div>
        {canRecord ? (
          <Link
            to={newHref}
            className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800"
          >
            {t("minutes.record")}
          </Link>
        ) : null}
      </div>
      <MinutesList rows={rows} showAccount={false} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
