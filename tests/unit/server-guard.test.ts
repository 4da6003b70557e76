// server/index.mjs: the client address comes from the socket, forwarded headers count only from
// configured proxies, and every dynamic answer is private, not cached and not content-sniffed.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { parseTrustProxy, requestGuard } from "../../server/index.mjs";

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(trustProxy: unknown, handler: express.RequestHandler) {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.use(requestGuard());
  app.all("*", handler);
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const echo: express.RequestHandler = (req, res) => {
  res.json({
    ip: req.headers["x-cartera-client-ip"],
    forwardedFor: req.headers["x-forwarded-for"] ?? null,
    forwardedHost: req.headers["x-forwarded-host"] ?? null,
    forwardedProto: req.headers["x-forwarded-proto"] ?? null,
  });
};

describe("client address", () => {
  it("without TRUST_PROXY, a made-up X-Forwarded-For is dropped and the socket address is used", async () => {
    const base = await serve(parseTrustProxy(undefined), echo);
    const answer = await fetch(base, {
      headers: {
        "X-Forwarded-For": "6.6.6.6",
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        "X-Cartera-Client-Ip": "7.7.7.7",
      },
    }).then((r) => r.json());
    expect(answer).toEqual({ ip: "127.0.0.1", forwardedFor: null, forwardedHost: null, forwardedProto: null });
  });

  it("behind a configured proxy, the address it forwards is the client's", async () => {
    const base = await serve(parseTrustProxy("loopback"), echo);
    const answer = await fetch(base, { headers: { "X-Forwarded-For": "203.0.113.9" } }).then((r) => r.json());
    expect(answer.ip).toBe("203.0.113.9");
  });

  it("a client cannot prepend addresses past the trusted proxy", async () => {
    const base = await serve(parseTrustProxy("loopback"), echo);
    // The proxy appends the real peer; only the hop right before a trusted proxy counts.
    const answer = await fetch(base, { headers: { "X-Forwarded-For": "6.6.6.6, 203.0.113.9" } }).then((r) => r.json());
    expect(answer.ip).toBe("203.0.113.9");
  });

  it("a proxy not named is not trusted", async () => {
    const base = await serve(parseTrustProxy("10.0.0.0/8"), echo);
    const answer = await fetch(base, { headers: { "X-Forwarded-For": "203.0.113.9" } }).then((r) => r.json());
    expect(answer).toMatchObject({ ip: "127.0.0.1", forwardedFor: null });
  });

  it("refuses TRUST_PROXY=true (it would trust anyone)", () => {
    expect(() => parseTrustProxy("true")).toThrow(/name the proxies/);
    expect(parseTrustProxy("2")).toBe(2);
  });
});

describe("default response headers", () => {
  it("a download without its own headers gets private no-store, nosniff and a CSP", async () => {
    const base = await serve(false, (_req, res) => {
      res.append("Content-Type", "application/pdf");
      res.end("%PDF-1.7");
    });
    const response = await fetch(base);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("a page's own headers are kept, not doubled", async () => {
    const base = await serve(false, (_req, res) => {
      res.append("Cache-Control", "private, max-age=60");
      res.append("Content-Security-Policy", "default-src 'self'");
      res.end("<!doctype html>");
    });
    const response = await fetch(base);
    expect(response.headers.get("cache-control")).toBe("private, max-age=60");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'self'");
  });
});
