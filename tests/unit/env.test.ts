// The environment schema: every variable the portal reads is in it, the README lists exactly those,
// and a production start beyond localhost refuses to run without SESSION_SECRET.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, parseEnv } from "~/utils/env.server";

const secret = "x".repeat(40);

describe("environment", () => {
  it("refuses production beyond localhost without SESSION_SECRET (cookies would be signed with a guessable secret)", () => {
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "https://cartera.example.com" })).toThrow(
      /SESSION_SECRET/,
    );
    expect(
      parseEnv({ NODE_ENV: "production", APP_URL: "https://cartera.example.com", SESSION_SECRET: secret }),
    ).toBeTruthy();
  });

  it("allows a local production run (npm start) without SESSION_SECRET", () => {
    expect(parseEnv({ NODE_ENV: "production" }).APP_URL).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "http://127.0.0.1:3100" })).toBeTruthy();
  });

  it("wants both Stripe keys or neither, a postgres DATABASE_URL and named proxies", () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_test_1" })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(parseEnv({ STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" })).toBeTruthy();
    expect(() => parseEnv({ DATABASE_URL: "mysql://x@y/z" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET/);
  });

  it("the README's configuration table lists exactly the variables of the schema", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Running on PostgreSQL"));
    const listed = [...section.matchAll(/^\| `([A-Z0-9_]+)`(?:, `([A-Z0-9_]+)`)?/gm)].flatMap((m) =>
      m.slice(1).filter(Boolean),
    );
    expect([...listed].sort()).toEqual([...ENV_VARIABLES].sort());
  });
});
