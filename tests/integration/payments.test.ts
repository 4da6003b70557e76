// Registered payments and cash application (app/domain/payments): registering checks the allocation
// (never above an open amount less what is disputed, never above the payment, one currency);
// confirming issues the ledger payment and applies it in one transaction, with the REP of the PPD
// invoices (instalments in sequence, balances chained, valid XML); duplicates are found and must be
// decided; unapplying is a reversal; ledger:verify holds throughout. On PostgreSQL, two confirmations
// of one registration race and exactly one applies.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, documents, paymentReceiptInvoices, paymentReceipts, paymentRegistrations } from "#db/schema";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { confirmPayment } from "~/domain/payments/confirm-payment.server";
import { decideDuplicate } from "~/domain/payments/decide-duplicate.server";
import { findPaymentDuplicates, similarReference } from "~/domain/payments/find-payment-duplicates.server";
import { listAllocatableInvoices } from "~/domain/payments/list-allocatable-invoices.server";
import { getRegistrationRow } from "~/domain/payments/read-payment-registrations.server";
import { type RegisterPaymentInput, registerPayment } from "~/domain/payments/register-payment.server";
import { PaymentRegistrationError } from "~/domain/payments/registration-errors";
import { rejectPayment } from "~/domain/payments/reject-payment.server";
import { unapplyPayment } from "~/domain/payments/unapply-payment.server";
import { type Database, type Db, openDatabase } from "~/utils/db.server";
import { createPaymentsSetting, issuePpdInvoice } from "../fixtures/payment-registrations";
import { databaseTest } from "../setup/route-test";
import { onPostgres, type TestDatabase } from "../setup/test-database";

let db: Db;
let database: TestDatabase;
let s: Awaited<ReturnType<typeof createPaymentsSetting>>;
const now = new Date("2026-11-20T17:00:00Z");
let refCounter = 0;

databaseTest.beforeAll(async ({ database: fileDatabase }) => {
  database = fileDatabase;
  db = fileDatabase.db;
  s = await createPaymentsSetting(db);
});

const customerActor = () => ({ userId: s.customer.id, label: s.customer.email });
const collectorActor = () => ({ userId: s.collector.id, label: s.collector.email });

function register(input: Partial<RegisterPaymentInput> & { amount: string }, accountId = s.account.id) {
  refCounter += 1;
  return registerPayment(
    db,
    customerActor(),
    {
      accountId,
      method: "spei",
      paidOn: "2026-11-19",
      currency: "MXN",
      bank: "BBVA",
      reference: `SPEI${String(refCounter).padStart(6, "0")}XYZ${refCounter * 7919}`,
      allocations: [],
      proof: null,
      staffEntered: false,
      ...input,
    },
    { now },
  );
}

const version = async (id: string) => (await getRegistrationRow(db, id))!.version;
const open = async (id: string) =>
  (await db.select({ open: documents.openAmount }).from(documents).where(eq(documents.id, id)))[0].open;

describe("registering", () => {
  it("refuses an allocation above an open amount, above the payment, to another account's invoice or disputed amounts", async () => {
    const refusals: Partial<RegisterPaymentInput>[] = [
      { allocations: [{ documentId: s.oldest.id, amount: "1160.01" }] },
      { allocations: [{ documentId: s.foreign.id, amount: "10.00" }] },
    ];
    for (const r of refusals)
      await expect(register({ amount: "5000.00", ...r })).rejects.toMatchObject({ code: "allocation.invalid" });
    await expect(
      register({
        amount: "100.00",
        allocations: [
          { documentId: s.oldest.id, amount: "60.00" },
          { documentId: s.newer.id, amount: "60.00" },
        ],
      }),
    ).rejects.toMatchObject({ code: "allocation.invalid" });
    // A claim disputing 100.00 of an invoice leaves only the rest payable.
    const invoice = await issuePpdInvoice(db, s.account.id, 1, "2026-09-01", "2026-09-30");
    await raiseClaim(
      db,
      customerActor(),
      {
        accountId: s.account.id,
        type: "price_difference",
        origin: "invoice",
        description: "Precio",
        documents: [{ documentId: invoice.id, amount: "100.00" }],
      },
      { now },
    );
    const [listed] = await listAllocatableInvoices(db, s.account.id, { documentIds: [invoice.id] });
    expect(listed.disputedAmount).toBe("100.00");
    await expect(
      register({ amount: "50.00", allocations: [{ documentId: invoice.id, amount: "16.01" }] }),
    ).rejects.toMatchObject({ code: "allocation.invalid" });
    const ok = await register({ amount: "16.00", allocations: [{ documentId: invoice.id, amount: "16.00" }] });
    await rejectPayment(db, collectorActor(), { registrationId: ok.id, version: 1, reason: "Prueba", now });
  });
});

