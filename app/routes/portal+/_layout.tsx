import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountSwitcher } from "~/components/account-switcher";
import { AppHeader, AppLayout, type NavItem } from "~/components/app-header";
import { PageErrorBoundary } from "~/components/error-boundary";
import { countClaimsWaitingOnCustomer } from "~/domain/claims/read-staff-queue.server";
import { listGroupViews } from "~/domain/identity/group-views";
import { grantAllows } from "~/domain/identity/permissions";
import { cachedLedgerRead } from "~/domain/ledger/ledger-cache.server";
import { getDb } from "~/utils/db.server";
import { requireCustomerContext } from "~/utils/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, grants, selection, accountIds, ledgerVersions } = await requireCustomerContext(request);
  const options = [
    ...listGroupViews(grants).map((view) => ({ value: `group:${view.groupId}`, label: view.groupName, group: true })),
    ...grants.map((g) => ({ value: g.accountId, label: `${g.legalName} · ${g.number}`, group: false })),
  ];
  const current = selection.kind === "group" ? `group:${selection.groupId}` : selection.grant.accountId;
  const role = selection.kind === "account" ? selection.grant.role : null;
  return {
    user: { name: user.name, email: user.email },
    role,
    options,
    current,
    canManageUsers: selection.kind === "account" && grantAllows(selection.grant.role, "manage_users"),
    // Claims of the selection waiting on the customer: one indexed count, kept in the page cache (ADR 009)
    // at the accounts' versions, which a claim entering or leaving "waiting" bumps (migration 0019).
    claimsWaiting: await cachedLedgerRead({
      name: "claimsWaitingOnCustomer",
      accountIds,
      versions: ledgerVersions,
      args: null,
      compute: async () => countClaimsWaitingOnCustomer(await getDb(), accountIds),
    }),
  };
}

export default function PortalLayout() {
  const { t } = useTranslation();
  const { user, role, options, current, canManageUsers, claimsWaiting } = useLoaderData<typeof loader>();
  const nav: NavItem[] = [
    { to: "/portal", label: t("nav.home"), end: true },
    { to: "/portal/invoices", label: t("nav.invoices") },
    { to: "/portal/payments", label: t("nav.payments") },
    {
      to: "/portal/claims",
      label: t("nav.claims"),
      badge: { count: claimsWaiting, label: t("claimsQueue.customerCounter", { count: claimsWaiting }) },
    },
    { to: "/portal/reconciliations", label: t("nav.reconciliations") },
    { to: "/portal/minutes", label: t("nav.minutes") },
  ];
  if (role) nav.push({ to: "/portal/statement", label: t("nav.statement") });
  if (canManageUsers) nav.push({ to: "/portal/users", label: t("nav.users") });
  return (
    <AppLayout
      header={
        <AppHeader
          homeTo="/portal"
          user={{ ...user, roleLabel: role ? t(`roles.${role}`) : "" }}
          nav={nav}
          switcher={
            <AccountSwitcher
              value={current}
              options={options.map((o) => ({
                value: o.value,
                label: o.group ? t("switcher.group", { name: o.label }) : o.label,
              }))}
            />
          }
        />
      }
    >
      <Outlet />
    </AppLayout>
  );
}

export { PageErrorBoundary as ErrorBoundary };
