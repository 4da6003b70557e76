// One error page for every route, in the user's language. Each status a user can meet has its own
// message (400, 403, 404, 413, 415, 429, 500); a route may pass handlers for the statuses it knows
// better (Epic Stack's `GeneralErrorBoundary`). Leaf routes export `RouteErrorBoundary`, which renders
// inside their layout, so an error under /portal or /staff keeps the header, navigation and sign-out;
// the root and the signed-in layouts fall back to `PageErrorBoundary`, which owns the page's <main>.
import { type ErrorResponse, Link, isRouteErrorResponse, useParams, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "./ui/button";

type StatusHandler = (info: { error: ErrorResponse; params: Record<string, string | undefined> }) => ReactNode;

/** The copy keys of each status; any other 4xx reads as a bad request, anything else as a server error. */
const STATUS_COPY: Record<number, "badRequest" | "busy" | "forbidden" | "notFound" | "tooLarge" | "tooMany"> = {
  400: "badRequest",
  403: "forbidden",
  404: "notFound",
  405: "badRequest",
  413: "tooLarge",
  415: "badRequest",
  429: "tooMany",
  503: "busy",
};

function ErrorPanel({ status, title, body }: { status: number; title: string; body: string }) {
  const { t } = useTranslation();
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

export function GeneralErrorBoundary({
  statusHandlers,
  unexpectedErrorHandler,
}: {
  statusHandlers?: Record<number, StatusHandler>;
  unexpectedErrorHandler?: (error: unknown) => ReactNode;
}) {
  const error = useRouteError();
  const params = useParams();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers?.[error.status];
    if (handler) return <>{handler({ error, params })}</>;
    const copy = STATUS_COPY[error.status] ?? (error.status < 500 ? "badRequest" : "server");
    return <ErrorPanel status={error.status} title={t(`errors.${copy}Title`)} body={t(`errors.${copy}`)} />;
  }
  if (unexpectedErrorHandler) return <>{unexpectedErrorHandler(error)}</>;
  return <ErrorPanel status={500} title={t("errors.serverTitle")} body={t("errors.server")} />;
}

/** The error page of a leaf route: rendered inside its layout's <main>, header and navigation kept. */
export function RouteErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** The error page of a route that owns the page's <main> (root and the signed-in layouts). */
export function PageErrorBoundary() {
  return (
    <main id="main">
      <GeneralErrorBoundary />
    </main>
  );
}
