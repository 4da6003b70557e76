// The canonical JSON of a signed document's content, and its SHA-256: what a signer confirms it saw
// and what the certificate page prints. Canonical so the same content always gives the same bytes
// whatever order its keys were built in (RFC 8785's key ordering): object keys sorted by UTF-16 code
// units, no whitespace, strings as JSON.stringify writes them. Only what JSON represents exactly is
// accepted: money and dates are strings, numbers are safe integers; a float, undefined, a Date or a
// function throws instead of being serialised in some lossy way.
// Pure (node:crypto only through the hash helper), unit-tested in tests/unit/canonical-json.test.ts.
import { createHash } from "node:crypto";

export type CanonicalValue =
  string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

export class CanonicalJsonError extends Error {
  constructor(path: string, what: string) {
    super(`canonical JSON: ${what} at ${path || "<root>"}`);
    this.name = "CanonicalJsonError";
  }
}

export function canonicalJson(value: unknown): string {
  return write(value, "");
}

function write(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(path, `number ${value} is not a safe integer`);
      return String(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(",")}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(path, "not a plain object");
      const entries = Object.entries(value as Record<string, unknown>);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`)}`).join(",")}}`;
    }
    default:
      throw new CanonicalJsonError(path, `${typeof value} is not JSON`);
  }
}

/** SHA-256 (lowercase hex) of the canonical JSON's UTF-8 bytes. */
export function canonicalSha256(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
