// The canonical content a signer confirms: same content, same bytes and hash whatever the key order;
// any change, a new hash; what JSON cannot carry exactly is refused.
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalSha256 } from "~/domain/signing/canonical-json";

const content = {
  kind: "reconciliation",
  cutoffDate: "2026-11-30",
  account: { number: "C00001", legalName: "Cliente Ñandú SA de CV" },
  sections: [
    { currency: "MXN", balance: "1160.00", items: [{ folio: "A-1", open: "1160.00" }] },
    { currency: "USD", balance: "10.50", items: [] },
  ],
  message: "Favor de confirmar «saldo» \u2028 al corte",
  count: 2,
  agreed: null,
};

describe("canonical JSON", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: "x" } })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it("gives the same bytes and hash whatever the order the content was built in", () => {
    const reordered = {
      message: content.message,
      agreed: null,
      sections: content.sections.map((s) => ({
        items: s.items.map((i) => ({ open: i.open, folio: i.folio })),
        balance: s.balance,
        currency: s.currency,
      })),
      count: 2,
      account: { legalName: content.account.legalName, number: content.account.number },
      cutoffDate: content.cutoffDate,
      kind: content.kind,
    };
    expect(canonicalJson(reordered)).toBe(canonicalJson(content));
    expect(canonicalSha256(reordered)).toBe(canonicalSha256(content));
    expect(canonicalSha256(structuredClone(content))).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is stable across runs (a pinned hash)", () => {
    expect(canonicalJson({ saldo: "1160.00", cliente: "Ñandú", n: 1 })).toBe(
      '{"cliente":"Ñandú","n":1,"saldo":"1160.00"}',
    );
    expect(canonicalSha256({ saldo: "1160.00", cliente: "Ñandú", n: 1 })).toBe(
      // printf %s '{"cliente":"Ñandú","n":1,"saldo":"1160.00"}' | sha256sum
      "735dcc827604ef40fb1a7fa68afff6d1807d259f7f8a978b68f79ca8e6ac86ca",
    );
  });

  it("any change gives a new hash: a cent, a character, an item's order, a key", () => {
    const base = canonicalSha256(content);
    const variants = [
      { ...content, sections: [{ ...content.sections[0], balance: "1160.01" }, content.sections[1]] },
      { ...content, message: content.message + " " },
      { ...content, sections: [...content.sections].reverse() },
      { ...content, extra: null },
      { ...content, count: 3 },
      { ...content, agreed: false },
      { ...content, cutoffDate: "2026-11-29" },
    ];
    const hashes = new Set(variants.map((v) => canonicalSha256(v)));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(base)).toBe(false);
  });

  it("refuses floats, undefined, dates, functions and class instances", () => {
    expect(() => canonicalJson({ amount: 10.5 })).toThrow(/safe integer/);
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined/);
    expect(() => canonicalJson({ at: new Date() })).toThrow(/plain object/);
    expect(() => canonicalJson([() => 1])).toThrow(/function/);
    expect(() => canonicalJson({ n: 2n })).toThrow(/bigint/);
  });
});
