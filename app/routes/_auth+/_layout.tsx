import { Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LanguageSwitch } from "~/components/language-switch";

export default function AuthLayout() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-4 py-4 sm:px-8">
        <p className="flex items-center gap-2 font-semibold text-brand-700">
          <img src="/favicon.svg" alt="" className="size-7" />
          {t("app.name")}
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-16">
        <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <Outlet />
        </div>
      </main>
      <footer className="px-4 py-6 text-center text-xs text-slate-600">{t("app.tagline")}</footer>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
