import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppHeader, AppLayout } from "~/components/app-header";
import { PageErrorBoundary } from "~/components/error-boundary";
import { countClaimsNeedingAction } from "~/domain/claims/read-staff-queue.server";
import { staffAllows } from "~/domain/identity/permissions";
import { requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  return {
    user: { name: user.name, email: user.email, staffRole: user.staffRole, staffArea: user.staffArea },
    canReadAudit: staffAllows(user.staffRole, "read:audit"),
    canReadSigningSettings: staffAllows(user.staffRole, "read:signing_settings"),
    // One indexed count (claims_queue_assignee_active_idx), outside any page cache: claims move often.
    claimsNeedingAction: user.staffRole === "auditor" ? 0 : await countClaimsNeedingAction(await getDb(), user.id),
  };
}

export default function StaffLayout() {
  const { t } = useTranslation();
  const { user, canReadAudit, canReadSigningSettings, claimsNeedingAction } = useLoaderData<typeof loader>();
  const roleLabel = `${t(`roles.${user.staffRole}`)}${user.staffArea ? ` · ${t(`areas.${user.staffArea}`)}` : ""}`;
  return (
    <AppLayout
      header={
        <AppHeader
          homeTo="/staff"
          user={{ name: user.name, email: user.email, roleLabel }}
          nav={[
            {
              to: "/staff",
              label: t("nav.staffHome"),
              exclude: [
                "/staff/audit",
                "/staff/cheques",
                "/staff/claims",
                "/staff/payments",
                "/staff/promises",
                "/staff/reconciliations",
                "/staff/signing-settings",
                "/staff/tasks",
              ],
            },
            {
              to: "/staff/claims",
              label: t("nav.claims"),
              badge: {
                count: claimsNeedingAction,
                label: t("claimsQueue.counter", { count: claimsNeedingAction }),
              },
            },
            { to: "/staff/payments", label: t("nav.paymentQueue") },
            { to: "/staff/cheques", label: t("nav.cheques") },
            { to: "/staff/reconciliations", label: t("nav.reconciliations") },
            { to: "/staff/promises", label: t("nav.promises") },
            ...(canReadAudit ? [{ to: "/staff/audit", label: t("nav.audit") }] : []),
            ...(canReadSigningSettings ? [{ to: "/staff/signing-settings", label: t("nav.signingSettings") }] : []),
          ]}
        />
      }
    >
      <Outlet />
    </AppLayout>
  );
}

export { PageErrorBoundary as ErrorBoundary };
