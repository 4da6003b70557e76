// The customer's minutes: those sent to the accounts it is looking at, newest first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MinutesList } from "~/components/minutes";
import { listAccountMinutes } from "~/domain/signing/read-minutes.server";
import type { MeetingChannel } from "~/domain/vocabulary";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/i18n";
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
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      version: r.version,
      status: r.status,
      accountNumber: r.accountNumber,
      accountName: r.accountName,
      meetingDate: formatDate(r.meetingDate, scope.locale),
      channel: r.channel as MeetingChannel,
      sentAt: at(r.sentAt),
      completedAt: at(r.completedAt),
      href: `/portal/minutes/${r.id}`,
      sealed: r.sealedAt !== null,
    })),
    showAccount: scope.accountIds.length > 1,
  };
}

export default function PortalMinutesList() {
  const { t } = useTranslation();
  const { rows, showAccount } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("minutes.title")}</h1>
        <p className="text-slate-600">{t("minutes.portalIntro")}</p>
      </div>
      <MinutesList rows={rows} showAccount={showAccount} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
