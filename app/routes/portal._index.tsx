import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountOverviewView } from "~/components/account-overview";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { getDb } from "~/utils/db.server";
import { getLanguage } from "~/utils/language.server";
import { requireCustomerContext } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Cartera · Resumen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, selection, accountIds } = await requireCustomerContext(request);
  const overview = await getAccountOverview(await getDb(), { accountIds });
  return { overview, group: selection.kind === "group" ? selection.groupName : null, language: await getLanguage(request, user) };
}

export default function PortalHome() {
  const { t } = useTranslation();
  const { overview, group, language } = useLoaderData<typeof loader>();
  return <AccountOverviewView overview={overview} language={language} title={group ? `${t("home.groupTitle")}: ${group}` : t("home.title")} />;
}