describe("confirming", () => {
  it("three partial payments of one PPD invoice: applied, REP instalments 1-2-3 with chained balances, valid XML", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 10, "2026-08-01", "2026-08-31"); // 1,160.00
    const xmls: { fileName: string; xml: string }[] = [];
    let balance = "1160.00";
    for (const [i, paid] of ["400.00", "500.00", "260.00"].entries()) {
      const reg = await register({ amount: paid, allocations: [{ documentId: invoice.id, amount: paid }] });
      const result = await confirmPayment(db, collectorActor(), { registrationId: reg.id, version: 1, now });
      expect(result.receiptId).not.toBeNull();
      const [rep] = await db.select().from(paymentReceipts).where(eq(paymentReceipts.id, result.receiptId!));
      const [line] = await db
        .select()
        .from(paymentReceiptInvoices)
        .where(and(eq(paymentReceiptInvoices.receiptId, rep.id), eq(paymentReceiptInvoices.invoiceId, invoice.id)));
      expect(line.instalment).toBe(i + 1);
      expect(line.balanceBefore).toBe(balance);
      expect(line.paid).toBe(paid);
      balance = line.balanceAfter;
      expect(await open(invoice.id)).toBe(balance);
      expect(rep.xml).toContain(`NumParcialidad="${i + 1}"`);
      expect(rep.xml).toContain(`ImpSaldoInsoluto="${balance}"`);
      xmls.push({ fileName: `rep-${i + 1}.xml`, xml: rep.xml });
    }
    expect(balance).toBe("0.00");
    const validation = await validateCfdiXml(xmls);
    expect(validation.errors).toEqual([]);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  it("the rest stays on account; never applied beyond the payment; a second confirmation is refused", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 2, "2026-08-01", "2026-08-31"); // 232.00
    const reg = await register({ amount: "300.00", allocations: [{ documentId: invoice.id, amount: "232.00" }] });
    const { paymentDocumentId } = await confirmPayment(db, collectorActor(), {
      registrationId: reg.id,
      version: 1,
      now,
    });
    const [payment] = await db.select().from(documents).where(eq(documents.id, paymentDocumentId));
    expect(payment.amount).toBe("300.00");
    expect(payment.openAmount).toBe("68.00");
    expect(await open(invoice.id)).toBe("0.00");
    await expect(
      confirmPayment(db, collectorActor(), { registrationId: reg.id, version: 2, now }),
    ).rejects.toMatchObject({
      code: "registration.wrong_status",
    });
  });

  it("an allocation that no longer fits (the invoice was paid meanwhile) rolls everything back", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 1, "2026-08-01", "2026-08-31"); // 116.00
    const first = await register({ amount: "116.00", allocations: [{ documentId: invoice.id, amount: "116.00" }] });
    const second = await register({
      amount: "116.00",
      reference: "OTRA-REF-999",
      allocations: [{ documentId: invoice.id, amount: "116.00" }],
    });
    await confirmPayment(db, collectorActor(), { registrationId: first.id, version: 1, now });
    await decideDuplicate(db, collectorActor(), {
      registrationId: second.id,
      version: 1,
      decision: "genuine",
      duplicateOfId: null,
      reason: "",
      now,
    }).catch(() => undefined);
    const v = await version(second.id);
    await expect(
      confirmPayment(db, collectorActor(), { registrationId: second.id, version: v, now }),
    ).rejects.toMatchObject({
      code: "allocation.exceeds_open",
    });
    const row = await getRegistrationRow(db, second.id);
    expect(row!.status).toBe("in_review");
    expect(row!.paymentDocumentId).toBeNull();
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  it("unapply writes a reversal: the invoice reopens, the money goes back on account", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 3, "2026-08-01", "2026-08-31"); // 348.00
    const reg = await register({ amount: "348.00", allocations: [{ documentId: invoice.id, amount: "348.00" }] });
    const { paymentDocumentId } = await confirmPayment(db, collectorActor(), {
      registrationId: reg.id,
      version: 1,
      now,
    });
    const [application] = await db.select().from(applications).where(eq(applications.sourceId, paymentDocumentId));
    await unapplyPayment(db, collectorActor(), {
      registrationId: reg.id,
      applicationId: application.id,
      reason: "Aplicado a la factura equivocada",
      timeZone: "America/Mexico_City",
      now,
    });
    expect(await open(invoice.id)).toBe("348.00");
    expect(await open(paymentDocumentId)).toBe("348.00");
    const rows = await db.select().from(applications).where(eq(applications.sourceId, paymentDocumentId));
    expect(rows.map((r) => r.amount).sort()).toEqual(["-348.00", "348.00"]);
    // Only this registration's applications are reachable through it.
    await expect(
      unapplyPayment(db, collectorActor(), {
        registrationId: reg.id,
        applicationId: application.id,
        reason: "otra vez",
        timeZone: "America/Mexico_City",
        now,
      }),
    ).rejects.toBeInstanceOf(PaymentRegistrationError);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });
});

