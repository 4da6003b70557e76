// Demo payments: on each demo customer's account (Elena on MX-0001, Ricardo on MX-0002 of the group,
// Camila on CO-0001), written through the payments and cheques domains at driven times before
// `anchor`, so a fresh portal shows every state: a payment registered and in review (with its proof
// file, so its provisional receipt prints), one confirmed and applied (to a PPD invoice in Mexico, so
// its REP is issued by the domain's own code), one rejected with its reason; promises kept, partly kept
// (paid in part by their date), broken and due this week, settled as their task settles them; a
// post-dated cheque in custody on each, and on MX-0001 a cheque deposited and returned by the bank
// (the fee configured per seller). The stories pay, promise and return cheques on invoices of their own,
// recent sales issued through the ledger with their fiscal XML (demo-invoices.ts), so what they show
// does not hang on what the history left open, and the history's documents stay as they were.
// Deterministic for a given anchor and seeded ledger: the same stories, amounts and references (the
// REP UUIDs are the domain's own random ones). Their emails are history: none is left queued.
import Decimal from "decimal.js";
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  accountGrants,
  cheques,
  customerAccounts,
  returnedChequeFees,
  scheduledTasks,
  sellers,
  users,
} from "#db/schema";
import { depositCheque } from "~/domain/cheques/deposit-cheque.server";
import { returnCheque } from "~/domain/cheques/return-cheque.server";
import { sniffEvidence } from "~/domain/claims/evidence.server";
import type { AcceptedEvidence } from "~/domain/claims/parse-evidence-upload.server";
import { confirmPayment } from "~/domain/payments/confirm-payment.server";
import { PAYMENT_EMAIL_TASK } from "~/domain/payments/queue-payment-emails.server";
import { PROMISE_DUE_TASK, recordPromise } from "~/domain/payments/record-promise.server";
import { type RegisterPaymentInput, registerPayment } from "~/domain/payments/register-payment.server";
import { rejectPayment } from "~/domain/payments/reject-payment.server";
import { PROMISE_BROKEN_EMAIL_TASK, settlePromise } from "~/domain/payments/settle-promise.server";
import type { Currency, ManualPaymentMethod } from "~/domain/vocabulary";
import { cancelPendingTasks } from "~/jobs/scheduled-tasks.server";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { toMoney } from "~/utils/money";
import { type DemoInvoice, issueDemoInvoices } from "./demo-invoices";
import { SEED_ACTOR } from "./index";
import { createRng, type Rng } from "./prng";

const SEED = 20_261_203;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The demo customers' accounts that get the payment stories (one per demo customer user). */
export const PAYMENT_DEMO_ACCOUNTS = ["MX-0001", "MX-0002", "CO-0001"] as const;
/** What a returned cheque costs the customer, per seller country (returned_cheque_fees). */
export const RETURNED_CHEQUE_FEE = { MX: { MXN: "350.00" }, CO: { COP: "45000.00" } } as const;
export const REJECTION_REASON =
  "La transferencia no aparece en nuestro estado de cuenta bancario; verifica la referencia.";

const BANKS = { MX: ["BBVA", "Banorte", "Santander", "Banamex"], CO: ["Bancolombia", "Davivienda", "Banco de Bogotá"] };

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");

/** A share of an amount, in whole units (never zero, never above it). */
function share(amount: string, fraction: number): string {
  const whole = new Decimal(amount).mul(fraction).toDecimalPlaces(0, Decimal.ROUND_DOWN);
  return toMoney(Decimal.max(1, Decimal.min(whole, amount)));
}

