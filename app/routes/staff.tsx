import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppHeader } from "~/components/app-header";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireStaffUser } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  return { user: { name: user.name, email: user.email, staffRole: user.staffRole, staffArea: user.staffArea } };
}

export default function StaffLayout() {
  const { t } = useTranslation();
  const { user } = useLoaderData<typeof loader>();
  const roleLabel = `${t(`roles.${user.staffRole}`)}${user.staffArea ? ` · ${t(`areas.${user.staffArea}`)}` : ""}`;
  return (
    <div className="min-h-screen">
      <AppHeader homeTo="/staff" user={{ name: user.name, email: user.email, roleLabel }} nav={[{ to: "/staff", label: t("nav.staffHome") }]} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main">
      <GeneralErrorBoundary />
    </main>
  );
}
