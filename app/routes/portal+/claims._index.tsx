// The customer's claims on the selected account (or group), newest first, filtered by status, a page
// at a time.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClaimList, ClaimStatusFilter } from "~/components/claims";
import { buttonClass } from "~/components/ui/button";
import { parseClaimListParams } from "~/domain/claims/claim-forms";
import { listCustomerClaims } from "~/domain/claims/read-claims.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { claimTimeFormat } from "~/utils/claim-pages.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.claims");

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requirePortalScope(request);
  const { status, page } = parseClaimListParams(new URL(request.url).searchParams);
  const result = await listCustomerClaims(await getDb(), { accountIds: scope.accountIds, status, page });
  const format = claimTimeFormat(scope.locale, scope.timeZone);
  return {
    status,
    page,
    hasMore: result.hasMore,
    rows: result.rows.map((r) => ({ ...r, dueAt: format(r.dueAt), createdAt: format(r.createdAt) })),
  };
}

export default function PortalClaims() {
  const { t } = useTranslation();
  const { status, page, hasMore, rows } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("claims.title")}</h1>
          <p className="text-slate-600">{t("claims.intro")}</p>
        </div>
        <Link to="/portal/claims/new" className={buttonClass()}>
          {t("claims.new")}
        </Link>
      </div>
      <ClaimStatusFilter status={status} anyLabel={t("claims.allStatuses")} />
      <ClaimList rows={rows} basePath="/portal/claims" status={status} page={page} hasMore={hasMore} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
