// Issues the REP of a confirmed Mexican payment: one CFDI type P naming every PPD invoice the payment
// paid, each as its next instalment (NumParcialidad = 1 + the instalments it already has), with the
// balance before and after taken from the ledger under the locks of the application just made.
// Call it inside the confirming transaction, after applying. Stamped with the seed's demo stamp. A payment
// in dollars carries the exchange rate the collector confirmed (TipoCambioP); its invoices are in its own
// currency (a registration's allocation never mixes currencies), so each EquivalenciaDR is 1.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  customerAccounts,
  documents,
  invoiceLines,
  paymentReceiptInvoices,
  paymentReceipts,
  sellers,
} from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { SAT_PAYMENT_FORM_OF_METHOD } from "~/domain/vocabulary";
import { wallTimeIn } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { addMoney, subtractMoney } from "~/utils/money";
import { type RepInvoiceInput, buildRepXml } from "./build-rep-xml";
import { PaymentRegistrationError } from "./registration-errors";
import type { PaymentRegistration } from "./registration-transition.server";

export const REP_SERIES = "REP";

export async function issuePaymentReceipt(
  tx: DbOrTx,
  actor: Actor,
  input: {
    registration: PaymentRegistration;
    paymentDocumentId: string;
    applied: { documentId: string; amount: string }[];
    now: Date;
    /** Pesos per dollar, for a payment in dollars (TipoCambioP). */
    exchangeRate?: string | null;
  },
): Promise<{ id: string; uuid: string } | null> {
  const reg = input.registration;
  if ((reg.currency !== "MXN" && reg.currency !== "USD") || input.applied.length === 0) return null;
  const [party] = await tx
    .select({
      country: sellers.country,
      timeZone: sellers.timeZone,
      issuer: {
        taxId: sellers.taxId,
        legalName: sellers.legalName,
        taxRegime: sellers.taxRegime,
        postalCode: sellers.postalCode,
      },
      receiver: {
        taxId: customerAccounts.taxId,
        legalName: customerAccounts.legalName,
        taxRegime: customerAccounts.taxRegime,
        postalCode: customerAccounts.postalCode,
      },
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(eq(customerAccounts.id, reg.accountId));
  if (!party || party.country !== "MX") return null;
  const ids = input.applied.map((a) => a.documentId);
  const invoices = await tx
    .select({
      id: documents.id,
      series: documents.series,
      folio: documents.folio,
      fiscalId: documents.fiscalId,
      amount: documents.amount,
      openAmount: documents.openAmount,
      currency: documents.currency,
      // Qualified by hand: a one-table select writes bare column names, which the subquery would read as its own.
      nextInstalment: sql<number>`(select coalesce(max(pri.instalment), 0) + 1 from payment_receipt_invoices pri where pri.invoice_id = "documents"."id")::int`,
    })
    .from(documents)
    .where(
      and(
        inArray(documents.id, ids),
        eq(documents.kind, "invoice"),
        eq(documents.paymentMethod, "PPD"),
        sql`${documents.fiscalId} is not null`,
      ),
    );
  if (invoices.length === 0) return null;
  if (reg.currency === "USD" && !input.exchangeRate)
    throw new PaymentRegistrationError("registration.exchange_rate_required");
  const lines = await tx
    .select({
      documentId: invoiceLines.documentId,
      rate: sql<string>`${invoiceLines.taxRate}::text`,
      base: sql<string>`sum(${invoiceLines.subtotal})::text`,
    })
    .from(invoiceLines)
    .where(
      inArray(
        invoiceLines.documentId,
        invoices.map((i) => i.id),
      ),
    )
    .groupBy(invoiceLines.documentId, invoiceLines.taxRate);
  const paidOf = new Map(input.applied.map((a) => [a.documentId, a.amount]));
  const related: (RepInvoiceInput & { id: string })[] = invoices.map((i) => {
    const paid = paidOf.get(i.id)!;
    const bases = lines.filter((l) => l.documentId === i.id).map((l) => ({ rate: l.rate, base: l.base }));
    return {
      id: i.id,
      uuid: i.fiscalId!,
      series: i.series,
      folio: i.folio,
      currency: i.currency === "USD" ? "USD" : "MXN",
      equivalence: i.currency === reg.currency ? "1" : undefined,
      instalment: i.nextInstalment,
      // The stored open amount is already after this payment's application.
      balanceBefore: addMoney(i.openAmount, paid),
      paid,
      invoiceTotal: i.amount,
      // An invoice without lines: its whole amount at 16 % VAT is not assumed; it is object of tax 01.
      taxBases: bases,
    };
  });
  const uuid = randomUUID();
  const issuedAt = wallTimeIn(input.now, party.timeZone).replace(" ", "T");
  const xml = buildRepXml({
    series: REP_SERIES,
    folio: String(reg.number),
    issuedAt,
    issuer: party.issuer,
    receiver: party.receiver,
    paidOn: reg.paidOn,
    paymentForm: SAT_PAYMENT_FORM_OF_METHOD[reg.method],
    currency: reg.currency,
    exchangeRate: reg.currency === "USD" ? (input.exchangeRate ?? undefined) : undefined,
    operationNumber: reg.reference,
    invoices: related,
    stamp: { uuid, stampedAt: issuedAt },
  });
  const [receipt] = await tx
    .insert(paymentReceipts)
    .values({
      registrationId: reg.id,
      accountId: reg.accountId,
      paymentDocumentId: input.paymentDocumentId,
      series: REP_SERIES,
      folio: String(reg.number),
      uuid: uuid.toUpperCase(),
      xml,
      createdAt: input.now,
    })
    .returning({ id: paymentReceipts.id });
  await tx.insert(paymentReceiptInvoices).values(
    related.map((r) => ({
      receiptId: receipt.id,
      invoiceId: r.id,
      instalment: r.instalment,
      balanceBefore: r.balanceBefore,
      paid: r.paid,
      balanceAfter: subtractMoney(r.balanceBefore, r.paid),
    })),
  );
  await recordAuditEvents(tx, actor, [
    {
      action: "payment.rep_issued",
      entityType: "payment_registration",
      entityId: reg.id,
      accountId: reg.accountId,
      after: {
        receiptId: receipt.id,
        uuid: uuid.toUpperCase(),
        series: REP_SERIES,
        folio: String(reg.number),
        invoices: related.length,
      },
    },
  ]);
  return { id: receipt.id, uuid };
}
