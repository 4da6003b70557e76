// Property: whatever mix of card payment events and ledger operations arrives, concurrently,
// duplicated and out of order, the ledger's invariants hold afterwards. fast-check draws 1,000
// operations over a few accounts (paying sessions by card or OXXO, redelivering and replaying their
// events, async success and failure, expiry, partial and full refunds, manual applications of other
// credits and their reversals, cheque registrations confirmed by a collector, deposited, cleared,
// returned — which cancels their payment and adds the fee — and redeposited) and runs them twenty at a time — on PostgreSQL truly concurrently, on
// PGlite serialised by its single connection. Then: every document's applied and open amounts equal
// their derivation (verifyOpenItems), no application crosses currencies or accounts, each attempt is
// paid by at most one ledger payment of exactly its amount, a refund never exceeds it, and each
// attempt ends in the state Stripe reports for its session; a cheque's payment stands exactly while it
// is not returned, a cancelled payment has nothing applied, and each return added one fee note.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { returnedChequeFees } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { clearCheque } from "~/domain/cheques/clear-cheque.server";
import { depositCheque } from "~/domain/cheques/deposit-cheque.server";
import { ChequeError } from "~/domain/cheques/errors";
import { returnCheque } from "~/domain/cheques/return-cheque.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import { LedgerRuleError } from "~/domain/ledger/errors";
import { verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { confirmPayment } from "~/domain/payments/confirm-payment.server";
import { handleStripeWebhook } from "~/domain/payments/handle-stripe-event.server";
import { registerPayment } from "~/domain/payments/register-payment.server";
import { PaymentRegistrationError } from "~/domain/payments/registration-errors";
import { startCardPayment } from "~/domain/payments/start-card-payment.server";
import { type Db, queryRows } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";
import { issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { type FakeStripe, startFakeStripe } from "../setup/fake-stripe";
import { routeTest as test } from "../setup/route-test";

const SECRET = "whsec_invariants";
const KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"] as const;
let fake: FakeStripe;
let dbRef: Db;

beforeAll(async () => {
  fake = await startFakeStripe({
    webhookSecret: SECRET,
    sendWebhook: async (payload, signature) => {
      await handleStripeWebhook(dbRef, getStripe(), { payload, signature, secret: SECRET });
      return 200;
    },
  });
  process.env.STRIPE_SECRET_KEY = "sk_test_invariants";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_URL = fake.url;
});
afterAll(async () => {
  for (const key of KEYS) delete process.env[key];
  await fake.close();
});

type Op =
  | { kind: "start"; account: number; invoices: number[]; share: number }
  | { kind: "pay"; session: number; oxxo: boolean; times: number }
  | { kind: "asyncSucceed"; session: number; times: number }
  | { kind: "asyncFail"; session: number }
  | { kind: "expire"; session: number }
  | { kind: "replay"; session: number }
  | { kind: "refund"; session: number; cents: number; times: number }
  | { kind: "apply"; account: number; invoice: number; cents: number }
  | { kind: "unapply"; pick: number }
  | { kind: "cheque"; account: number; invoice: number; cents: number; share: number }
  | { kind: "chequeStep"; pick: number; step: "deposit" | "clear" | "return" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("start" as const),
      account: fc.nat(2),
      invoices: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }),
      share: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      session: fc.nat(400),
      oxxo: fc.boolean(),
      times: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("asyncSucceed" as const),
      session: fc.nat(400),
      times: fc.integer({ min: 1, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("asyncFail" as const), session: fc.nat(400) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("expire" as const), session: fc.nat(400) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("replay" as const), session: fc.nat(400) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("refund" as const),
      session: fc.nat(400),
      cents: fc.integer({ min: 1, max: 30_000 }),
      times: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("apply" as const),
      account: fc.nat(2),
      invoice: fc.nat(5),
      cents: fc.integer({ min: 1, max: 20_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unapply" as const), pick: fc.nat(1000) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("cheque" as const),
      account: fc.nat(2),
      invoice: fc.nat(5),
      cents: fc.integer({ min: 100, max: 40_000 }),
      share: fc.integer({ min: 0, max: 100 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("chequeStep" as const),
      pick: fc.nat(1000),
      step: fc.constantFrom("deposit" as const, "clear" as const, "return" as const),
    }),
  },
);

describe("card payments under a crowd of events", () => {
  test(
    "1,000 concurrent operations leave every ledger invariant true",
    { timeout: 600_000 },
    async ({ db, seller }) => {
      dbRef = db;
      const accounts = await Promise.all([0, 1, 2].map(() => createTestAccount(db, seller)));
      const payers = await Promise.all(
        accounts.map((a) => createTestCustomer(db, [{ accountId: a.id, role: "payer" }])),
      );
      const invoices = await Promise.all(
        accounts.map((a) =>
          Promise.all(
            [0, 1, 2, 3, 4, 5].map((i) =>
              issueDocument(db, a.id, "invoice", `${1000 + i * 137}.${10 + i}`, "2026-10-01"),
            ),
          ),
        ),
      );
      const credits = await Promise.all(
        accounts.map((a) => issueDocument(db, a.id, "payment", "5000.00", "2026-10-02")),
      );
      const sessions: string[] = [];
      const collector = await createTestStaff(db, "collector");
      await db.insert(returnedChequeFees).values({ sellerId: seller.seller.id, currency: "MXN", amount: "150.00" });
      let chequeNo = 0;
      const ops = fc.sample(fc.array(opArb, { minLength: 1000, maxLength: 1000 }), { numRuns: 1, seed: 20261202 })[0];
      const tolerated = (error: unknown) => {
        // Refusals the rules give (an amount no longer open, a reversal already made, a session not open) are outcomes, not failures.
        if (error instanceof LedgerRuleError || error instanceof ChequeError) return;
        // A registration allocated to what another payment paid meanwhile; a form gone stale.
        if (error instanceof PaymentRegistrationError) return;
        const message = (error as Error).message ?? "";
        if (/not open|document.not_payable|amount.above_open|payment_intent|charges|latest_charge/.test(message))
          return;
        if (
          (error as { code?: string }).code === "document.not_payable" ||
          (error as { code?: string }).code === "amount.above_open"
        )
          return;
        // Two transactions racing for the same unique key or a serialisation retry: one wins, the other fails closed.
        if (
          /duplicate key|deadlock|could not serialize/.test(
            message + String((error as { cause?: Error }).cause?.message ?? ""),
          )
        )
          return;
        throw error;
      };
      const session = (n: number) => (sessions.length ? fake.sessions.get(sessions[n % sessions.length]) : undefined);
      const run = async (op: Op) => {
        switch (op.kind) {
          case "start": {
            const acc = accounts[op.account];
            const open = await queryRows<{ id: string; open: string }>(
              db,
              sql`select id, open_amount::text as open from documents where id in ${invoices[op.account].filter((_, i) => op.invoices.includes(i))} and open_amount > 0`,
            );
            const items = open
              .map((d) => ({
                documentId: d.id,
                amount: (Math.max(1, Math.floor((Number(d.open.replace(".", "")) * op.share) / 100)) / 100).toFixed(2),
              }))
              .filter((i) => Number(i.amount) > 0);
            if (items.length === 0) return;
            const started = await startCardPayment(
              db,
              getStripe(),
              { userId: payers[op.account].id, label: "payer" },
              {
                accountId: acc.id,
                userId: payers[op.account].id,
                items,
                baseUrl: "http://portal.test",
                language: "es",
              },
            );
            sessions.push(started.checkoutUrl.split("/").pop()!);
            return;
          }
          case "pay": {
            const s = session(op.session);
            if (s?.status === "open") await fake.pay(s.id, op.oxxo ? "oxxo" : "card", op.times);
            return;
          }
          case "asyncSucceed": {
            const s = session(op.session);
            const intent = s?.payment_intent ? fake.intents.get(s.payment_intent) : undefined;
            if (s && intent?.status === "processing") await fake.asyncSucceeded(s.id, op.times);
            return;
          }
          case "asyncFail": {
            const s = session(op.session);
            const intent = s?.payment_intent ? fake.intents.get(s.payment_intent) : undefined;
            if (s && intent?.status === "processing") await fake.asyncFailed(s.id);
            return;
          }
          case "expire": {
            const s = session(op.session);
            if (s) await fake.expire(s.id);
            return;
          }
          case "replay": {
            const s = session(op.session);
            if (s) await fake.deliver("checkout.session.completed", { ...s });
            return;
          }
          case "refund": {
            const s = session(op.session);
            const intent = s?.payment_intent ? fake.intents.get(s.payment_intent) : undefined;
            const charge = intent?.latest_charge ? fake.charges.get(intent.latest_charge as string) : undefined;
            if (!s || !charge) return;
            const left = (charge.amount as number) - (charge.amount_refunded as number);
            if (left > 0) await fake.refund(s.id, Math.min(op.cents, left), op.times);
            return;
          }
          case "apply": {
            const [row] = await queryRows<{ open: string }>(
              db,
              sql`select open_amount::text as open from documents where id = ${invoices[op.account][op.invoice]}`,
            );
            const cents = Math.min(op.cents, Number(row.open.replace(".", "")));
            if (cents <= 0) return;
            await applyCredits(db, SYSTEM_ACTOR, [
              {
                sourceId: credits[op.account],
                targetId: invoices[op.account][op.invoice],
                amount: (cents / 100).toFixed(2),
                appliedOn: "2026-10-05",
              },
            ]);
            return;
          }
          case "unapply": {
            const live = await queryRows<{ id: string }>(
              db,
              sql`select a.id from applications a where a.source_id in ${credits} and a.reverses_id is null
                and not exists (select 1 from applications r where r.reverses_id = a.id) order by a.id`,
            );
            if (live.length === 0) return;
            await reverseApplication(db, SYSTEM_ACTOR, {
              applicationId: live[op.pick % live.length].id,
              reversedOn: "2026-10-06",
              reason: "prueba",
            });
            return;
          }
          case "cheque": {
            const [row] = await queryRows<{ open: string }>(
              db,
              sql`select open_amount::text as open from documents where id = ${invoices[op.account][op.invoice]}`,
            );
            const allocated = Math.min(Math.floor((op.cents * op.share) / 100), Number(row.open.replace(".", "")));
            chequeNo += 1;
            const reg = await registerPayment(
              db,
              { userId: payers[op.account].id, label: "payer" },
              {
                accountId: accounts[op.account].id,
                method: "cheque",
                paidOn: "2026-10-03",
                amount: (op.cents / 100).toFixed(2),
                currency: "MXN",
                bank: "Banorte",
                reference: `PROP-${chequeNo}-${op.cents}`,
                allocations:
                  allocated > 0
                    ? [{ documentId: invoices[op.account][op.invoice], amount: (allocated / 100).toFixed(2) }]
                    : [],
                proof: null,
                staffEntered: false,
              },
              { now: new Date("2026-10-03T17:00:00Z") },
            );
            await confirmPayment(
              db,
              { userId: collector.id, label: "collector" },
              { registrationId: reg.id, version: 1, now: new Date("2026-10-03T17:00:00Z"), keepOnAccount: false },
            );
            return;
          }
          case "chequeStep": {
            const statuses = op.step === "deposit" ? ["in_custody", "returned"] : ["deposited"];
            const candidates = await queryRows<{ id: string; version: number }>(
              db,
              sql`select id, version from cheques where account_id in ${accounts.map((a) => a.id)}
                and status::text in ${statuses} order by id`,
            );
            if (candidates.length === 0) return;
            const c = candidates[op.pick % candidates.length];
            const input = { chequeId: c.id, version: c.version, now: new Date("2026-10-04T17:00:00Z") };
            const actor = { userId: collector.id, label: "collector" };
            if (op.step === "deposit") await depositCheque(db, actor, input);
            else if (op.step === "clear") await clearCheque(db, actor, input);
            else await returnCheque(db, actor, { ...input, reason: "insufficient_funds" });
            return;
          }
        }
      };
      const started = Date.now();
      for (let i = 0; i < ops.length; i += 20) {
        const results = await Promise.allSettled(ops.slice(i, i + 20).map(run));
        for (const r of results) if (r.status === "rejected") tolerated(r.reason);
      }
      // Let every attempt catch up with Stripe (what a late webhook or the return page would do).
      for (const id of sessions) await fake.deliver("checkout.session.completed", { ...fake.sessions.get(id)! });
      console.log(
        `${ops.length} operations, ${sessions.length} sessions in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );

      expect((await verifyOpenItems(db)).differences).toEqual([]);
      const crossing = await queryRows<{ id: string }>(
        db,
        sql`select a.id from applications a join documents s on s.id = a.source_id join documents t on t.id = a.target_id
          where s.currency <> t.currency or s.account_id <> t.account_id or a.currency <> s.currency`,
      );
      expect(crossing).toEqual([]);
      const attempts = await queryRows<{
        id: string;
        status: string;
        amount: string;
        refunded: string;
        session: string;
        payment: string | null;
        paymentAmount: string | null;
        payments: number;
      }>(
        db,
        sql`select pa.id, pa.status, pa.amount::text as amount, pa.refunded_amount::text as refunded, pa.stripe_session_id as session,
            pa.payment_document_id as payment, d.amount::text as "paymentAmount",
            (select count(*)::int from documents p where p.kind = 'payment' and p.series = 'STRIPE' and p.folio = pa.stripe_payment_intent_id) as payments
          from payment_attempts pa left join documents d on d.id = pa.payment_document_id
          where pa.account_id in ${accounts.map((a) => a.id)}`,
      );
      expect(attempts.length).toBe(sessions.length);
      let paid = 0;
      for (const a of attempts) {
        const s = fake.sessions.get(a.session)!;
        const intent = s.payment_intent ? fake.intents.get(s.payment_intent) : undefined;
        const stripePaid = s.payment_status === "paid";
        expect(
          a.status === "paid" || a.status === "refunded",
          `attempt ${a.id}: ${a.status} vs Stripe ${s.status}/${s.payment_status}`,
        ).toBe(stripePaid);
        if (stripePaid) {
          paid += 1;
          expect(a.payments).toBe(1);
          expect(a.paymentAmount).toBe(a.amount);
          const charge = fake.charges.get(intent!.latest_charge as string)!;
          expect(Number(a.refunded.replace(".", ""))).toBeLessThanOrEqual(charge.amount_refunded as number);
          expect(Number(a.refunded)).toBeLessThanOrEqual(Number(a.amount));
        } else {
          expect(a.payment).toBeNull();
          const expected =
            s.status === "expired"
              ? "expired"
              : intent?.status === "requires_payment_method"
                ? "failed"
                : s.status === "complete"
                  ? "processing"
                  : "open";
          expect(a.status, `attempt ${a.id}`).toBe(expected);
        }
      }
      expect(paid).toBeGreaterThan(5);

      // Cheques: the payment stands (issued) exactly while the cheque is not returned, a cancelled
      // payment has nothing applied, every return added one fee note and reversed what it had paid.
      const chequeRows = await queryRows<{
        id: string;
        status: string;
        payment: string | null;
        paymentStatus: string | null;
        returns: number;
        fees: number;
        cancelledApplied: string;
        standingPayments: number;
      }>(
        db,
        sql`select c.id, c.status::text as status, c.payment_document_id as payment, d.status::text as "paymentStatus",
            (select count(*)::int from cheque_deposits x where x.cheque_id = c.id and x.status = 'returned') as returns,
            (select count(*)::int from cheque_deposits x join documents f on f.id = x.fee_document_id
               where x.cheque_id = c.id and f.kind = 'debit_note' and f.amount = 150.00) as fees,
            (select coalesce(sum(p.applied_amount), 0.00)::numeric(18,2)::text from cheque_deposits x join documents p on p.id = x.cancelled_payment_id
               where x.cheque_id = c.id) as "cancelledApplied",
            (select count(*)::int from documents p where p.account_id = c.account_id and p.kind = 'payment' and p.status = 'issued'
               and p.id in (select r.payment_document_id from payment_registrations r where r.id = c.registration_id
                            union select x.payment_document_id from cheque_deposits x where x.cheque_id = c.id)) as "standingPayments"
          from cheques c left join documents d on d.id = c.payment_document_id
          where c.account_id in ${accounts.map((a) => a.id)}`,
      );
      expect(chequeRows.length).toBeGreaterThan(5);
      for (const c of chequeRows) {
        expect(c.status === "returned" ? c.payment : c.paymentStatus, `cheque ${c.id}`).toBe(
          c.status === "returned" ? null : c.status === "deposited" && !c.payment ? null : "issued",
        );
        expect(c.standingPayments, `cheque ${c.id}`).toBe(c.payment ? 1 : 0);
        expect(c.fees).toBe(c.returns);
        expect(c.cancelledApplied).toBe("0.00");
      }
      console.log(
        `cheques: ${chequeRows.length}, returned ${chequeRows.filter((c) => c.returns > 0).length}, cleared ${chequeRows.filter((c) => c.status === "cleared").length}`,
      );
    },
  );
});
