import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppHeader, AppLayout } from "~/components/app-header";
import { PageErrorBoundary } from "~/components/error-boundary";
import { staffAllows } from "~/domain/identity/permissions";
import { requireStaffUser } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  return {
    user: { name: user.name, email: user.email, staffRole: user.staffRole, staffArea: user.staffArea },
    canReadAudit: staffAllows(user.staffRole, "read:audit"),
  };
}

export default function StaffLayout() {
  const { t } = useTranslation();
  const { user, canReadAudit } = useLoaderData<typeof loader>();
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
                "/staff/claims",
                "/staff/payments",
                "/staff/promises",
                "/staff/reconciliations",
              ],
            },
            { to: "/staff/claims", label: t("nav.claims") },
            { to: "/staff/payments", label: t("nav.paymentQueue") },
            { to: "/staff/reconciliations", label: t("nav.reconciliations") },
            { to: "/staff/promises", label: t("nav.promises") },
            ...(canReadAudit ? [{ to: "/staff/audit", label: t("nav.audit") }] : []),
          ]}
        />
      }
    >
      <Outlet />
    </AppLayout>
  );
}

export { PageErrorBoundary as ErrorBoundary };
