// Stripe's webhook, after the route hands over the raw body and the signature header. The signature
// is checked on the exact bytes received (a parsed-and-reserialised body would never verify); a bad
// one writes nothing. An event ID already recorded in stripe_events is a redelivery and does nothing;
// any other event is a hint: the object it names is re-read from Stripe and the attempt synced to
// what Stripe says now, so events arriving twice or out of order end in the right state.
import { eq } from "drizzle-orm";
import { stripeEvents } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import type { Stripe } from "~/utils/stripe.server";
import { syncCardPayment } from "./sync-card-payment.server";
import { syncCardRefund } from "./sync-card-refund.server";

export class StripeSignatureError extends Error {
  constructor() {
    super("Stripe webhook signature did not verify");
    this.name = "StripeSignatureError";
  }
}

const SESSION_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);
const CHARGE_EVENTS = new Set(["charge.refunded", "charge.refund.updated"]);

export type WebhookOutcome = "applied" | "duplicate" | "ignored";

export async function handleStripeWebhook(
  db: DbOrTx,
  stripe: Stripe,
  input: { payload: string; signature: string | null; secret: string },
): Promise<{ eventId: string; type: string; outcome: WebhookOutcome }> {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(input.payload, input.signature ?? "", input.secret);
  } catch {
    throw new StripeSignatureError();
  }
  const [seen] = await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  if (seen) return { eventId: event.id, type: event.type, outcome: "duplicate" };

  let attemptId: string | null = null;
  let outcome: WebhookOutcome = "ignored";
  const object = event.data.object as { id?: unknown; object?: unknown };
  if (SESSION_EVENTS.has(event.type) && object.object === "checkout.session" && typeof object.id === "string") {
    const synced = await syncCardPayment(db, stripe, object.id);
    attemptId = synced?.attemptId ?? null;
    if (synced) outcome = "applied";
  } else if (CHARGE_EVENTS.has(event.type)) {
    const chargeId =
      object.object === "charge" ? object.id : ((event.data.object as { charge?: unknown }).charge ?? null);
    if (typeof chargeId === "string") {
      const synced = await syncCardRefund(db, stripe, chargeId);
      attemptId = synced?.attemptId ?? null;
      if (synced) outcome = "applied";
    }
  }
  // Recorded after the work: if the work failed, Stripe's redelivery finds no row and tries again.
  await db.insert(stripeEvents).values({ id: event.id, type: event.type, attemptId }).onConflictDoNothing();
  return { eventId: event.id, type: event.type, outcome };
}
