// Downloads (PDF, XML, ZIP, statement and audit exports) are resource routes: they have no page, so an
// error they answer would reach the browser as a bare "Not found" outside the app. When the browser
// itself navigated there (a download link, the ZIP form), the error is sent instead to the side's
// error page (routes/<side>+/error.$status.tsx), which answers the same status inside the signed-in
// layout (header, navigation, sign-out) in the user's language. Programmatic clients (fetch, curl,
// tests) keep the plain answer with its headers (Retry-After).
import { redirect } from "@remix-run/node";

/** Statuses the error page renders; any other error status reads as 400 (4xx) or 503 there. */
export const ERROR_PAGE_STATUSES = [400, 403, 404, 413, 429, 503] as const;

/** True for a top-level browser navigation (address bar, link, form), not for fetch() or a script. */
export function isDocumentNavigation(request: Request): boolean {
  const mode = request.headers.get("Sec-Fetch-Mode");
  if (mode) return mode === "navigate";
  // Browsers without Fetch Metadata: an HTML-accepting request that is not Remix's data fetch.
  return (request.headers.get("Accept") ?? "").includes("text/html");
}

/** Where a navigation that failed with `status` on `side` is shown. */
export function errorPagePath(side: "portal" | "staff", status: number): string {
  const shown = (ERROR_PAGE_STATUSES as readonly number[]).includes(status) ? status : status < 500 ? 400 : 503;
  return `/${side}/error/${shown}`;
}

/**
 * Wraps a resource route's loader or action: an error status it throws or returns becomes, for a
 * browser navigation, a redirect (303) to the error page of its side. Redirects and files pass through.
 */
export function withErrorPage<Args extends { request: Request }>(
  side: "portal" | "staff",
  handler: (args: Args) => Promise<Response>,
): (args: Args) => Promise<Response> {
  return async (args) => {
    let response: Response;
    try {
      response = await handler(args);
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
      if (response.status < 400 || !isDocumentNavigation(args.request)) throw response;
    }
    if (response.status < 400 || !isDocumentNavigation(args.request)) return response;
    await response.body?.cancel();
    return redirect(errorPagePath(side, response.status), 303);
  };
}
