import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountOverviewView } from "~/components/account-overview";
import { PendingPromises } from "~/components/pending-promises";
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { presentPendingPromises } from "~/domain/payments/present-pending-promises.server";
import { getDb } from "~/utils/db.server";
import { formattingLocale } from "~/utils/i18n";
import { getLanguage } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { requireCustomerContext } from "~/utils/permissions.server";

export const meta = pageTitle("titles.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, selection, accountIds, ledgerVersions } = await requireCustomerContext(request);
  const db = await getDb();
  const overview = await getAccountOverview(db, { accountIds }, { ledgerVersions });
  const activity = await getAccountActivity(db, { accountIds, asOf: overview.asOf! }, { ledgerVersions });
  const language = await getLanguage(request, user);
  return {
    overview,
    activity,
    // Cached with the ledger's figures: a promise recorded, settled or withdrawn bumps the version (0018).
    promises: await presentPendingPromises(
      db,
      accountIds,
      formattingLocale(language, overview.accounts[0]?.country),
      ledgerVersions,
    ),
    group: selection.kind === "group" ? selection.groupName : null,
    language,
  };
}

export default function PortalHome() {
  const { t } = useTranslation();
  const { overview, activity, group, language, promises } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <>
      {group && searchParams.get("pick") === "account" ? (
        <p
          role="status"
          className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {t("statement.pickAccount")}
        </p>
      ) : null}
      <AccountOverviewView
        overview={overview}
        activity={activity}
        basePath="/portal"
        language={language}
        title={group ? `${t("home.groupTitle")}: ${group}` : t("home.title")}
      />
      <PendingPromises promises={promises} moreTo="/portal/promises" showAccount={overview.accounts.length > 1} />
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
