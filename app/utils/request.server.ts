// Facts about the incoming request: client address, https, same-origin check for actions.

export function getClientIp(request: Request): string {
  // Behind a load balancer the client is the first X-Forwarded-For entry. Without a proxy the header
  // can be forged; the per-user lock still holds in that case.
  const forwarded = request.headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0].trim();
  return request.headers.get("x-real-ip") ?? "local";
}

export function isHttps(request: Request): boolean {
  return request.headers.get("x-forwarded-proto") === "https" || new URL(request.url).protocol === "https:";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Actions reject a request whose Origin (or Referer) names another site. */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const origin = request.headers.get("origin") ?? request.headers.get("referer");
  if (!origin) return; // non-browser clients (no ambient cookies are sent cross-site without Origin by browsers)
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new Response("Forbidden", { status: 403 });
  }
  if (originHost !== host) throw new Response("Forbidden: cross-origin request", { status: 403 });
}

/** A redirect target that stays on this site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
