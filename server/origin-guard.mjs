// The same-origin rule for state-changing requests, in plain JavaScript so that both the app
// (assertSameOrigin in app/utils/request.server.ts, bundled by Vite) and a Node server in front of
// Remix (an express `app.use(originGuard())`) apply one rule.
//
// Why a server-level guard: Remix 2 refuses an action whose Origin does not match Host (or
// X-Forwarded-Host) itself, before any of our code runs (throwIfPotentialCSRFAttack in
// @remix-run/server-runtime), and answers it with a bare 500 — an unparsable Origin even throws a
// TypeError. For data requests (`*.data`, single fetch) entry.server's handleDataRequest turns that into
// a 403; for document POSTs nothing after Remix's check can change the answer, so the guard has to run
// before Remix. It refuses whatever Remix would refuse, with a 403 and a body, and lets the rest through.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The host an action must come from: X-Forwarded-Host's first entry when present, else Host — exactly
 * what Remix compares the Origin with, so the guard refuses whatever Remix would answer with a 500.
 * @param {string | null | undefined} host
 * @param {string | null | undefined} forwardedHost
 * @returns {string | null}
 */
export function expectedHost(host, forwardedHost) {
  const forwarded = forwardedHost?.split(",")[0]?.trim();
  return forwarded || host || null;
}

/**
 * Whether an Origin (or Referer) value names this site: "same", "foreign" (another host, or "null"),
 * or "malformed" (not a URL, the empty string included). No header at all is "absent": browsers send
 * Origin on every cross-site POST, so a request without one carries no ambient credentials from
 * another site.
 * @param {string | null | undefined} origin
 * @param {string | null} host the expected host (see expectedHost)
 * @returns {"same" | "foreign" | "malformed" | "absent"}
 */
export function originVerdict(origin, host) {
  if (origin === null || origin === undefined) return "absent";
  if (origin === "null") return "foreign";
  let originHost;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "malformed";
  }
  return host !== null && originHost === host ? "same" : "foreign";
}

/**
 * A request Remix itself would refuse as cross-origin: a method other than GET (HEAD too on a single
 * fetch `.data` URL, which Remix routes to its action handler) with an Origin that does not name Host.
 * @param {{ method: string; path: string; origin: string | null | undefined; host: string | null | undefined; forwardedHost: string | null | undefined }} request
 */
export function isRefusedCrossOrigin({ method, path, origin, host, forwardedHost }) {
  const upper = method.toUpperCase();
  const safe = upper === "GET" || (SAFE_METHODS.has(upper) && !path.split("?")[0].endsWith(".data"));
  if (safe) return false;
  const verdict = originVerdict(origin, expectedHost(host, forwardedHost));
  return verdict === "foreign" || verdict === "malformed";
}

const PAGES = {
  es: {
    title: "Solicitud rechazada",
    body: "Esta acción solo se puede enviar desde el propio portal. Vuelve a abrir la página e inténtalo de nuevo.",
    back: "Ir al inicio",
  },
  en: {
    title: "Request refused",
    body: "This action can only be sent from the portal itself. Open the page again and retry.",
    back: "Go to the home page",
  },
};

/**
 * The reader's language as the app picks it (the preferences cookie, else Spanish). The cookie's
 * signature is not checked: the value only chooses the language of this page.
 * @param {string | undefined} cookieHeader
 * @returns {"es" | "en"}
 */
export function pageLanguage(cookieHeader) {
  const raw = /(?:^|;\s*)cartera_prefs=([^;]*)/.exec(cookieHeader ?? "")?.[1];
  if (!raw) return "es";
  try {
    const signed = decodeURIComponent(raw);
    const encoded = signed.slice(0, signed.lastIndexOf(".") === -1 ? signed.length : signed.lastIndexOf("."));
    const prefs = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
    return prefs?.language === "en" ? "en" : "es";
  } catch {
    return "es";
  }
}

/**
 * The 403 answer: a small page in the reader's language for a browser navigation, a short text for
 * data requests and other clients.
 * @param {{ path: string; accept: string | null | undefined; cookie: string | undefined }} request
 * @returns {{ status: 403; headers: Record<string, string>; body: string }}
 */
export function refusal({ path, accept, cookie }) {
  const headers = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  };
  const wantsPage = !path.split("?")[0].endsWith(".data") && /text\/html/i.test(accept ?? "");
  if (!wantsPage) {
    return {
      status: 403,
      headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
      body: "Forbidden: cross-origin request",
    };
  }
  const language = pageLanguage(cookie);
  const copy = PAGES[language];
  const body = `<!DOCTYPE html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403 · ${copy.title} · Cartera</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0}main{max-width:32rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;text-align:center}p.s{color:#1d4ed8;font-weight:600;font-size:.875rem}a{display:inline-block;margin-top:1.5rem;padding:.5rem 1rem;border-radius:.375rem;background:#1d4ed8;color:#fff;text-decoration:none}</style>
</head>
<body><main><p class="s">403</p><h1>${copy.title}</h1><p>${copy.body}</p><a href="/">${copy.back}</a></main></body>
</html>
`;
  return { status: 403, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" }, body };
}

/**
 * Express (or plain node:http) middleware: answers 403 to a cross-origin state-changing request before
 * Remix would answer it with a 500; everything else goes on to `next()`. Mount it just before the Remix
 * request handler, after anything that rewrites Host / X-Forwarded-Host (trusted proxies), so it sees
 * the headers Remix will see:
 *
 *   import { originGuard } from "./server/origin-guard.mjs";
 *   app.use(originGuard());
 *   app.all("*", createRequestHandler({ build }));
 *
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, next: (error?: unknown) => void) => void}
 */
export function originGuard() {
  return (req, res, next) => {
    const header = (/** @type {string} */ name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    };
    const path = req.url ?? "/";
    const refused = isRefusedCrossOrigin({
      method: req.method ?? "GET",
      path,
      origin: header("origin"),
      host: header("host"),
      forwardedHost: header("x-forwarded-host"),
    });
    if (!refused) return next();
    const answer = refusal({ path, accept: header("accept"), cookie: header("cookie") });
    // The body is not read: close the connection after answering rather than draining an upload.
    res.writeHead(answer.status, { ...answer.headers, Connection: "close" });
    res.end(req.method === "HEAD" ? undefined : answer.body);
  };
}
