// Card payments through Stripe Checkout, end to end below the browser: the real Stripe SDK talks to
// the in-repo fake API, and webhooks signed with Stripe's own helper reach the webhook route's action.
// Rules proven: the session carries our attempt (client reference, metadata on session and intent,
// a line per document, an idempotency key, an expiry within 24 h); a paid session applies once however
// many times and in whatever order its events arrive; delayed methods wait, fail or expire; refunds
// reopen what they paid; a bad signature writes nothing; the ledger's derivation holds throughout.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { auditEvents, documents, paymentAttempts, stripeEvents } from "#db/schema";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { PaymentRuleError } from "~/domain/payments/errors";
import { startCardPayment } from "~/domain/payments/start-card-payment.server";
import { syncCardPayment } from "~/domain/payments/sync-card-payment.server";
import * as webhook from "~/routes/resources+/stripe.webhook";
import { getStripe } from "~/utils/stripe.server";
import { issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { type FakeStripe, startFakeStripe } from "../setup/fake-stripe";
import { routeTest as test } from "../setup/route-test";

const SECRET = "whsec_test_cartera_card_payments";
let fake: FakeStripe;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeStripe({
    webhookSecret: SECRET,
    sendWebhook: async (payload, signature) => {
      const request = new Request("http://portal.test/resources/stripe/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signature },
        body: payload,
      });
      const response = (await webhook.action({ request, params: {}, context: {} })) as Response;
      return response.status;
    },
  });
  process.env.STRIPE_SECRET_KEY = "sk_test_cartera";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_URL = fake.url;
});
afterAll(async () => {
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await fake.close();
});

const actorOf = (userId: string): Actor => ({ userId, label: "customer" });

async function openOf(db: Parameters<typeof verifyOpenItems>[0], id: string) {
  const [row] = await db.select({ open: documents.openAmount }).from(documents).where(eq(documents.id, id));
  return row.open;
}

async function paymentsOf(db: Parameters<typeof verifyOpenItems>[0], accountId: string) {
  return db
    .select({ id: documents.id, amount: documents.amount, folio: documents.folio, open: documents.openAmount })
    .from(documents)
    .where(and(eq(documents.accountId, accountId), eq(documents.kind, "payment")));
}

async function start(
  db: Parameters<typeof verifyOpenItems>[0],
  payer: { account: { id: string }; user: { id: string } },
  items: { documentId: string; amount: string }[],
) {
  const started = await startCardPayment(db, getStripe(), actorOf(payer.user.id), {
    accountId: payer.account.id,
    userId: payer.user.id,
    items,
    baseUrl: "https://portal.example",
    language: "es",
  });
  const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, started.attemptId));
  return { ...started, attempt, session: fake.sessions.get(attempt.stripeSessionId!)! };
}

