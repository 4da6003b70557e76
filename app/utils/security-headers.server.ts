// Security headers for every response: CSP with a per-request nonce, no framing, strict referrer,
// HSTS when served over https.
import { isHttps } from "./request.server";
import { checkoutOrigins } from "./stripe.server";

export function applySecurityHeaders(request: Request, headers: Headers, nonce?: string): void {
  const dev = process.env.NODE_ENV === "development";
  const scriptSrc = ["'self'", nonce ? `'nonce-${nonce}'` : "", dev ? "'unsafe-eval'" : ""].filter(Boolean).join(" ");
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    // The card payment form redirects to Stripe's Checkout page (only when card payments are on).
    ["form-action 'self'", ...checkoutOrigins()].join(" "),
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  headers.set("Content-Security-Policy", csp);
  // Every page and data answer may carry a signed-in user's data: never stored by a browser or proxy.
  headers.set("Cache-Control", "private, no-store");
  headers.set("X-Frame-Options", "DENY");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (isHttps(request)) headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}