/** A small, well-formed CEP (comprobante electrónico de pago) as Banxico's SPEI issues it. */
function cepXml(input: { trackingKey: string; paidOn: string; amount: string; bank: string; payee: string }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<SPEI_Tercero FechaOperacion="${input.paidOn}" Hora="11:42:17" ClaveSPEI="40012" sello="DEMO" numeroCertificado="00001000000504465028">
  <Beneficiario BancoReceptor="BANORTE" Nombre="${input.payee}" TipoCuenta="40" Cuenta="072180001234567890" RFC="FLO000101AB1" Concepto="Pago de facturas" IVA="0.00" MontoPago="${input.amount}"/>
  <Ordenante BancoEmisor="${input.bank.toUpperCase()}" Nombre="Demo ordenante" TipoCuenta="40" Cuenta="012180009876543210" RFC="XAXX010101000"/>
  <ClaveRastreo>${input.trackingKey}</ClaveRastreo>
</SPEI_Tercero>
`;
}

/** A one-page PDF of a bank slip (PDF 1.4, one text stream, a correct cross-reference table). */
function slipPdf(lines: string[]): Uint8Array {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "?");
  const text = lines.map((l, i) => `BT /F1 12 Tf 72 ${740 - i * 18} Td (${escape(l)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** A proof file as an upload leaves it: sniffed by content (the same check the form's upload gets). */
async function proofFile(fileName: string, bytes: Uint8Array): Promise<AcceptedEvidence> {
  const sniffed = await sniffEvidence(bytes);
  if (!sniffed.ok) throw new Error(`seed: the demo proof ${fileName} was refused (${sniffed.reason})`);
  return {
    fieldName: "proof",
    fileName,
    mediaType: sniffed.mediaType,
    sha256: sniffed.sha256,
    size: sniffed.size,
    bytes,
  };
}

export async function seedDemoPayments(db: Db, options: { anchor: Date; log?: (msg: string) => void }) {
  const rng = createRng(SEED);
  const at = (before: number) => new Date(options.anchor.getTime() - before);
  const sellerRows = await db.select({ id: sellers.id, country: sellers.country }).from(sellers);
  for (const s of sellerRows) {
    const fees = RETURNED_CHEQUE_FEE[s.country];
    await db
      .insert(returnedChequeFees)
      .values(
        Object.entries(fees).map(([currency, amount]) => ({ sellerId: s.id, currency: currency as Currency, amount })),
      )
      .onConflictDoNothing();
  }
  const accounts = await db
    .select({
      id: customerAccounts.id,
      number: customerAccounts.number,
      currency: customerAccounts.currency,
      collectorId: customerAccounts.collectorId,
      country: sellers.country,
      timeZone: sellers.timeZone,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(inArray(customerAccounts.number, [...PAYMENT_DEMO_ACCOUNTS]))
    .orderBy(asc(customerAccounts.number));
  const counts = { registrations: 0, promises: 0, cheques: 0 };
  for (const account of accounts) {
    const [payer] = await db
      .select({ id: users.id, email: users.email })
      .from(accountGrants)
      .innerJoin(users, eq(users.id, accountGrants.userId))
      .where(and(eq(accountGrants.accountId, account.id), inArray(accountGrants.role, ["payer", "account_admin"])))
      .orderBy(asc(users.email))
      .limit(1);
    const [collector] = account.collectorId
      ? await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, account.collectorId))
      : [];
    if (!payer || !collector) continue;
    const customer = { userId: payer.id, label: payer.email };
    const staff = { userId: collector.id, label: collector.email };
    const mexican = account.country === "MX";
    const today = todayIn(account.timeZone, options.anchor);
    const dayOf = (instant: Date) => todayIn(account.timeZone, instant);

    // The stories' own invoices (recent sales, PPD in Mexico), in the order the stories take them.
    const issueDates = [40, 35, 30, 28, 45, 44, 42, 25, 22, ...(account.number === "MX-0001" ? [50] : [])];
    const pool = await issueDemoInvoices(db, SEED_ACTOR, rng, {
      accountId: account.id,
      issueDates: issueDates.map((d) => addDays(today, -d)),
    });
    const take = () => pool.shift()!;
    const bank = () => rng.pick(BANKS[account.country]);
    const reference = (method: ManualPaymentMethod) =>
      method === "spei"
        ? `${rng.pick(["MBAN", "BNET", "SANT"])}0100${digits(rng, 16)}`
        : method === "pse_ach"
          ? `PSE${digits(rng, 10)}`
          : method === "deposit"
            ? `DEP${digits(rng, 8)}`
            : digits(rng, 7);
    const transfer: ManualPaymentMethod = mexican ? "spei" : "pse_ach";
    const register = async (
      when: Date,
      input: Pick<RegisterPaymentInput, "method" | "amount" | "allocations"> &
        Partial<Pick<RegisterPaymentInput, "proof" | "depositDate" | "notes">>,
    ) => {
      counts.registrations += 1;
      return registerPayment(
        db,
        customer,
        {
          accountId: account.id,
          paidOn: dayOf(when),
          currency: account.currency,
          bank: bank(),
          reference: reference(input.method),
          proof: null,
          staffEntered: false,
          ...input,
        },
        { now: when },
      );
    };
    const confirm = (registrationId: string, when: Date) =>
      confirmPayment(db, staff, { registrationId, version: 1, now: when });

    // 1. Confirmed and applied: part of a (PPD) invoice, so the REP shows the balance left.
    const paidInvoice = take();
    const paid = await register(at(6 * DAY), {
      method: transfer,
      amount: share(paidInvoice.amount, 0.6),
      allocations: [{ documentId: paidInvoice.id, amount: share(paidInvoice.amount, 0.6) }],
    });
    await confirm(paid.id, at(5 * DAY + 3 * HOUR));

    // 2. Rejected with its reason (nothing reaches the ledger).
    const refused = take();
    const rejected = await register(at(4 * DAY), {
      method: mexican ? "deposit" : transfer,
      amount: toMoney(refused.amount),
      allocations: [{ documentId: refused.id, amount: toMoney(refused.amount) }],
    });
    await rejectPayment(db, staff, {
      registrationId: rejected.id,
      version: 1,
      reason: REJECTION_REASON,
      now: at(3 * DAY),
    });

    // 3. In review, with its proof file (a CEP in Mexico, the bank's slip in Colombia) and a part on account.
    const reviewed = [take(), take()];
    const allocated = reviewed.map((d) => toMoney(d.amount));
    const onAccount = mexican ? "500.00" : "150000.00";
    const amount = toMoney(Decimal.sum(...allocated, onAccount));
    const paidOn = dayOf(at(20 * HOUR));
    const proof = mexican
      ? await proofFile(
          `CEP-${paidOn}.xml`,
          new TextEncoder().encode(
            cepXml({ trackingKey: `MBAN0100${digits(rng, 16)}`, paidOn, amount, bank: bank(), payee: "Cartera demo" }),
          ),
        )
      : await proofFile(
          `comprobante-pse-${paidOn}.pdf`,
          slipPdf([
            "Comprobante de pago PSE",
            `Fecha: ${paidOn}`,
            `Valor: $ ${amount} COP`,
            `Cuenta ${account.number}`,
          ]),
        );
    await register(at(20 * HOUR), {
      method: transfer,
      amount,
      proof,
      allocations: reviewed.map((d, i) => ({ documentId: d.id, amount: allocated[i] })),
    });

    // 4. Promises: kept, partly kept (what was paid by the date), broken; and one due this week.
    const promise = async (made: Date, promisedDate: string, invoice: DemoInvoice) => {
      counts.promises += 1;
      return recordPromise(db, customer, {
        accountId: account.id,
        userId: payer.id,
        promisedDate,
        items: [{ documentId: invoice.id, amount: toMoney(invoice.amount) }],
        note: "Pago programado con tesorería",
        now: made,
      });
    };
    const settle = async (promiseId: string, when: Date) => {
      await db.transaction(async (tx) => {
        await settlePromise(tx, promiseId, when);
        // What the settling task would have done itself: it is done.
        await cancelPendingTasks(tx, { kind: PROMISE_DUE_TASK, subjectId: promiseId });
      });
    };
    const stories = [
      { made: 20 * DAY, due: 10 * DAY, pays: 1 },
      { made: 18 * DAY, due: 8 * DAY, pays: 0.5 },
      { made: 15 * DAY, due: 5 * DAY, pays: 0 },
    ];
    for (const story of stories) {
      const invoice = take();
      const recorded = await promise(at(story.made), dayOf(at(story.due)), invoice);
      if (story.pays > 0) {
        const part = story.pays === 1 ? toMoney(invoice.amount) : share(invoice.amount, story.pays);
        const reg = await register(at(story.due + 2 * DAY), {
          method: transfer,
          amount: part,
          allocations: [{ documentId: invoice.id, amount: part }],
        });
        await confirm(reg.id, at(story.due + DAY));
      }
      await settle(recorded.id, at(story.due - DAY));
    }
    await promise(at(2 * DAY), addDays(today, 3), take());

    // 5. A post-dated cheque in custody until its deposit date (held against the credit line).
    const held = take();
    const heldCheque = await register(at(2 * DAY), {
      method: "postdated_cheque",
      amount: toMoney(held.amount),
      depositDate: addDays(today, 12),
      allocations: [{ documentId: held.id, amount: toMoney(held.amount) }],
    });
    await confirm(heldCheque.id, at(DAY + 2 * HOUR));
    counts.cheques += 1;

    // 6. On the first Mexican account, a cheque deposited and returned: payment reversed, fee charged.
    if (account.number === "MX-0001") {
      const bounced = take();
      const reg = await register(at(10 * DAY), {
        method: "cheque",
        amount: toMoney(bounced.amount),
        allocations: [{ documentId: bounced.id, amount: toMoney(bounced.amount) }],
      });
      await confirm(reg.id, at(9 * DAY));
      const [cheque] = await db
        .select({ id: cheques.id, version: cheques.version })
        .from(cheques)
        .where(eq(cheques.registrationId, reg.id));
      await depositCheque(db, staff, { chequeId: cheque.id, version: cheque.version, now: at(8 * DAY) });
      await returnCheque(db, staff, {
        chequeId: cheque.id,
        version: cheque.version + 1,
        reason: "insufficient_funds",
        now: at(6 * DAY),
      });
      counts.cheques += 1;
    }
  }
  // The stories' emails (receipts, confirmations, rejections, promises not kept) are history, not news.
  await db
    .update(scheduledTasks)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(
      and(
        inArray(scheduledTasks.kind, [PAYMENT_EMAIL_TASK, PROMISE_BROKEN_EMAIL_TASK]),
        eq(scheduledTasks.status, "pending"),
      ),
    );
  options.log?.(
    `seed: ${counts.registrations} demo payment registrations, ${counts.promises} promises, ${counts.cheques} cheques`,
  );
  return counts;
}
