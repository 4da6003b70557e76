// One error page for every route: 404, 403 and unexpected errors, in the user's language.
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "./ui/button";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbidden")]
        : [t("errors.serverTitle"), t("errors.server")];
  return (
    <section
      className="mx-auto my-16 max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm"
      aria-labelledby="error-title"
    >
      <p className="text-sm font-semibold text-brand-700">{status}</p>
      <h1 id="error-title" className="mt-2 text-xl font-semibold text-slate-900">
        {title}
      </h1>
      <p className="mt-2 text-slate-600">{body}</p>
      <Link to="/" className={buttonClass("primary", "mt-6")}>
        {t("errors.back")}
      </Link>
    </section>
  );
}

/** The error page of a route that owns the page's <main> (root and the signed-in layouts). */
export function PageErrorBoundary() {
  return (
    <main id="main">
      <GeneralErrorBoundary />
    </main>
  );
}
