// Cross-origin actions: Remix 2 refuses them itself before any route code runs, with a bare 500
// (and a TypeError for an Origin that is not a URL). Here, through Remix's real request handler with
// our entry.server and a one-route build: a single-fetch `.data` request gets a 403 from
// handleDataRequest; a document POST needs the origin guard (server/origin-guard.mjs), mounted in
// server/index.mjs in front of Remix, which answers 403 with a page in the reader's language.
// assertSameOrigin applies the same rule.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerBuild, createCookie, createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as entry from "~/entry.server";
import { assertSameOrigin } from "~/utils/request.server";
import { createApp } from "../../server/index.mjs";
import { isRefusedCrossOrigin, originVerdict } from "../../server/origin-guard.mjs";

const HOST = "portal.test";
const FOREIGN = ["https://evil.example", "http://portal.test.evil.example", "not a url", "null", ""];

let actionRuns = 0;
const build = {
  mode: "production",
  entry: { module: entry },
  routes: {
    root: {
      id: "root",
      path: "",
      module: {
        default: () => null,
        action: async () => {
          actionRuns += 1;
          return { ok: true };
        },
      },
    },
  },
  assets: { entry: { module: "/entry.js", imports: [] }, routes: {}, url: "/manifest.js", version: "test" },
  publicPath: "/build/",
  assetsBuildDirectory: "build/client",
  future: { v3_singleFetch: true, v3_lazyRouteDiscovery: true },
  isSpaMode: false,
} as unknown as ServerBuild;
const remix = createRequestHandler(build, "production");

function post(path: string, origin: string | null, extra: Record<string, string> = {}) {
  const headers = new Headers({ Host: HOST, "Content-Type": "application/x-www-form-urlencoded", ...extra });
  if (origin !== null) headers.set("Origin", origin);
  return new Request(`http://${HOST}${path}`, { method: "POST", headers, body: "a=1" });
}

describe("Remix's own cross-origin refusal, behind entry.server", () => {
  it("runs a same-origin action", async () => {
    const before = actionRuns;
    const response = await remix(post("/_root.data", `http://${HOST}`));
    expect(response.status).toBe(200);
    expect(actionRuns).toBe(before + 1);
  });

  it("answers a cross-origin single-fetch action 403 with a text (was a bare 500)", async () => {
    for (const origin of FOREIGN) {
      const before = actionRuns;
      const response = await remix(post("/_root.data", origin));
      expect(response.status, origin).toBe(403);
      expect(await response.text()).toBe("Forbidden: cross-origin request");
      expect(actionRuns).toBe(before);
    }
  });

  it("still answers a cross-origin document POST 500 without the guard in front (Remix offers no hook)", async () => {
    const response = await remix(post("/", "https://evil.example"));
    expect(response.status).toBe(500);
  });
});

/** The production server (server/index.mjs createApp: requestGuard, originGuard, Remix) on the one-route build. */
function serve(): Promise<{ server: Server; url: string }> {
  const server = createApp(build).listen(0, "127.0.0.1");
  return new Promise((resolve) =>
    server.once("listening", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe("the production server: the origin guard in front of Remix", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ({ server, url } = await serve());
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (path: string, init: { method?: string; origin?: string; accept?: string; cookie?: string }) =>
    fetch(`${url}${path}`, {
      method: init.method ?? "POST",
      // fetch sends its own Host (127.0.0.1:port): this site's origin is `url`.
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        ...(init.origin !== undefined ? { Origin: init.origin } : {}),
        ...(init.accept ? { Accept: init.accept } : {}),
        ...(init.cookie ? { Cookie: init.cookie } : {}),
      },
      body: init.method === "GET" ? undefined : "a=1",
    });

  it("answers a cross-origin document POST 403 with a page in the reader's language", async () => {
    for (const origin of FOREIGN) {
      const response = await send("/", { origin, accept: "text/html,application/xhtml+xml" });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get("content-type")).toContain("text/html");
      const html = await response.text();
      expect(html).toContain('lang="es"');
      expect(html).toContain("Solicitud rechazada");
    }
    const prefs = createCookie("cartera_prefs", { secrets: ["whatever"] });
    const cookie = (await prefs.serialize({ language: "en" })).split(";")[0];
    const english = await send("/login", { origin: "https://evil.example", accept: "text/html", cookie });
    expect(english.status).toBe(403);
    expect(await english.text()).toContain("Request refused");
  });

  it("answers other clients and data requests 403 with a short text", async () => {
    for (const path of ["/", "/_root.data", "/language"]) {
      const response = await send(path, { origin: "https://evil.example", accept: "*/*" });
      expect(response.status, path).toBe(403);
      expect(await response.text()).toBe("Forbidden: cross-origin request");
    }
  });

  it("lets same-origin actions, requests without Origin and cross-origin GETs through", async () => {
    expect((await send("/_root.data", { origin: url })).status).toBe(200);
    expect((await send("/_root.data", {})).status).toBe(200);
    const get = await send("/_root.data", { method: "GET", origin: "https://evil.example" });
    expect(get.status).toBeLessThan(500);
  });
});

describe("one same-origin rule", () => {
  it("judges Origin values", () => {
    expect(originVerdict(undefined, HOST)).toBe("absent");
    expect(originVerdict(`https://${HOST}`, HOST)).toBe("same");
    expect(originVerdict("https://evil.example", HOST)).toBe("foreign");
    expect(originVerdict("null", HOST)).toBe("foreign");
    expect(originVerdict("not a url", HOST)).toBe("malformed");
    expect(originVerdict("", HOST)).toBe("malformed");
  });

  it("refuses in assertSameOrigin exactly what the guard refuses, with 403", () => {
    const cases: { method: string; origin?: string; forwardedHost?: string }[] = [
      { method: "POST", origin: `http://${HOST}` },
      { method: "POST" },
      { method: "GET", origin: "https://evil.example" },
      { method: "POST", origin: "https://evil.example" },
      { method: "POST", origin: "not a url" },
      { method: "DELETE", origin: "null" },
      { method: "POST", origin: "https://public.example", forwardedHost: "public.example, internal" },
      { method: "POST", origin: `http://${HOST}`, forwardedHost: "public.example" },
    ];
    for (const c of cases) {
      const headers = new Headers({ Host: HOST });
      if (c.origin !== undefined) headers.set("Origin", c.origin);
      if (c.forwardedHost) headers.set("X-Forwarded-Host", c.forwardedHost);
      const request = new Request(`http://${HOST}/language`, { method: c.method, headers });
      const refused = isRefusedCrossOrigin({
        method: c.method,
        path: "/language",
        origin: c.origin,
        host: HOST,
        forwardedHost: c.forwardedHost,
      });
      let status = 0;
      try {
        assertSameOrigin(request);
      } catch (thrown) {
        status = (thrown as Response).status;
      }
      expect(status, JSON.stringify(c)).toBe(refused ? 403 : 0);
    }
  });
});
