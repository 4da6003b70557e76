// The card payment pages (portal+/payments_.card*, resources+/stripe.webhook): a customer of another
// account cannot see or pay through an account's attempt or documents (404, nothing of it shown); a
// viewer may not pay (the page says so; the action answers 403); without Stripe keys the pages do not
// exist; the form's field errors come back as keys; a good form sends the browser to Stripe's page.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { paymentAttempts } from "#db/schema";
import * as cardPage from "~/routes/portal+/payments_.card";
import * as cardStatus from "~/routes/portal+/payments_.card_.$attemptId";
import * as webhook from "~/routes/resources+/stripe.webhook";
import { issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { createTestCustomer } from "../fixtures/users";
import { type FakeStripe, startFakeStripe } from "../setup/fake-stripe";
import { routeTest as test } from "../setup/route-test";
import { callRoute, expectTenantIsolation } from "../setup/routes";

let fake: FakeStripe;
const KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"] as const;
function enableStripe() {
  process.env.STRIPE_SECRET_KEY = "sk_test_routes";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_routes";
  process.env.STRIPE_API_URL = fake.url;
}
beforeAll(async () => {
  fake = await startFakeStripe({ webhookSecret: "whsec_routes" });
  enableStripe();
});
afterAll(async () => {
  for (const key of KEYS) delete process.env[key];
  await fake.close();
});

describe("card payment pages", () => {
  test("a good form creates the attempt and redirects to Stripe's page; the return page shows it paid once paid", async ({
    db,
    payer,
  }) => {
    const invoice = await issueDocument(db, payer.account.id, "invoice", "1234.50", "2026-11-01");
    const page = await callRoute(cardPage.loader, {
      path: `/portal/payments/card?documents=${invoice}`,
      cookie: payer.cookie,
    });
    expect(page.status).toBe(200);
    const body = page.body as { state: string; documents: { id: string; openInput: string; selected: boolean }[] };
    expect(body.state).toBe("ready");
    expect(body.documents).toEqual([expect.objectContaining({ id: invoice, openInput: "1,234.50", selected: true })]);
    const posted = await callRoute(cardPage.action, {
      path: "/portal/payments/card",
      cookie: payer.cookie,
      form: {
        accountId: payer.account.id,
        "items[0].documentId": invoice,
        "items[0].selected": "on",
        "items[0].amount": "1,000.00",
      },
    });
    expect(posted.status).toBe(302);
    const location = posted.headers.get("location")!;
    expect(location.startsWith(`${fake.url}/checkout/cs_test_`)).toBe(true);
    const session = fake.sessions.get(location.split("/").pop()!)!;
    expect(session.amount_total).toBe(100000);
    await fake.pay(session.id);
    const attemptId = session.client_reference_id!;
    const status = await callRoute(cardStatus.loader, {
      path: `/portal/payments/card/${attemptId}`,
      params: { attemptId },
      cookie: payer.cookie,
    });
    expect(status.body).toMatchObject({ status: "paid", amount: "$1,000.00" });
  });

  test("field errors come back as keys: nothing chosen, an amount in another locale's format", async ({
    payer,
    db,
  }) => {
    const invoice = await issueDocument(db, payer.account.id, "invoice", "100.00", "2026-11-01");
    const nothing = await callRoute(cardPage.action, {
      path: "/portal/payments/card",
      cookie: payer.cookie,
      form: { accountId: payer.account.id, "items[0].documentId": invoice, "items[0].amount": "100.00" },
    });
    expect(nothing.status).toBe(400);
    expect(JSON.stringify(nothing.body)).toContain("validation.chooseOne");
    const badAmount = await callRoute(cardPage.action, {
      path: "/portal/payments/card",
      cookie: payer.cookie,
      form: {
        accountId: payer.account.id,
        "items[0].documentId": invoice,
        "items[0].selected": "on",
        "items[0].amount": "100,5",
      },
    });
    expect(badAmount.status).toBe(400);
    expect(JSON.stringify(badAmount.body)).toContain("validation.amountPositive");
    const above = await callRoute(cardPage.action, {
      path: "/portal/payments/card",
      cookie: payer.cookie,
      form: {
        accountId: payer.account.id,
        "items[0].documentId": invoice,
        "items[0].selected": "on",
        "items[0].amount": "100.01",
      },
    });
    expect(above.status).toBe(400);
    expect(JSON.stringify(above.body)).toContain("mayor que el saldo");
  });

  test("a customer of another account gets 404 on the attempt and cannot pay the account's documents", async ({
    db,
    payer,
    seller,
    signIn,
  }) => {
    const invoice = await issueDocument(db, payer.account.id, "invoice", "777.77", "2026-11-01", {
      folio: "SECRET-777",
    });
    const [attempt] = await db
      .insert(paymentAttempts)
      .values({ accountId: payer.account.id, currency: "MXN", amount: "777.77", createdById: payer.user.id })
      .returning();
    const other = await createTestAccount(db, seller);
    const outsider = await createTestCustomer(db, [{ accountId: other.id, role: "account_admin" }]);
    const cookie = await signIn(outsider);
    await expectTenantIsolation({
      name: "card payment status",
      handler: cardStatus.loader,
      calls: [{ path: `/portal/payments/card/${attempt.id}`, params: { attemptId: attempt.id }, cookie }],
      foreignMarkers: [attempt.id, "777.77", "SECRET-777"],
    });
    await expectTenantIsolation({
      name: "card payment page",
      handler: cardPage.loader,
      calls: [{ path: `/portal/payments/card?documents=${invoice}`, cookie }],
      foreignMarkers: [invoice, "SECRET-777"],
    });
    // Naming the other account in the form: 404, whatever the switcher says.
    const before = await db.select().from(paymentAttempts).where(eq(paymentAttempts.accountId, payer.account.id));
    const posted = await callRoute(cardPage.action, {
      path: "/portal/payments/card",
      cookie,
      form: {
        accountId: payer.account.id,
        "items[0].documentId": invoice,
        "items[0].selected": "on",
        "items[0].amount": "1.00",
      },
    });
    expect(posted.status).toBe(404);
    // Its own account with the other account's document: the document is not payable there.
    const mixed = await callRoute(cardPage.action, {
      path: "/portal/payments/card",
      cookie,
      form: {
        accountId: other.id,
        "items[0].documentId": invoice,
        "items[0].selected": "on",
        "items[0].amount": "1.00",
      },
    });
    expect(mixed.status).toBe(400);
    expect(JSON.stringify(mixed.body)).not.toContain("SECRET-777");
    const after = await db.select().from(paymentAttempts).where(eq(paymentAttempts.accountId, payer.account.id));
    expect(after.length).toBe(before.length);
  });

  test("a viewer is told it may not pay, and its form answers 403", async ({ db, payer, signIn }) => {
    const invoice = await issueDocument(db, payer.account.id, "invoice", "50.00", "2026-11-01");
    const viewer = await createTestCustomer(db, [{ accountId: payer.account.id, role: "viewer" }]);
    const cookie = await signIn(viewer);
    const page = await callRoute(cardPage.loader, { path: "/portal/payments/card", cookie });
    expect(page.body).toEqual({ state: "notAllowed" });
    const posted = await callRoute(cardPage.action, {
      path: "/portal/payments/card",
      cookie,
      form: {
        accountId: payer.account.id,
        "items[0].documentId": invoice,
        "items[0].selected": "on",
        "items[0].amount": "5.00",
      },
    });
    expect(posted.status).toBe(403);
  });

  test("without both Stripe keys the card pages and the webhook do not exist", async ({ payer }) => {
    for (const key of KEYS) delete process.env[key];
    try {
      expect((await callRoute(cardPage.loader, { path: "/portal/payments/card", cookie: payer.cookie })).status).toBe(
        404,
      );
      const hook = await webhook.action({
        request: new Request("http://portal.test/resources/stripe/webhook", { method: "POST", body: "{}" }),
        params: {},
        context: {},
      });
      expect((hook as Response).status).toBe(404);
    } finally {
      enableStripe();
    }
  });
});
