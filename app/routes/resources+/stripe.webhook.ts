// Stripe's webhook: the raw body and its signature go to the domain, which verifies, deduplicates and
// re-reads what the event names. 400 on a bad signature (nothing written); 503 when Stripe could not
// be reached to re-read, so Stripe delivers the event again.
import type { ActionFunctionArgs } from "@remix-run/node";
import { StripeSignatureError, handleStripeWebhook } from "~/domain/payments/handle-stripe-event.server";
import { getDb } from "~/utils/db.server";
import { cardPaymentsEnabled, getStripe, stripeWebhookSecret } from "~/utils/stripe.server";

const MAX_BODY_BYTES = 512 * 1024;

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405 });
  if (!cardPaymentsEnabled()) return new Response("Not found", { status: 404 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES)
    return new Response("Payload too large", { status: 413 });
  const payload = await request.text();
  if (payload.length > MAX_BODY_BYTES) return new Response("Payload too large", { status: 413 });
  try {
    const result = await handleStripeWebhook(await getDb(), getStripe(), {
      payload,
      signature: request.headers.get("stripe-signature"),
      secret: stripeWebhookSecret(),
    });
    return Response.json({ received: true, outcome: result.outcome });
  } catch (error) {
    if (error instanceof StripeSignatureError) return new Response("Bad signature", { status: 400 });
    console.error("[cartera] Stripe webhook failed:", (error as Error).message);
    return new Response("Try again later", { status: 503 });
  }
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