describe("card payments through Stripe Checkout", () => {
  test("the Checkout Session names our attempt: client reference, metadata on session and intent, one line per document, idempotency key, expiry within a day", async ({
    db,
    payer,
  }) => {
    const a = await issueDocument(db, payer.account.id, "invoice", "1160.00", "2026-11-01");
    const b = await issueDocument(db, payer.account.id, "invoice", "500.50", "2026-11-02");
    const { attempt, session, checkoutUrl } = await start(db, payer, [
      { documentId: a, amount: "1160.00" },
      { documentId: b, amount: "200.25" },
    ]);
    expect(attempt).toMatchObject({ status: "open", amount: "1360.25", currency: "MXN" });
    expect(checkoutUrl).toBe(session.url);
    expect(session.client_reference_id).toBe(attempt.id);
    expect(session.metadata).toEqual({ attemptId: attempt.id, accountId: payer.account.id });
    expect(session.payment_intent_data).toEqual({ metadata: { attemptId: attempt.id, accountId: payer.account.id } });
    expect(session.amount_total).toBe(136025);
    expect((session.line_items as unknown[]).length).toBe(2);
    expect(session.expires_at - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(24 * 3600);
    expect(session.success_url).toBe(
      `https://portal.example/portal/payments/card/${attempt.id}?session_id=${session.id}`,
    );
    const create = fake.requests.find(
      (r) => r.path === "/v1/checkout/sessions" && r.body.client_reference_id === attempt.id,
    );
    expect(create?.idempotencyKey).toBe(`cartera-checkout-${attempt.id}`);
  });

  test("refuses an amount above what is open, documents of two currencies, and another account's document, writing nothing", async ({
    db,
    payer,
    seller,
  }) => {
    const mxn = await issueDocument(db, payer.account.id, "invoice", "100.00", "2026-11-01");
    const usd = await issueDocument(db, payer.account.id, "invoice", "100.00", "2026-11-01", { currency: "USD" });
    const other = await createTestAccount(db, seller);
    const foreign = await issueDocument(db, other.id, "invoice", "100.00", "2026-11-01");
    const before = await db.select().from(paymentAttempts).where(eq(paymentAttempts.accountId, payer.account.id));
    for (const [items, code] of [
      [[{ documentId: mxn, amount: "100.01" }], "amount.above_open"],
      [
        [
          { documentId: mxn, amount: "50.00" },
          { documentId: usd, amount: "50.00" },
        ],
        "currency.mixed",
      ],
      [[{ documentId: foreign, amount: "10.00" }], "document.not_payable"],
    ] as const) {
      await expect(start(db, payer, [...items])).rejects.toMatchObject({ code });
    }
    await expect(start(db, payer, [{ documentId: foreign, amount: "1" }])).rejects.toBeInstanceOf(PaymentRuleError);
    const after = await db.select().from(paymentAttempts).where(eq(paymentAttempts.accountId, payer.account.id));
    expect(after.length).toBe(before.length);
  });

  test("a paid session delivered twice (and replayed after its event record is lost) issues one ledger payment and applies it to the chosen invoices", async ({
    db,
    payer,
  }) => {
    const a = await issueDocument(db, payer.account.id, "invoice", "300.00", "2026-11-01");
    const b = await issueDocument(db, payer.account.id, "invoice", "100.00", "2026-11-02");
    const { attempt, session } = await start(db, payer, [
      { documentId: a, amount: "300.00" },
      { documentId: b, amount: "40.00" },
    ]);
    await fake.pay(session.id, "card", 2);
    expect(fake.delivered.slice(-2).map((d) => d.status)).toEqual([200, 200]);
    const events = await db.select().from(stripeEvents).where(eq(stripeEvents.attemptId, attempt.id));
    expect(events.length).toBe(1);
    // Replay after the event row is lost: the attempt is already paid; the ledger's unique payment key holds too.
    await db.delete(stripeEvents).where(eq(stripeEvents.attemptId, attempt.id));
    await fake.deliver("checkout.session.completed", { ...session }, 2);
    const payments = await paymentsOf(db, payer.account.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount: "340.00", folio: session.payment_intent, open: "0.00" });
    expect(await openOf(db, a)).toBe("0.00");
    expect(await openOf(db, b)).toBe("60.00");
    const [paid] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id));
    expect(paid).toMatchObject({ status: "paid", paymentDocumentId: payments[0].id });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, attempt.id));
    expect(audit.map((e) => e.action).sort()).toEqual(["card_payment.paid", "card_payment.started"]);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  test("a bad signature, a tampered body or a wrong secret gets 400 and writes nothing", async ({ db, payer }) => {
    const a = await issueDocument(db, payer.account.id, "invoice", "100.00", "2026-11-01");
    const { session } = await start(db, payer, [{ documentId: a, amount: "100.00" }]);
    session.status = "complete";
    session.payment_status = "paid";
    const payload = JSON.stringify({
      id: "evt_forged",
      object: "event",
      type: "checkout.session.completed",
      data: { object: session },
    });
    const stripe = getStripe();
    const cases = [
      { signature: "t=1,v1=deadbeef", body: payload },
      {
        signature: stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }),
        body: payload.replace("evt_forged", "evt_forgex"),
      },
      { signature: stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_other" }), body: payload },
      { signature: "", body: payload },
    ];
    for (const c of cases) {
      const request = new Request("http://portal.test/resources/stripe/webhook", {
        method: "POST",
        headers: { "stripe-signature": c.signature, "content-type": "application/json" },
        body: c.body,
      });
      const response = (await webhook.action({ request, params: {}, context: {} })) as Response;
      expect(response.status).toBe(400);
    }
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_forged"))).toHaveLength(0);
    expect(await paymentsOf(db, payer.account.id)).toHaveLength(0);
  });

  test("a delayed method (OXXO) waits in processing, then pays; its events out of order end paid once", async ({
    db,
    payer,
  }) => {
    const a = await issueDocument(db, payer.account.id, "invoice", "250.00", "2026-11-01");
    const first = await start(db, payer, [{ documentId: a, amount: "250.00" }]);
    await fake.pay(first.session.id, "oxxo");
    const [processing] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, first.attempt.id));
    expect(processing.status).toBe("processing");
    expect(await openOf(db, a)).toBe("250.00");
    await fake.asyncSucceeded(first.session.id);
    // Stripe resends the older "completed" afterwards: re-reading the session says paid, nothing changes.
    await fake.deliver("checkout.session.completed", { ...first.session, payment_status: "unpaid" });
    expect(await paymentsOf(db, payer.account.id)).toHaveLength(1);
    expect(await openOf(db, a)).toBe("0.00");

    const b = await issueDocument(db, payer.account.id, "invoice", "80.00", "2026-11-03");
    const second = await start(db, payer, [{ documentId: b, amount: "80.00" }]);
    await fake.pay(second.session.id, "oxxo");
    // The success event arrives before the completion event.
    const intent = fake.intents.get(fake.sessions.get(second.session.id)!.payment_intent!)!;
    intent.status = "succeeded";
    fake.sessions.get(second.session.id)!.payment_status = "paid";
    await fake.deliver("checkout.session.async_payment_succeeded", { ...second.session });
    await fake.deliver("checkout.session.completed", { ...second.session });
    expect(await openOf(db, b)).toBe("0.00");
    expect(await paymentsOf(db, payer.account.id)).toHaveLength(2);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  test("a failed delayed payment and an expired session apply nothing and say why", async ({ db, payer }) => {
    const a = await issueDocument(db, payer.account.id, "invoice", "90.00", "2026-11-01");
    const failed = await start(db, payer, [{ documentId: a, amount: "90.00" }]);
    await fake.pay(failed.session.id, "oxxo");
    await fake.asyncFailed(failed.session.id, 2);
    const expired = await start(db, payer, [{ documentId: a, amount: "90.00" }]);
    await fake.expire(expired.session.id);
    const rows = await db.select().from(paymentAttempts).where(eq(paymentAttempts.accountId, payer.account.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(failed.attempt.id)).toMatchObject({
      status: "failed",
      failureReason: "payment_intent_payment_attempt_expired",
    });
    expect(byId.get(expired.attempt.id)).toMatchObject({ status: "expired" });
    expect(await openOf(db, a)).toBe("90.00");
    expect(await paymentsOf(db, payer.account.id)).toHaveLength(0);
  });

  test("a partial refund reopens that much of the invoice (a refund charge takes the freed credit); a redelivered refund adds nothing; the full refund ends refunded", async ({
    db,
    payer,
  }) => {
    const a = await issueDocument(db, payer.account.id, "invoice", "100.00", "2026-11-01");
    const b = await issueDocument(db, payer.account.id, "invoice", "50.00", "2026-11-02");
    const { attempt, session } = await start(db, payer, [
      { documentId: a, amount: "100.00" },
      { documentId: b, amount: "50.00" },
    ]);
    await fake.pay(session.id);
    await fake.refund(session.id, 3000, 2);
    // Newest application first: B (50.00) gives back 30.00.
    expect(await openOf(db, b)).toBe("30.00");
    expect(await openOf(db, a)).toBe("0.00");
    let [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id));
    expect(row).toMatchObject({ status: "paid", refundedAmount: "30.00" });
    await fake.refund(session.id, 12000);
    expect(await openOf(db, a)).toBe("100.00");
    expect(await openOf(db, b)).toBe("50.00");
    [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id));
    expect(row).toMatchObject({ status: "refunded", refundedAmount: "150.00" });
    const refundCharges = await db
      .select({ amount: documents.amount, open: documents.openAmount })
      .from(documents)
      .where(and(eq(documents.accountId, payer.account.id), eq(documents.kind, "adjustment")));
    expect(refundCharges.map((r) => r.amount).sort()).toEqual(["120.00", "30.00"]);
    expect(refundCharges.every((r) => r.open === "0.00")).toBe(true);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  test("an amount Stripe reports other than the attempt's is not applied", async ({ db, payer }) => {
    const a = await issueDocument(db, payer.account.id, "invoice", "100.00", "2026-11-01");
    const { attempt, session } = await start(db, payer, [{ documentId: a, amount: "100.00" }]);
    session.amount_total = 1;
    await fake.pay(session.id);
    const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attempt.id));
    expect(row.status).toBe("open");
    expect(await paymentsOf(db, payer.account.id)).toHaveLength(0);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, attempt.id));
    expect(audit.map((e) => e.action)).toContain("card_payment.mismatch");
  });

  test("the return page's re-read of the session applies a paid session whose webhook has not arrived", async ({
    db,
    payer,
  }) => {
    const a = await issueDocument(db, payer.account.id, "invoice", "70.00", "2026-11-01");
    const { attempt, session } = await start(db, payer, [{ documentId: a, amount: "70.00" }]);
    const s = fake.sessions.get(session.id)!;
    s.status = "complete";
    s.payment_status = "paid";
    fake.intents.set("pi_test_direct", {
      id: "pi_test_direct",
      object: "payment_intent",
      status: "succeeded",
      created: Math.floor(Date.now() / 1000),
    });
    s.payment_intent = "pi_test_direct";
    const outcome = await syncCardPayment(db, getStripe(), session.id);
    expect(outcome).toMatchObject({ attemptId: attempt.id, status: "paid", changed: true });
    expect(await openOf(db, a)).toBe("0.00");
  });
});
