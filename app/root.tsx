import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { PageErrorBoundary } from "./components/error-boundary";
import { Toaster } from "./components/toaster";
import stylesheet from "./tailwind.css?url";
import { getUser } from "./utils/auth.server";
import { DEFAULT_LANGUAGE, type Language, createI18nInstance, isLanguage } from "./utils/i18n";
import { useNonce } from "./utils/nonce";
import { readPreferences } from "./utils/session.server";
import { getToast } from "./utils/toast.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The fallback title: a route's own meta replaces it, but an error page (404, 403) rendered by a
// layout's boundary has no route meta below it and would otherwise have no <title> at all.
export const meta: MetaFunction = () => [{ title: "Cartera" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, prefs, { toast, headers }] = await Promise.all([
    getUser(request),
    readPreferences(request),
    getToast(request),
  ]);
  const language: Language = isLanguage(prefs.language)
    ? prefs.language
    : isLanguage(user?.language)
      ? user.language
      : DEFAULT_LANGUAGE;
  return data({ language, toast }, headers ? { headers } : undefined);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const language = rootData?.language ?? DEFAULT_LANGUAGE;
  const i18n = useMemo(() => createI18nInstance(language), [language]);
  const nonce = useNonce();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <I18nextProvider i18n={i18n}>
          {children}
          <Toaster toast={rootData?.toast ?? null} />
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export { PageErrorBoundary as ErrorBoundary };
