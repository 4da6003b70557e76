// The render cache may only share HTML between requests whose render inputs are the same: its key must
// tell apart every pair of loader data that could render differently, and a hit must carry the new
// request's nonce.
import { beforeEach, describe, expect, test } from "vitest";
import {
  cachedRender,
  encodeRenderInput,
  renderCacheStats,
  renderKey,
  resetRenderCache,
  storeRender,
} from "~/utils/render-cache.server";

beforeEach(() => resetRenderCache());

describe("encodeRenderInput is injective on plain data", () => {
  const distinct: [string, unknown, unknown][] = [
    ["a missing key and an undefined one", {}, { a: undefined }],
    ["undefined and null", { a: undefined }, { a: null }],
    ["undefined and a string spelling its marker", { a: undefined }, { a: "\u0000u" }],
    ["NaN and null", { a: Number.NaN }, { a: null }],
    ["-0 and 0", { a: -0 }, { a: 0 }],
    ["Infinity and null", { a: Number.POSITIVE_INFINITY }, { a: null }],
    ["a Date and its ISO string", { a: new Date("2026-12-01T00:00:00Z") }, { a: "2026-12-01T00:00:00.000Z" }],
    ["a number and its string", { a: 1 }, { a: "1" }],
    ["key order", { a: 1, b: 2 }, { b: 2, a: 1 }],
  ];
  test.each(distinct)("%s encode differently", (_name, left, right) => {
    expect(encodeRenderInput(left)).not.toBeNull();
    expect(encodeRenderInput(right)).not.toBeNull();
    expect(encodeRenderInput(left)).not.toBe(encodeRenderInput(right));
  });

  test("equal data encodes equally", () => {
    const data = () => ({ root: { language: "es", toast: null }, page: { rows: [{ id: "x", amount: "1.50" }] } });
    expect(encodeRenderInput(data())).toBe(encodeRenderInput(data()));
  });

  test.each([
    ["a Map", { a: new Map([["k", 1]]) }],
    ["a Set", { a: new Set([1]) }],
    ["a promise (deferred data)", { a: Promise.resolve(1) }],
    ["a class instance", { a: new (class Money {})() }],
    [
      "a class instance with toJSON",
      {
        a: new (class Amount {
          toJSON = () => "1.00";
        })(),
      },
    ],
    ["a bigint", { a: 1n }],
    ["a function", { a: () => 1 }],
  ])("%s is not plain: the render is not cached", (_name, data) => {
    expect(encodeRenderInput(data)).toBeNull();
    expect(renderKey({ url: "/portal", status: 200, variant: "onShellReady", data })).toBeNull();
  });
});

describe("renderKey", () => {
  const base = { url: "/portal/invoices?page=2", status: 200, variant: "onShellReady", data: { a: 1 } };
  test("differs by URL, status, variant and data", () => {
    const key = renderKey(base);
    expect(renderKey({ ...base, url: "/portal/invoices?page=3" })).not.toBe(key);
    expect(renderKey({ ...base, status: 404 })).not.toBe(key);
    expect(renderKey({ ...base, variant: "onAllReady" })).not.toBe(key);
    expect(renderKey({ ...base, data: { a: 2 } })).not.toBe(key);
    expect(renderKey({ ...base })).toBe(key);
  });
});

describe("cachedRender", () => {
  test("a hit carries the new request's nonce everywhere the old one was", () => {
    const html = `<script nonce="OLD+nonce/1==">a</script><link nonce="OLD+nonce/1=="/>`;
    storeRender("k", html, "OLD+nonce/1==");
    const hit = cachedRender("k", "NEW");
    expect(hit).toBe(`<script nonce="NEW">a</script><link nonce="NEW"/>`);
    expect(cachedRender("missing", "NEW")).toBeNull();
    expect(renderCacheStats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  test("keeps within its budget, dropping the least recently used", () => {
    const page = "x".repeat(200 * 1024); // 400 KiB as UTF-16, under an eighth of the 32 MiB default
    for (let i = 0; i < 100; i++) storeRender(`k${i}`, page, "n");
    const { bytes, entries } = renderCacheStats();
    expect(bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
    expect(entries).toBeLessThan(100);
    expect(cachedRender("k0", "n")).toBeNull();
    expect(cachedRender("k99", "n")).not.toBeNull();
  });
});
