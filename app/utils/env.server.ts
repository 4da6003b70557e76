// Environment: one schema for every variable the portal reads, validated once at start-up (`init()`
// from the server entry and from scripts/prepare-database.ts) so a bad value stops the start instead
// of failing on some later request. The README's configuration table is checked against
// ENV_VARIABLES by tests/unit/env.test.ts.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const EnvObject = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .url()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// URL")
    .optional(),
  PGLITE_DIR: optionalString,
  /** Public base URL of emailed links (reset, invitations, statements). Never taken from a request. */
  APP_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), "must be an http(s) URL")
    .optional(),
  /** Comma-separated: the first signs new cookies, the others are still accepted (rotation). */
  SESSION_SECRET: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v.split(",").every((s) => s.trim().length >= 32),
      "each secret needs ≥ 32 characters",
    ),
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Cartera <no-reply@cartera.demo>"),
  OUTBOX_DIR: optionalString,
  SEED_INVOICES: z.coerce.number().int().min(0).max(2_000_000).optional(),
  /** Size of the page cache in rows (app/domain/ledger/ledger-cache.server.ts); 0 turns it off. */
  LEDGER_CACHE_ROWS: z.coerce.number().int().min(0).max(10_000_000).optional(),
  /** Size of the render cache in KiB (app/utils/render-cache.server.ts); 0 turns it off. */
  RENDER_CACHE_KB: z.coerce.number().int().min(0).max(16_777_216).optional(),
  /** Which peers may set X-Forwarded-*: "loopback", "10.0.0.0/8,192.168.0.7", or a hop count. Unset: none. */
  TRUST_PROXY: optionalString,
  /** The platform seal's PKCS #12 (path to the file, or its base64); unset: a self-signed seal under ./data/signing. */
  SIGNING_P12: optionalString,
  SIGNING_P12_PASSWORD: optionalString,
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Where the Stripe SDK sends its API calls; unset: Stripe itself. Tests and the demo point it at a local fake. */
  STRIPE_API_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), "must be an http(s) URL")
    .optional(),
  /** End-to-end tests only: a file whose ISO instant the task sweeper takes as now (app/jobs/sweeper-clock.server.ts). */
  SWEEPER_CLOCK_FILE: optionalString,
});

const EnvSchema = EnvObject.superRefine((env, ctx) => {
  if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
    ctx.addIssue({
      code: "custom",
      path: ["STRIPE_WEBHOOK_SECRET"],
      message: "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set together or not at all",
    });
  }
  if (env.SIGNING_P12_PASSWORD && !env.SIGNING_P12) {
    ctx.addIssue({ code: "custom", path: ["SIGNING_P12"], message: "SIGNING_P12_PASSWORD is set without SIGNING_P12" });
  }
  if (env.TRUST_PROXY === "true") {
    ctx.addIssue({ code: "custom", path: ["TRUST_PROXY"], message: "name the proxies (e.g. loopback, 10.0.0.0/8)" });
  }
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET && !isLocalUrl(appBaseUrlOf(env))) {
    ctx.addIssue({
      code: "custom",
      path: ["SESSION_SECRET"],
      message: `is required in production when the portal is served beyond localhost (APP_URL=${env.APP_URL})`,
    });
  }
});

export type Env = z.infer<typeof EnvSchema>;
/** Every variable the portal reads (README's table lists exactly these). */
export const ENV_VARIABLES = Object.keys(EnvObject.shape) as (keyof Env)[];

export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

let warned = false;
/** Validates the environment once; throws (and so stops the start) when it is invalid. */
export function init(): Env {
  const env = getEnv();
  if (env.NODE_ENV !== "test" && !env.SESSION_SECRET && !warned) {
    warned = true;
    console.warn(
      "\n[cartera] WARNING: SESSION_SECRET is not set. Cookies are signed with a random secret kept in " +
        `${localSecretFile()} — fine for a local run only. Set SESSION_SECRET for any shared deployment.\n`,
    );
  }
  return env;
}

export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host.endsWith(".localhost") || host === "127.0.0.1" || host === "[::1]";
}

function appBaseUrlOf(env: Pick<Env, "APP_URL" | "PORT">): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** The base URL of every emailed link: configuration only (APP_URL, else localhost:PORT), never a header. */
export function appBaseUrl(): string {
  return appBaseUrlOf(getEnv());
}

function localSecretFile(): string {
  return path.resolve(process.cwd(), "data/session-secret");
}

let localSecret: string | undefined;
/**
 * Without SESSION_SECRET (a local run; production beyond localhost refuses to start), cookies are
 * signed with a random secret: per process under test, otherwise generated once into
 * ./data/session-secret so a restart keeps sessions. Never a value published in the repository.
 */
function getLocalSecret(): string {
  if (localSecret) return localSecret;
  if (getEnv().NODE_ENV === "test") return (localSecret = randomBytes(32).toString("base64url"));
  const file = localSecretFile();
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return (localSecret = stored);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  localSecret = randomBytes(32).toString("base64url");
  writeFileSync(file, localSecret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return localSecret;
}

export function sessionSecrets(): string[] {
  const configured = getEnv().SESSION_SECRET;
  if (configured) return configured.split(",").map((s) => s.trim());
  return [getLocalSecret()];
}
