// The customer's reconciliations: those sent to the accounts it is looking at, newest first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EnvelopeList } from "~/components/reconciliation";
import { listAccountEnvelopes } from "~/domain/signing/read-envelopes.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/i18n";
import { pageTitle } from "~/utils/page-title";
import { instantFormat } from "~/utils/signing-pages.server";

export const meta = pageTitle("titles.reconciliations");

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requirePortalScope(request);
  const rows = await listAccountEnvelopes(
    await getDb(),
    { accountIds: scope.accountIds, includeDrafts: false },
    { now: new Date() },
  );
  const at = instantFormat(scope.locale, scope.timeZone);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      accountNumber: r.accountNumber,
      accountName: r.accountName,
      cutoff: r.cutoffDate ? formatDate(r.cutoffDate, scope.locale) : null,
      sentAt: at(r.sentAt),
      completedAt: at(r.completedAt),
      href: `/portal/reconciliations/${r.id}`,
      sealed: r.sealedAt !== null,
    })),
    showAccount: scope.accountIds.length > 1,
  };
}

export default function PortalReconciliations() {
  const { t } = useTranslation();
  const { rows, showAccount } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("signing.title")}</h1>
        <p className="text-slate-600">{t("signing.portalIntro")}</p>
      </div>
      <EnvelopeList rows={rows} showAccount={showAccount} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
