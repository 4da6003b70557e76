// The Stripe SDK, configured from the environment: card payments exist only when both keys are set
// (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, checked together by the env schema). STRIPE_API_URL
// sends the SDK's calls elsewhere (the tests' and the demo's local fake API); the SDK itself never changes.
import Stripe from "stripe";
import { getEnv } from "./env.server";

export type { Stripe };

let client: { key: string; url: string | undefined; stripe: Stripe } | undefined;

/**
 * The three settings, validated at start by the env schema; read from process.env first (as SMTP_URL
 * is) so that a test file can point the portal at its own fake API after start-up.
 */
function settings() {
  const env = getEnv();
  return {
    key: process.env.STRIPE_SECRET_KEY || env.STRIPE_SECRET_KEY,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || env.STRIPE_WEBHOOK_SECRET,
    url: process.env.STRIPE_API_URL || env.STRIPE_API_URL,
  };
}

/** Whether the portal offers card payments (both Stripe keys configured). */
export function cardPaymentsEnabled(): boolean {
  const { key, webhookSecret } = settings();
  return Boolean(key && webhookSecret);
}

/**
 * Where the card form's redirect may go (the CSP's form-action): Stripe's hosted Checkout and, when the
 * SDK is pointed elsewhere (the tests' fake), that origin, whose sessions live there.
 */
export function checkoutOrigins(): string[] {
  if (!cardPaymentsEnabled()) return [];
  const { url } = settings();
  return ["https://checkout.stripe.com", ...(url ? [new URL(url).origin] : [])];
}

export function getStripe(): Stripe {
  const { key, url: apiUrl } = settings();
  if (!key) throw new Error("Stripe is not configured (STRIPE_SECRET_KEY)");
  if (client?.key === key && client.url === apiUrl) return client.stripe;
  const url = apiUrl ? new URL(apiUrl) : undefined;
  const stripe = new Stripe(key, {
    ...(url
      ? {
          host: url.hostname,
          port: url.port || (url.protocol === "https:" ? 443 : 80),
          protocol: url.protocol === "https:" ? "https" : "http",
        }
      : {}),
    // Retries are ours to decide: a create carries an idempotency key, a webhook is redelivered by Stripe.
    maxNetworkRetries: 1,
    telemetry: false,
    timeout: 20_000,
  });
  client = { key, url: apiUrl, stripe };
  return stripe;
}

export function stripeWebhookSecret(): string {
  const secret = settings().webhookSecret;
  if (!secret) throw new Error("Stripe is not configured (STRIPE_WEBHOOK_SECRET)");
  return secret;
}
