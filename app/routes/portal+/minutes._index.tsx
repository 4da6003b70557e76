// The customer's minutes: those sent to the accounts it is looking at, newest first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MinutesList } from "~/components/minutes";
import { PageHeader } from "~/components/ui/page-header";
import { listAccountMinutes } from "~/domain/signing/read-minutes.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { presentMinutesListRow } from "~/utils/minutes-pages.server";
import { pageTitle } from "~/utils/page-title";
import { instantFormat } from "~/utils/signing-pages.server";

export const meta = pageTitle("titles.minutes");

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requirePortalScope(request);
  const rows = await listAccountMinutes(
    await getDb(),
    { accountIds: scope.accountIds, includeDrafts: false },
    { now: new Date() },
  );
  const at = instantFormat(scope.locale, scope.timeZone);
  return {
    rows: rows.map((r) => presentMinutesListRow(r, { locale: scope.locale, at, href: `/portal/minutes/${r.id}` })),
    showAccount: scope.accountIds.length > 1,
  };
}

export default function PortalMinutesList() {
  const { t } = useTranslation();
  const { rows, showAccount } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader title={t("minutes.title")} intro={t("minutes.portalIntro")} />
      <MinutesList rows={rows} showAccount={showAccount} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
