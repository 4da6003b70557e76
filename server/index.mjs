// The production HTTP server (`npm start`, the e2e runs): Express in front of the Remix build.
// It exists instead of `remix-serve` for what the request itself must not decide:
// - the client address comes from the socket; X-Forwarded-* count only when the peer is one of the
//   proxies TRUST_PROXY names (Express's `trust proxy`, proxy-addr syntax: "loopback",
//   "10.0.0.0/8,192.168.1.7", or a hop count). From anyone else those headers are removed before the
//   app sees the request, and the address Express resolved is handed on in X-Cartera-Client-Ip
//   (always overwritten here, so a client cannot set it);
// - every dynamic answer is private and not cached, is not content-sniffed, and has a strict CSP
//   unless the app sets its own (HTML pages do, with a nonce);
// - a cross-origin action is answered 403 before Remix, whose own check would answer it 500
//   (server/origin-guard.mjs).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import onHeaders from "on-headers";
import { originGuard } from "./origin-guard.mjs";

const root = path.resolve(import.meta.dirname, "..");
const buildPath = path.join(root, "build/server/index.js");
export const CLIENT_IP_HEADER = "x-cartera-client-ip";
const DEFAULT_HEADERS = [
  ["Cache-Control", "private, no-store"],
  ["X-Content-Type-Options", "nosniff"],
  ["Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"],
  ["X-Frame-Options", "DENY"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
];
const FORWARDED = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/** Express's `trust proxy` value from TRUST_PROXY: unset/"false" → trust nobody. */
export function parseTrustProxy(value) {
  if (value === undefined || value === "" || value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true")
    throw new Error("TRUST_PROXY=true would trust any peer; name the proxies (e.g. loopback, 10.0.0.0/8)");
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Decides what the app may believe about the request (client address, forwarded headers) and fills
 * in the default response headers. Mounted on an app whose `trust proxy` setting is configured.
 */
export function requestGuard() {
  return (req, res, next) => {
    const trustFn = req.app.get("trust proxy fn");
    const fromTrustedProxy = trustFn(req.socket.remoteAddress ?? "", 0);
    // req.ip and req.protocol are computed by Express from the socket and, for trusted peers only, the
    // forwarded headers. Read them before the untrusted headers are dropped.
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    if (!fromTrustedProxy) for (const name of FORWARDED) delete req.headers[name];
    // Defaults for headers the app's response did not set (the Remix adapter appends headers, so they
    // are filled in just before the head is written rather than set up front).
    onHeaders(res, () => {
      for (const [name, value] of DEFAULT_HEADERS) if (!res.hasHeader(name)) res.setHeader(name, value);
    });
    next();
  };
}

export function createApp(build, { trustProxy = false } = {}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  app.use(compression());
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  app.use(requestGuard());
  // After requestGuard (it drops untrusted X-Forwarded-Host), so it sees the headers Remix compares.
  app.use(originGuard());
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  return app;
}

async function main() {
  installGlobals({ nativeFetch: true });
  const build = await import(pathToFileURL(buildPath).href);
  const app = createApp(build, { trustProxy: parseTrustProxy(process.env.TRUST_PROXY) });
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, process.env.HOST, () => console.log(`[cartera] http://localhost:${port}`));
  // The scheduled-task sweeper of this instance (ADR 010); the database's own shutdown waits for it to stop.
  const jobs = build.entry.module.startBackgroundJobs?.();
  for (const signal of ["SIGTERM", "SIGINT"])
    process.once(signal, () => {
      server.close();
      jobs?.stop();
    });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
