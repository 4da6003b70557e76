// The customer's reconciliations: those sent to the accounts it is looking at, newest first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EnvelopeList } from "~/components/reconciliation";
import { PageHeader } from "~/components/ui/page-header";
import { listAccountEnvelopes } from "~/domain/signing/read-envelopes.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/page-title";
import { instantFormat, presentEnvelopeListRow } from "~/utils/signing-pages.server";

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
    rows: rows.map((r) =>
      presentEnvelopeListRow(r, { locale: scope.locale, at, href: `/portal/reconciliations/${r.id}` }),
    ),
    showAccount: scope.accountIds.length > 1,
  };
}

export default function PortalReconciliations() {
  const { t } = useTranslation();
  const { rows, showAccount } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageHeader title={t("signing.title")} intro={t("signing.portalIntro")} />
      <EnvelopeList rows={rows} showAccount={showAccount} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
