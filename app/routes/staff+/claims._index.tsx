// The staff claims queue: the claims this staff member may act on (administrators and auditors: all),
// open and waiting ones by default, the nearest deadline first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClaimList, ClaimStatusFilter } from "~/components/claims";
import { parseClaimListParams } from "~/domain/claims/claim-forms";
import { listStaffClaims } from "~/domain/claims/read-claims.server";
import { requireStaffUser } from "~/utils/auth.server";
import { claimTimeFormat, requireClaimStaff } from "~/utils/claim-pages.server";
import { getDb } from "~/utils/db.server";
import { formattingLocale } from "~/utils/i18n";
import { getLanguage } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";

export const meta = pageTitle("titles.claims");

/** The queue spans both sellers: its times read as Mexico City (es-MX) or en-US, like the audit trail. */
const QUEUE_TIME_ZONE = "America/Mexico_City";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireClaimStaff(request);
  const user = await requireStaffUser(request);
  const { status, page } = parseClaimListParams(new URL(request.url).searchParams);
  const result = await listStaffClaims(await getDb(), staff, { status, page });
  const format = claimTimeFormat(formattingLocale(await getLanguage(request, user), "MX"), QUEUE_TIME_ZONE);
  return {
    status,
    page,
    hasMore: result.hasMore,
    rows: result.rows.map((r) => ({ ...r, dueAt: format(r.dueAt), createdAt: format(r.createdAt) })),
  };
}

export default function StaffClaims() {
  const { t } = useTranslation();
  const { status, page, hasMore, rows } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("claims.queueTitle")}</h1>
        <p className="text-slate-600">{t("claims.queueIntro")}</p>
      </div>
      <ClaimStatusFilter status={status} anyLabel={t("claims.anyStatus")} />
      <ClaimList rows={rows} basePath="/staff/claims" status={status} page={page} hasMore={hasMore} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