describe("duplicates", () => {
  it("finds the same reference, a similar one within days, and the same proof; confirming waits for a decision", async () => {
    const proof = {
      fieldName: "proof",
      fileName: "cep.xml",
      mediaType: "application/xml",
      sha256: "a".repeat(64),
      size: 10,
      bytes: new TextEncoder().encode("<CEP/>"),
    };
    const a = await register({ amount: "777.00", reference: "MBAN01002611190001", proof });
    const same = await register({ amount: "777.00", reference: "MBAN0100-2611190001" });
    const similar = await register({ amount: "777.00", reference: "MBAN01002611190007", paidOn: "2026-11-21" });
    const sameProof = await register({ amount: "12.00", reference: "OTRA", proof });
    const unrelated = await register({ amount: "777.00", reference: "ZZZ999", paidOn: "2026-10-01" });
    const reasons = async (id: string) =>
      (await findPaymentDuplicates(db, (await getRegistrationRow(db, id))!))
        .filter((d) => d.id === a.id)
        .flatMap((d) => d.reasons);
    expect(await reasons(same.id)).toEqual(["same_reference"]);
    expect(await reasons(similar.id)).toEqual(["similar_reference"]);
    expect(await reasons(sameProof.id)).toEqual(["same_proof"]);
    expect(await reasons(unrelated.id)).toEqual([]);
    expect(similarReference("abc", "abd")).toBe(false);

    await expect(
      confirmPayment(db, collectorActor(), { registrationId: same.id, version: 1, now }),
    ).rejects.toMatchObject({
      code: "registration.duplicate_undecided",
    });
    // Marked duplicate and refused: the customer sees why; kept on account: confirmed, nothing applied.
    await decideDuplicate(db, collectorActor(), {
      registrationId: same.id,
      version: 1,
      decision: "reject",
      duplicateOfId: a.id,
      reason: "Pago duplicado de RP-1",
      now,
    });
    const refused = await getRegistrationRow(db, same.id);
    expect(refused).toMatchObject({ status: "rejected", duplicateDecision: "duplicate", duplicateOfId: a.id });
    await decideDuplicate(db, collectorActor(), {
      registrationId: similar.id,
      version: 1,
      decision: "keep_on_account",
      duplicateOfId: a.id,
      reason: "",
      now,
    });
    const kept = await getRegistrationRow(db, similar.id);
    expect(kept!.status).toBe("confirmed");
    expect(await open(kept!.paymentDocumentId!)).toBe("777.00");
    // Genuine: then it confirms.
    await decideDuplicate(db, collectorActor(), {
      registrationId: sameProof.id,
      version: 1,
      decision: "genuine",
      duplicateOfId: null,
      reason: "",
      now,
    });
    await confirmPayment(db, collectorActor(), { registrationId: sameProof.id, version: 2, now });
    expect((await getRegistrationRow(db, sameProof.id))!.status).toBe("confirmed");
  });
});

describe.runIf(onPostgres)("two confirmations on PostgreSQL", () => {
  let second: Database;
  beforeAll(async () => {
    second = await openDatabase({ url: database.url!, poolSize: 3 });
  });
  afterAll(async () => second?.close());

  it("race: of two collectors confirming one registration at once, exactly one applies", async () => {
    for (let round = 0; round < 5; round += 1) {
      const invoice = await issuePpdInvoice(db, s.account.id, 4, "2026-08-01", "2026-08-31"); // 464.00
      const reg = await register({ amount: "464.00", allocations: [{ documentId: invoice.id, amount: "464.00" }] });
      const results = await Promise.allSettled([
        confirmPayment(db, collectorActor(), { registrationId: reg.id, version: 1, now }),
        confirmPayment(second.db, collectorActor(), { registrationId: reg.id, version: 1, now }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(PaymentRegistrationError);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(applications)
        .where(eq(applications.targetId, invoice.id));
      expect(n).toBe(1);
      expect(await open(invoice.id)).toBe("0.00");
      const [{ receipts }] = await db
        .select({ receipts: sql<number>`count(*)::int` })
        .from(paymentReceipts)
        .where(eq(paymentReceipts.registrationId, reg.id));
      expect(receipts).toBe(1);
    }
    expect((await verifyOpenItems(db)).differences).toEqual([]);
    expect(
      (await db.select().from(paymentRegistrations).where(eq(paymentRegistrations.status, "confirmed"))).length,
    ).toBeGreaterThan(0);
  });
});
