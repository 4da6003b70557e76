// Starting a card payment: our attempt row first (what the customer chose, checked against the open
// amounts now), then the Stripe Checkout Session that names it (client_reference_id and metadata on
// the session and on its PaymentIntent), created with an idempotency key derived from the attempt so
// a retried call cannot open a second session. The customer pays on Stripe's page; the webhook (or
// the return page, re-reading the session) applies the payment: sync-card-payment.server.ts.
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { documents, paymentAttemptItems, paymentAttempts } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { Currency } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { addMoney, compareMoney, dec } from "~/utils/money";
import type { Stripe } from "~/utils/stripe.server";
import { PaymentRuleError } from "./errors";

/** Checkout Sessions live 30 min to 24 h; an hour is long enough to pay and short enough to not hold a stale amount. */
const SESSION_LIFETIME_SECONDS = 60 * 60;

export interface StartCardPaymentInput {
  accountId: string;
  userId: string;
  items: { documentId: string; amount: string }[];
  /** The portal's configured base URL (never the request's Host). */
  baseUrl: string;
  language: "es" | "en";
  now?: Date;
}

/** Stripe counts MXN, COP and USD in hundredths. */
export function toMinorUnits(amount: string): number {
  return dec(amount).times(100).toNumber();
}

export async function startCardPayment(
  db: DbOrTx,
  stripe: Stripe,
  actor: Actor,
  input: StartCardPaymentInput,
): Promise<{ attemptId: string; checkoutUrl: string }> {
  const now = input.now ?? new Date();
  const attemptId = createRandomId();
  const chosen = await db.transaction(async (tx) => {
    const ids = input.items.map((i) => i.documentId);
    const rows = await tx
      .select({
        id: documents.id,
        series: documents.series,
        folio: documents.folio,
        kind: documents.kind,
        currency: documents.currency,
        open: documents.openAmount,
      })
      .from(documents)
      .where(
        and(
          inArray(documents.id, ids),
          eq(documents.accountId, input.accountId),
          eq(documents.effect, "charge"),
          eq(documents.status, "issued"),
          gt(documents.openAmount, "0"),
        ),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const currencies = new Set<Currency>();
    for (const item of input.items) {
      const doc = byId.get(item.documentId);
      if (!doc) throw new PaymentRuleError("document.not_payable", item.documentId);
      if (compareMoney(item.amount, doc.open) > 0) throw new PaymentRuleError("amount.above_open", item.documentId);
      currencies.add(doc.currency);
    }
    if (currencies.size !== 1) throw new PaymentRuleError("currency.mixed");
    const [currency] = [...currencies];
    const amount = addMoney(...input.items.map((i) => i.amount));
    await tx.insert(paymentAttempts).values({
      id: attemptId,
      accountId: input.accountId,
      currency,
      amount,
      createdById: input.userId,
    });
    await tx.insert(paymentAttemptItems).values(
      input.items.map((item, position) => ({
        attemptId,
        position,
        documentId: item.documentId,
        amount: item.amount,
      })),
    );
    await recordAuditEvents(tx, actor, [
      {
        action: "card_payment.started",
        entityType: "payment_attempt",
        entityId: attemptId,
        accountId: input.accountId,
        after: { amount, currency, items: input.items.map((i) => ({ documentId: i.documentId, amount: i.amount })) },
      },
    ]);
    return { currency, amount, lines: input.items.map((i) => ({ ...i, doc: byId.get(i.documentId)! })) };
  });

  const metadata = { attemptId, accountId: input.accountId };
  const t = getFixedT(input.language);
  const kindLabel = (kind: (typeof chosen.lines)[number]["doc"]["kind"]) => t(`documents.kinds.${kind}`);
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: attemptId,
        metadata,
        payment_intent_data: { metadata },
        locale: input.language,
        expires_at: Math.floor(now.getTime() / 1000) + SESSION_LIFETIME_SECONDS,
        line_items: chosen.lines.map((line) => ({
          quantity: 1,
          price_data: {
            currency: chosen.currency.toLowerCase(),
            unit_amount: toMinorUnits(line.amount),
            product_data: { name: `${kindLabel(line.doc.kind)} ${line.doc.series}-${line.doc.folio}` },
          },
        })),
        success_url: `${input.baseUrl}/portal/payments/card/${attemptId}?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${input.baseUrl}/portal/payments/card/${attemptId}`,
      },
      { idempotencyKey: `cartera-checkout-${attemptId}` },
    );
  } catch (error) {
    await db
      .update(paymentAttempts)
      .set({ status: "failed", failureReason: "checkout_unavailable", updatedAt: new Date() })
      .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.status, "open")));
    console.error(`[cartera] Stripe Checkout Session for attempt ${attemptId} failed:`, (error as Error).message);
    throw new PaymentRuleError("checkout.unavailable");
  }
  if (!session.url) throw new PaymentRuleError("checkout.unavailable");
  await db
    .update(paymentAttempts)
    .set({
      stripeSessionId: session.id,
      checkoutUrl: session.url,
      expiresAt: new Date(session.expires_at * 1000),
      updatedAt: new Date(),
    })
    .where(and(eq(paymentAttempts.id, attemptId), isNull(paymentAttempts.stripeSessionId)));
  return { attemptId, checkoutUrl: session.url };
}
