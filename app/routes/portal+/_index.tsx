import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Page } from "~/pages/account-home";
import { load } from "~/pages/account-home.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { pageTitle } from "~/utils/page-title";

// The render is a function of the loader data alone: its HTML may come from the render cache (app/utils/render-cache.server.ts).
export const handle = { renderCache: true };

export const meta = pageTitle("titles.home");

export async function loader({ request }: LoaderFunctionArgs) {
  return load(request, await requirePortalScope(request));
}

export default function PortalHome() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return <Page data={data} title={data.group ? `${t("home.groupTitle")}: ${data.group}` : t("home.title")} />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
