// The fake Stripe API (tests/setup/fake-stripe.ts) as a process for the end-to-end tests: the portal's
// SDK calls it (STRIPE_API_URL), its checkout page plays Stripe's, and its webhooks reach the portal.
import { startFakeStripe } from "../setup/fake-stripe";

const fake = await startFakeStripe({
  port: Number(process.env.FAKE_STRIPE_PORT),
  webhookUrl: process.env.WEBHOOK_URL,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "",
});
console.log(`fake Stripe listening on ${fake.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => void fake.close().then(() => process.exit(0)));
