// The header of signed-in pages: brand, navigation, account switcher, language and user menu.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LogoutSchema } from "~/domain/identity/schemas";
import { LanguageSwitch } from "./language-switch";

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** Paths under `to` that belong to another item (the staff home holds the accounts, not the audit trail). */
  exclude?: string[];
  /** A counter shown on the item (claims waiting on the reader), with what it counts in words. */
  badge?: { count: number; label: string };
}

export function AppHeader({
  user,
  nav,
  switcher,
  homeTo,
}: {
  user: { name: string; email: string; roleLabel: string };
  nav: NavItem[];
  switcher?: ReactNode;
  homeTo: string;
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const excluded = (item: NavItem) => item.exclude?.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const onValidate = ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema: LogoutSchema });
  const [logoutForm] = useForm({ id: "logout", onValidate });
  const [logoutAllForm] = useForm({ id: "logout-all", onValidate });
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("app.skipToContent")}
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <NavLink to={homeTo} className="flex items-center gap-2 font-semibold text-brand-700">
          <img src="/favicon.svg" alt="" className="size-7" />
          <span>{t("app.name")}</span>
        </NavLink>
        <nav aria-label={t("nav.menu")} className="order-last w-full min-w-0 sm:order-none sm:w-auto">
          <ul className="flex gap-1 overflow-x-auto">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end || excluded(item)}
                  className={({ isActive }) =>
                    // relative: the badge's screen-reader text (absolutely placed) stays inside the scrolling list.
                    `relative block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`
                  }
                >
                  {item.label}
                  {item.badge && item.badge.count > 0 ? (
                    <>
                      <span
                        aria-hidden="true"
                        className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white"
                      >
                        {item.badge.count}
                      </span>
                      <span className="sr-only"> ({item.badge.label})</span>
                    </>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {/* min-w-0 and wrapping: a long account switcher, the language and the user menu fit 390 px. */}
        <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-2">
          {switcher}
          <LanguageSwitch />
          <details className="relative">
            <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-100">
              <span className="sr-only">{t("user.menu")}: </span>
              <span
                aria-hidden="true"
                className="flex size-6 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white"
              >
                {user.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="hidden max-w-40 truncate sm:inline">{user.name}</span>
            </summary>
            <div className="absolute right-0 z-40 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
              <p className="text-sm text-slate-900">{user.name}</p>
              <p className="truncate text-xs text-slate-600">{t("user.signedInAs", { email: user.email })}</p>
              <p className="mt-1 text-xs text-slate-600">{user.roleLabel}</p>
              <div className="mt-3 space-y-1 border-t border-slate-100 pt-3">
                <Form method="post" action="/logout" {...getFormProps(logoutForm)}>
                  <button
                    type="submit"
                    name="intent"
                    value="logout"
                    className="w-full rounded-md px-2 py-2 text-left text-sm hover:bg-slate-100"
                  >
                    {t("user.logout")}
                  </button>
                </Form>
                <Form method="post" action="/logout" {...getFormProps(logoutAllForm)}>
                  <button
                    type="submit"
                    name="intent"
                    value="logout-all"
                    className="w-full rounded-md px-2 py-2 text-left text-sm hover:bg-slate-100"
                  >
                    {t("user.logoutAll")}
                  </button>
                </Form>
              </div>
            </div>
          </details>
        </div>
      </div>
    </header>
  );
}

/** A signed-in page: the header, then the routed content in the page's <main>. */
export function AppLayout({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      {header}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
