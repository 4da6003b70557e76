// The portfolio's reconciliations (staff): every reconciliation of the accounts this staff member
// reaches, newest first, filtered by status (sent, viewed, signed, signed with differences, expired).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EnvelopeList } from "~/components/reconciliation";
import { Button } from "~/components/ui/button";
import { listPortfolioEnvelopes } from "~/domain/signing/read-envelopes.server";
import { ENVELOPE_STATUSES, type EnvelopeStatus } from "~/domain/vocabulary";
import { requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formattingLocale } from "~/utils/i18n";
import { getLanguage } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { instantFormat } from "~/utils/signing-pages.server";

export const meta = pageTitle("titles.portfolioReconciliations");

/** The list spans both sellers: its times read as Mexico City, like the claims queue. */
const LIST_TIME_ZONE = "America/Mexico_City";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  const wanted = new URL(request.url).searchParams.get("status");
  const status = (ENVELOPE_STATUSES as readonly string[]).includes(wanted ?? "")
    ? (wanted as EnvelopeStatus)
    : undefined;
  const rows = await listPortfolioEnvelopes(await getDb(), user, { status }, { now: new Date() });
  const locale = formattingLocale(await getLanguage(request, user), "MX");
  const at = instantFormat(locale, LIST_TIME_ZONE);
  return {
    status: status ?? "",
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      accountNumber: r.accountNumber,
      accountName: r.accountName,
      cutoff: r.cutoffDate ? formatDate(r.cutoffDate, locale) : null,
      sentAt: at(r.sentAt),
      completedAt: at(r.completedAt),
      href: `/staff/accounts/${r.accountId}/reconciliations/${r.id}`,
      sealed: r.sealedAt !== null,
    })),
  };
}

export default function PortfolioReconciliations() {
  const { t } = useTranslation();
  const { rows, status } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("signing.portfolioTitle")}</h1>
        <p className="text-slate-600">{t("signing.portfolioIntro")}</p>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="status" className="block text-sm font-medium text-slate-800">
            {t("signing.filterStatus")}
          </label>
          <select
            id="status"
            name="status"
            defaultValue={status}
            className="mt-1 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
          >
            <option value="">{t("signing.allStatuses")}</option>
            {ENVELOPE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`signing.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("signing.filter")}
        </Button>
      </Form>
      <EnvelopeList rows={rows} showAccount />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
