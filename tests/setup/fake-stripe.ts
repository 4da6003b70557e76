// A fake of the part of Stripe's API the portal uses, on loopback, for the real Stripe SDK to talk to
// (STRIPE_API_URL): Checkout Sessions (create with idempotency keys, retrieve with the PaymentIntent
// expanded, expire), PaymentIntents and charges (retrieve). It also plays the customer and Stripe's
// side: a hosted checkout page (GET /checkout/:id) whose form pays by card or starts a delayed OXXO
// payment, and signed webhooks (stripe.webhooks.generateTestHeaderString, Stripe's own helper) sent to
// the portal, as many times as asked. No npm package fakes Checkout (see STACK.md), hence this file.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Json = Record<string, unknown>;

export interface FakeStripeOptions {
  /** Where webhooks go (the portal's /resources/stripe/webhook); deliveries are skipped without it. */
  webhookUrl?: string;
  /** Or hand each signed delivery to this (a test calling the route's action directly); returns the status. */
  sendWebhook?: (payload: string, signature: string) => Promise<number>;
  webhookSecret: string;
  port?: number;
}

const rid = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0][c]=v`) back into objects and arrays. */
export function parseStripeForm(body: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]);
      const slot = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[slot] = value;
      else {
        container[slot] ??= nextIsIndex ? [] : {};
        node = container[slot] as Record<string, unknown> | unknown[];
      }
    });
  }
  return root;
}

export interface FakeSession extends Json {
  id: string;
  object: "checkout.session";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  payment_intent: string | null;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  url: string;
  expires_at: number;
  created: number;
}

export async function startFakeStripe(options: FakeStripeOptions) {
  const sdk = new Stripe("sk_test_fake_stripe_signer");
  const sessions = new Map<string, FakeSession>();
  const intents = new Map<string, Json>();
  const charges = new Map<string, Json>();
  const idempotent = new Map<string, FakeSession>();
  const requests: { method: string; path: string; body: Json; idempotencyKey: string | null }[] = [];
  const delivered: { type: string; id: string; status: number }[] = [];
  let base = "";

  function intentView(id: string | null) {
    return id ? (intents.get(id) ?? null) : null;
  }
  function sessionView(session: FakeSession, expand: boolean) {
    return { ...session, payment_intent: expand ? intentView(session.payment_intent) : session.payment_intent };
  }

  async function deliver(type: string, object: Json, times = 1) {
    const event = {
      id: rid("evt"),
      object: "event",
      api_version: "2025-01-01",
      created: now(),
      livemode: false,
      type,
      data: { object },
    };
    const payload = JSON.stringify(event);
    for (let i = 0; i < times; i++) {
      const signature = sdk.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret });
      let status: number;
      if (options.sendWebhook) status = await options.sendWebhook(payload, signature);
      else if (options.webhookUrl) {
        const response = await fetch(options.webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": signature },
          body: payload,
        });
        await response.text();
        status = response.status;
      } else continue;
      delivered.push({ type, id: event.id, status });
    }
    return { event, payload };
  }

  function newIntent(session: FakeSession, status: string) {
    const intent: Json = {
      id: rid("pi"),
      object: "payment_intent",
      amount: session.amount_total,
      currency: session.currency,
      status,
      created: now(),
      metadata: session.metadata,
      latest_charge: null,
      last_payment_error: null,
    };
    intents.set(intent.id as string, intent);
    session.payment_intent = intent.id as string;
    return intent;
  }
  function chargeFor(intent: Json) {
    const charge: Json = {
      id: rid("ch"),
      object: "charge",
      amount: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      payment_intent: intent.id,
      refunded: false,
    };
    charges.set(charge.id as string, charge);
    intent.latest_charge = charge.id;
    return charge;
  }

  /** The customer pays on the hosted page: by card (paid at once) or by OXXO (paid later, or never). */
  function complete(sessionId: string, method: "card" | "oxxo" = "card") {
    const session = sessions.get(sessionId);
    if (!session || session.status !== "open") throw new Error(`session ${sessionId} is not open`);
    session.status = "complete";
    if (method === "card") {
      const intent = newIntent(session, "succeeded");
      chargeFor(intent);
      session.payment_status = "paid";
    } else {
      newIntent(session, "processing");
    }
    return session;
  }

  const control = {
    sessions,
    intents,
    charges,
    requests,
    delivered,
    get url() {
      return base;
    },
    deliver,
    /** Completes a session and sends checkout.session.completed `times` times. */
    async pay(sessionId: string, method: "card" | "oxxo" = "card", times = 1) {
      const session = complete(sessionId, method);
      await deliver("checkout.session.completed", { ...session }, times);
      return session;
    },
    async asyncSucceeded(sessionId: string, times = 1) {
      const session = sessions.get(sessionId)!;
      const intent = intents.get(session.payment_intent!)!;
      intent.status = "succeeded";
      chargeFor(intent);
      session.payment_status = "paid";
      await deliver("checkout.session.async_payment_succeeded", { ...session }, times);
    },
    async asyncFailed(sessionId: string, times = 1) {
      const session = sessions.get(sessionId)!;
      const intent = intents.get(session.payment_intent!)!;
      intent.status = "requires_payment_method";
      intent.last_payment_error = { code: "payment_intent_payment_attempt_expired" };
      await deliver("checkout.session.async_payment_failed", { ...session }, times);
    },
    async expire(sessionId: string, times = 1) {
      const session = sessions.get(sessionId)!;
      if (session.status === "open") session.status = "expired";
      await deliver("checkout.session.expired", { ...session }, times);
    },
    /** Refunds `amount` (minor units) of the session's charge and sends charge.refunded. */
    async refund(sessionId: string, amount: number, times = 1) {
      const session = sessions.get(sessionId)!;
      const intent = intents.get(session.payment_intent!)!;
      const charge = charges.get(intent.latest_charge as string)!;
      charge.amount_refunded = (charge.amount_refunded as number) + amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      await deliver("charge.refunded", { ...charge }, times);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://fake");
        const raw = Buffer.concat(chunks).toString("utf8");
        const body = req.method === "GET" ? parseStripeForm(url.search.slice(1)) : parseStripeForm(raw);
        const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
        requests.push({ method: req.method ?? "GET", path: url.pathname, body, idempotencyKey });
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify(value));
        };
        const missing = () => json(404, { error: { type: "invalid_request_error", message: "No such object" } });
        const expand = JSON.stringify(body.expand ?? []).includes("payment_intent");
        let m: RegExpMatchArray | null;
        if (url.pathname === "/health") return json(200, { ok: true });
        if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
          if (idempotencyKey && idempotent.has(idempotencyKey)) return json(200, idempotent.get(idempotencyKey));
          const items = (body.line_items as Json[] | undefined) ?? [];
          const amount = items.reduce((sum, item) => {
            const price = item.price_data as Json;
            return sum + Number(price.unit_amount) * Number(item.quantity ?? 1);
          }, 0);
          const id = rid("cs");
          const session: FakeSession = {
            id,
            object: "checkout.session",
            status: "open",
            payment_status: "unpaid",
            payment_intent: null,
            amount_total: amount,
            currency: String((items[0]?.price_data as Json | undefined)?.currency ?? "mxn"),
            client_reference_id: (body.client_reference_id as string | undefined) ?? null,
            metadata: (body.metadata as Record<string, string> | undefined) ?? {},
            success_url: String(body.success_url).replace("{CHECKOUT_SESSION_ID}", id),
            cancel_url: String(body.cancel_url),
            url: `${base}/checkout/${id}`,
            expires_at: Number(body.expires_at ?? now() + 86400),
            created: now(),
            line_items: items,
            payment_intent_data: body.payment_intent_data ?? null,
          };
          sessions.set(id, session);
          if (idempotencyKey) idempotent.set(idempotencyKey, session);
          return json(200, session);
        }
        if ((m = url.pathname.match(/^\/v1\/checkout\/sessions\/([^/]+)$/)) && req.method === "GET") {
          const session = sessions.get(m[1]);
          return session ? json(200, sessionView(session, expand)) : missing();
        }
        if ((m = url.pathname.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/)) && req.method === "POST") {
          const session = sessions.get(m[1]);
          if (!session) return missing();
          if (session.status === "open") session.status = "expired";
          return json(200, session);
        }
        if ((m = url.pathname.match(/^\/v1\/payment_intents\/([^/]+)$/)) && req.method === "GET") {
          const intent = intents.get(m[1]);
          return intent ? json(200, intent) : missing();
        }
        if ((m = url.pathname.match(/^\/v1\/charges\/([^/]+)$/)) && req.method === "GET") {
          const charge = charges.get(m[1]);
          return charge ? json(200, charge) : missing();
        }
        // The hosted checkout page (what a customer sees on Stripe), for the browser tests.
        if ((m = url.pathname.match(/^\/checkout\/([^/]+)$/)) && req.method === "GET") {
          const session = sessions.get(m[1]);
          if (!session) return missing();
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          return res.end(`<!doctype html><html lang="es"><head><title>Fake Stripe Checkout</title></head><body><main>
<h1>Fake Stripe Checkout</h1><p>Total: <output>${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}</output></p>
<form method="post" action="/checkout/${session.id}/pay"><input type="hidden" name="method" value="card"><button>Pagar con tarjeta</button></form>
<form method="post" action="/checkout/${session.id}/pay"><input type="hidden" name="method" value="oxxo"><button>Pagar en OXXO</button></form>
<a href="${session.cancel_url}">Cancelar</a></main></body></html>`);
        }
        if ((m = url.pathname.match(/^\/checkout\/([^/]+)\/pay$/)) && req.method === "POST") {
          const session = sessions.get(m[1]);
          if (!session) return missing();
          const method = new URLSearchParams(raw).get("method") === "oxxo" ? "oxxo" : "card";
          // Stripe may deliver an event more than once: the page's payment sends it twice.
          await control.pay(session.id, method, 2);
          res.writeHead(303, { location: session.success_url });
          return res.end();
        }
        return missing();
      })().catch((error: Error) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: error.message } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return control;
}
export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
