// Environment, validated once at start-up.
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Cartera <no-reply@cartera.demo>"),
  OUTBOX_DIR: z.string().optional(),
  /** Public base URL used in emailed links; defaults to the request's origin. */
  APP_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= EnvSchema.parse(process.env);
  return cached;
}

// Without SESSION_SECRET (local demo), cookies are signed with a fixed development secret; production
// deployments set their own. Sessions themselves are random tokens checked against the database.
export function sessionSecrets(): string[] {
  return [getEnv().SESSION_SECRET ?? "cartera-local-demo-secret-change-me"];
}
