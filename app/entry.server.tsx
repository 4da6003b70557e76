import { randomBytes } from "node:crypto";
import { PassThrough, Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isRefusedCrossOrigin } from "../server/origin-guard.mjs";
import { init } from "./utils/env.server";
import { NonceProvider } from "./utils/nonce";
import { cachedRender, noteUncacheable, renderCacheEnabled, renderKey, storeRender } from "./utils/render-cache.server";
import { applySecurityHeaders } from "./utils/security-headers.server";

// The HTTP server (server/index.mjs) starts the scheduled-task sweeper through the build's entry module.
export { startBackgroundJobs } from "./jobs/start-background-jobs.server";

// A bad environment stops the server at start-up, before it answers anything.
init();

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const nonce = randomBytes(16).toString("base64");
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  const cacheKey = renderCacheKey(request, responseStatusCode, remixContext, readyEvent);
  if (cacheKey) {
    const html = cachedRender(cacheKey, nonce);
    if (html !== null) {
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      applySecurityHeaders(request, responseHeaders, nonce);
      return new Response(html, { headers: responseHeaders, status: responseStatusCode });
    }
  }
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // False once anything went wrong: only a render that completed without an error is kept.
    let rendered = true;
    // Aborts a render still streaming after ABORT_DELAY; cleared once the body is done, so a finished
    // response leaves no timer (and the closures it holds) behind for the rest of the delay.
    const abortTimer: { id?: ReturnType<typeof setTimeout> } = {};
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = cacheKey ? capture((html) => rendered && storeRender(cacheKey, html, nonce)) : new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          applySecurityHeaders(request, responseHeaders, nonce);
          body.on("close", () => clearTimeout(abortTimer.id));
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          rendered = false;
          clearTimeout(abortTimer.id);
          reject(error);
        },
        onError(error: unknown) {
          rendered = false;
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    abortTimer.id = setTimeout(() => {
      rendered = false;
      abort();
    }, ABORT_DELAY);
  });
}

/**
 * The render cache's key for this document request (app/utils/render-cache.server.ts), or null when it
 * must be rendered: not a GET answered 200, a route that has not opted in, an error, or loader data that
 * is not plain.
 */
function renderCacheKey(request: Request, status: number, context: EntryContext, variant: string): string | null {
  if (request.method !== "GET" || status !== 200 || !renderCacheEnabled()) return null;
  const { matches, loaderData, actionData, errors } = context.staticHandlerContext;
  const leaf = matches.at(-1);
  const handle = leaf
    ? (context.routeModules[leaf.route.id]?.handle as { renderCache?: boolean } | undefined)
    : undefined;
  if (handle?.renderCache !== true) return null;
  // The whole URL, origin included: the render never reads the Host, but the key does not rely on it.
  const key = actionData || errors ? null : renderKey({ url: request.url, status, variant, data: loaderData });
  if (key === null) noteUncacheable();
  return key;
}

/** A pass-through that hands the whole body to `done` once it has all gone through (not if it was cut off). */
function capture(done: (html: string) => void) {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      callback(null, chunk);
    },
    flush(callback) {
      done(Buffer.concat(chunks).toString("utf8"));
      callback();
    },
  });
}

/**
 * Remix refuses a cross-origin action itself, before any of our code (see server/origin-guard.mjs), and
 * answers it with a bare 500. A single-fetch data request (`*.data`) comes through here afterwards:
 * it gets the 403 it is. (A document POST does not: the origin guard in front of Remix answers those.)
 */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (response.status === 500 && isRefusedCrossOrigin(originFacts(request))) {
    response = new Response("Forbidden: cross-origin request", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  applySecurityHeaders(request, response.headers);
  return response;
};

function originFacts(request: Request) {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    origin: request.headers.get("origin"),
    host: request.headers.get("host"),
    forwardedHost: request.headers.get("x-forwarded-host"),
  };
}

/** The error Remix's own cross-origin check throws (throwIfPotentialCSRFAttack in @remix-run/server-runtime). */
function isRemixOriginRefusal(error: unknown, request: Request): boolean {
  if (!(error instanceof Error)) return false;
  if (/does not match `origin` header|headers are not provided/.test(error.message)) return true;
  // An Origin that is not a URL: its `new URL(origin)` throws before the comparison.
  const invalidUrl = error as Error & { code?: string; input?: string };
  return invalidUrl.code === "ERR_INVALID_URL" && invalidUrl.input === request.headers.get("origin");
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (error instanceof Response) return;
  // The router's own 4xx (a POST to a route without an action: 405; no such route: 404) is the client's mistake.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Remix refuses a cross-origin action before it runs (as our own check would): a refused request, not a fault.
  if (isRemixOriginRefusal(error, request)) {
    console.warn(`[security] cross-origin ${request.method} ${new URL(request.url).pathname} refused`);
    return;
  }
  console.error(error);
}
