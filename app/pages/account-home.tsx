// The account home's view, the same for the customer and for staff; `title` is the page's heading
// (the customer's "Inicio" or group name, the account's legal name for staff).
import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountOverviewView } from "~/components/account-overview";
import { PendingPromises } from "~/components/pending-promises";
import type { AccountHomeData } from "./account-home.server";

export function Page({ data, title }: { data: AccountHomeData; title: string }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  return (
    <div className="space-y-8">
      {data.group && searchParams.get("pick") === "account" ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("statement.pickAccount")}
        </p>
      ) : null}
      <AccountOverviewView
        overview={data.overview}
        activity={data.activity}
        basePath={data.basePath}
        language={data.language}
        title={title}
      />
      <PendingPromises
        promises={data.promises}
        moreTo={data.promisesTo}
        showAccount={data.overview.accounts.length > 1}
      />
    </div>
  );
}
