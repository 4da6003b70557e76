import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountOverviewView } from "~/components/account-overview";
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { getDb } from "~/utils/db.server";
import { getLanguage } from "~/utils/language.server";
import { requireCustomerContext } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Cartera · Resumen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, selection, accountIds, ledgerVersions } = await requireCustomerContext(request);
  const db = await getDb();
  const overview = await getAccountOverview(db, { accountIds }, { ledgerVersions });
  const activity = await getAccountActivity(db, { accountIds, asOf: overview.asOf! }, { ledgerVersions });
  return {
    overview,
    activity,
    group: selection.kind === "group" ? selection.groupName : null,
    language: await getLanguage(request, user),
  };
}

export default function PortalHome() {
  const { t } = useTranslation();
  const { overview, activity, group, language } = useLoaderData<typeof loader>();
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
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
