// Facts about the incoming request: client address, https, same-origin check for actions.
import { expectedHost, originVerdict } from "../../server/origin-guard.mjs";

/** Set by server/index.mjs from the socket (or, for configured trusted proxies only, X-Forwarded-For). */
export const CLIENT_IP_HEADER = "x-cartera-client-ip";

/**
 * The client's address as the server resolved it. Forwarded headers are never read here: the
 * server drops them unless the peer is a trusted proxy (TRUST_PROXY) and passes on its own result.
 * Outside that server (vite dev, direct loader calls in tests) there is no address: "unknown".
 */
export function getClientIp(request: Request): string {
  const ip = request.headers.get(CLIENT_IP_HEADER);
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : "unknown";
}

export function isHttps(request: Request): boolean {
  return request.headers.get("x-forwarded-proto") === "https" || new URL(request.url).protocol === "https:";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Actions reject a request whose Origin (or, without one, Referer) names another site or is not a URL:
 * 403 with a short text. The rule (server/origin-guard.mjs) is the one Remix applies to page actions
 * before they run, so both refuse the same requests.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const host = expectedHost(
    request.headers.get("host") ?? new URL(request.url).host,
    request.headers.get("x-forwarded-host"),
  );
  const verdict = originVerdict(request.headers.get("origin") ?? request.headers.get("referer"), host);
  // "absent": non-browser clients (browsers send Origin on every cross-site POST, and no ambient cookies without it).
  if (verdict === "malformed") throw forbidden("Forbidden: the Origin header is not a URL");
  if (verdict === "foreign") throw forbidden("Forbidden: cross-origin request");
}

function forbidden(message: string): Response {
  return new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

const REDIRECT_BASE = "http://cartera.invalid";

/**
 * A redirect target that stays on this site, as a normalised path (`/portal/invoices?page=2`), or the
 * fallback. The check runs on what the browser would resolve, not on the raw string: anything with
 * a backslash, a control character (tab, CR, LF, NUL…) or a dot segment, raw or percent-encoded, is
 * refused, as is a target outside `allowedPrefixes` (path prefixes matched on segment boundaries).
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/",
  allowedPrefixes: readonly string[] = ["/"],
): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (decoded.startsWith("//")) return fallback;
  for (const candidate of [to, decoded]) {
    // eslint-disable-next-line no-control-regex
    if (/[\\\u0000-\u001f\u007f]/.test(candidate)) return fallback;
    const path = candidate.split(/[?#]/)[0];
    if (path.split("/").some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) return fallback;
  }
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const allowed = allowedPrefixes.some(
    (prefix) => prefix === "/" || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`),
  );
  if (!allowed) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
