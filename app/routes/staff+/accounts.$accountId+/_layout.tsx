import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireStaffScope } from "~/utils/account-scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  return { account: scope.account, basePath: scope.basePath };
}

export default function StaffAccountLayout() {
  const { t } = useTranslation();
  const { account, basePath } = useLoaderData<typeof loader>();
  const tabs = [
    { to: basePath, label: t("nav.home"), end: true },
    { to: `${basePath}/invoices`, label: t("nav.invoices") },
    { to: `${basePath}/payments`, label: t("nav.payments") },
    { to: `${basePath}/statement`, label: t("nav.statement") },
    { to: `${basePath}/reconciliations`, label: t("nav.reconciliations") },
    { to: `${basePath}/minutes`, label: t("nav.minutes") },
  ];
  return (
    <div className="space-y-6">
      <nav aria-label="breadcrumb" className="text-sm text-slate-600">
        <Link to="/staff" className="text-brand-700 underline hover:no-underline">
          {t("staff.title")}
        </Link>{" "}
        / {account.legalName} · {account.number}
      </nav>
      <nav
        aria-label={t("staff.accountTitle", { number: account.number })}
        className="flex gap-2 overflow-x-auto border-b border-slate-200"
      >
        {tabs.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            className={({ isActive }) =>
              `-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`
            }
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
