// Payments in dollars to a Mexican seller: confirming takes the exchange rate (the collector's, stored
// with the registration and audited), refused without it; the REP of the dollar PPD invoices carries
// MonedaP USD, TipoCambioP and EquivalenciaDR, its instalments chained, and is valid against the schemas.
// A payment in pesos ignores a rate. The confirmation form takes only a positive rate of at most 6 places.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, paymentReceipts, paymentRegistrations } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { confirmPayment, normalizeExchangeRate } from "~/domain/payments/confirm-payment.server";
import { ConfirmFormSchema } from "~/domain/payments/payment-forms";
import { registerPayment } from "~/domain/payments/register-payment.server";
import type { Db } from "~/utils/db.server";
import { createPaymentsSetting, issuePpdInvoice } from "../fixtures/payment-registrations";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let s: Awaited<ReturnType<typeof createPaymentsSetting>>;
const now = new Date("2026-11-20T17:00:00Z");
const collector = () => ({ userId: s.collector.id, label: s.collector.email });

async function usdInvoice() {
  const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
    {
      accountId: s.account.id,
      kind: "invoice",
      series: "FU",
      folio: String(Math.floor(Math.random() * 1e9)),
      fiscalId: randomUUID(),
      issueDate: "2026-10-01",
      dueDate: "2026-10-31",
      currency: "USD",
      paymentMethod: "PPD",
      paymentForm: "99",
      lines: [
        {
          sku: "SKU-U",
          description: "Motor",
          unit: "Pieza",
          productCode: "26101100",
          unitCode: "H87",
          quantity: "10",
          unitPrice: "100.00",
          taxRate: "0.16",
        },
      ],
    },
  ]);
  return doc;
}

let ref = 0;
function register(currency: "USD" | "MXN", allocations: { documentId: string; amount: string }[], amount: string) {
  ref += 1;
  return registerPayment(
    db,
    { userId: s.customer.id, label: s.customer.email },
    {
      accountId: s.account.id,
      method: "spei",
      paidOn: "2026-11-19",
      currency,
      amount,
      bank: "BBVA",
      reference: `USD${ref}TRACK${ref * 7907}`,
      allocations,
      proof: null,
      staffEntered: false,
    },
    { now },
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  s = await createPaymentsSetting(db);
});
afterAll(() => database.close());

describe("payments in dollars", () => {
  it("the form and the domain take a positive rate of at most 6 places", () => {
    for (const bad of ["0", "0.000000", "-1", "17.1234567", "abc", "1e3", "17.2.3"])
      expect(ConfirmFormSchema.safeParse({ intent: "confirm", version: "1", exchangeRate: bad }).success).toBe(false);
    expect(ConfirmFormSchema.safeParse({ intent: "confirm", version: "1", exchangeRate: "17,2345" }).success).toBe(
      true,
    );
    expect(normalizeExchangeRate("17,2345")).toBe("17.234500");
    expect(normalizeExchangeRate("0")).toBeNull();
  });

  it("confirming without the rate is refused and changes nothing; with it, the REP carries it", async () => {
    const invoice = await usdInvoice(); // 1,160.00 USD
    const first = await register("USD", [{ documentId: invoice.id, amount: "400.00" }], "400.00");
    await expect(confirmPayment(db, collector(), { registrationId: first.id, version: 1, now })).rejects.toMatchObject({
      code: "registration.exchange_rate_required",
    });
    await confirmPayment(db, collector(), { registrationId: first.id, version: 1, now, exchangeRate: "17.2345" });
    const [row] = await db.select().from(paymentRegistrations).where(eq(paymentRegistrations.id, first.id));
    expect(row.status).toBe("confirmed");
    expect(row.exchangeRate).toBe("17.234500");
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "payment.confirmed"));
    expect((audit.after as { exchangeRate?: string }).exchangeRate).toBe("17.234500");

    const second = await register("USD", [{ documentId: invoice.id, amount: "760.00" }], "800.00");
    await confirmPayment(db, collector(), { registrationId: second.id, version: 1, now, exchangeRate: "17.5" });
    const reps = await db.select().from(paymentReceipts).where(eq(paymentReceipts.accountId, s.account.id));
    const xmls = [first.id, second.id].map((id) => reps.find((r) => r.registrationId === id)!.xml);
    expect(xmls[0]).toMatch(/MonedaP="USD" TipoCambioP="17.2345" Monto="400.00"/);
    expect(xmls[0]).toMatch(
      /MonedaDR="USD" EquivalenciaDR="1" NumParcialidad="1" ImpSaldoAnt="1160.00" ImpPagado="400.00" ImpSaldoInsoluto="760.00"/,
    );
    expect(xmls[0]).toContain('MontoTotalPagos="6893.80"');
    expect(xmls[1]).toMatch(/MonedaP="USD" TipoCambioP="17.5" Monto="760.00"/);
    expect(xmls[1]).toMatch(/NumParcialidad="2" ImpSaldoAnt="760.00" ImpPagado="760.00" ImpSaldoInsoluto="0.00"/);
    expect(xmls[1]).toContain('MontoTotalPagos="13300.00"');
    const validation = await validateCfdiXml(xmls.map((xml, i) => ({ fileName: `usd-${i}.xml`, xml })));
    expect(validation.errors).toEqual([]);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  it("a payment in pesos stores no rate, whatever is sent", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 1, "2026-10-01", "2026-10-31");
    const reg = await register("MXN", [{ documentId: invoice.id, amount: "116.00" }], "116.00");
    await confirmPayment(db, collector(), { registrationId: reg.id, version: 1, now, exchangeRate: "18" });
    const [row] = await db.select().from(paymentRegistrations).where(eq(paymentRegistrations.id, reg.id));
    expect(row.exchangeRate).toBeNull();
    const [rep] = await db.select().from(paymentReceipts).where(eq(paymentReceipts.registrationId, reg.id));
    expect(rep.xml).toMatch(/MonedaP="MXN" TipoCambioP="1"/);
  });
});
