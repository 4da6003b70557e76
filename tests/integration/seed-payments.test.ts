// The demo payments and plans: on a seeded database (ledger, demo users, claims), each demo customer
// has a payment in review with its proof and provisional receipt, one confirmed and applied, one
// rejected with its reason; promises kept, partly kept, broken and due; a post-dated cheque in custody;
// on MX-0001 a returned cheque that reopened its invoice and charged the seller's fee; each Mexican
// demo customer a REP of an applied payment to a PPD invoice, valid against SAT's schemas; the plans
// of MX-0003 in each state and each seller's approval policy. Written through the domains: the stored
// open items still equal their derivation (ledger:verify), and the same seed gives the same stories.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountGrants,
  cheques,
  customerAccounts,
  documents,
  paymentPlans,
  paymentPromises,
  paymentReceiptInvoices,
  paymentReceipts,
  paymentRegistrations,
  planApprovalPolicies,
  scheduledTasks,
  sellers,
  users,
} from "#db/schema";
import { seedDemoClaims } from "#db/seed/claims";
import { seedDemoData } from "#db/seed/index";
import { REJECTION_REASON, RETURNED_CHEQUE_FEE, seedDemoPayments } from "#db/seed/payments";
import { PLAN_APPROVAL_POLICIES, seedDemoPlans } from "#db/seed/plans";
import { seedDemoUsers } from "#db/seed/users";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { provisionalReceiptData } from "~/domain/payments/payment-pdf-data.server";
import {
  getCustomerRegistration,
  getPaymentReceipt,
  getRegistrationProof,
  listInvoiceReceipts,
} from "~/domain/payments/read-payment-registrations.server";
import { listPendingPromises } from "~/domain/payments/read-promises.server";
import { queryRows, type Db } from "~/utils/db.server";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const TODAY = "2026-11-20";
const ANCHOR = new Date("2026-11-20T15:00:00Z");
const INVOICES = 800;
const CUSTOMERS = ["compras@ferreteria-lopez.mx", "tesoreria@grupo-constructor.mx", "pagos@distribuidora-andina.co"];
const MEXICAN = CUSTOMERS.slice(0, 2);

let first: TestDatabase;
let second: TestDatabase;
let db: Db;

async function seedAll(database: TestDatabase) {
  await seedDemoData(database.db, { invoices: INVOICES, today: TODAY, afterAccounts: seedDemoUsers });
  await seedDemoClaims(database.db, { anchor: ANCHOR });
  await seedDemoPayments(database.db, { anchor: ANCHOR });
  await seedDemoPlans(database.db, { anchor: ANCHOR });
}

beforeAll(async () => {
  first = await createTestDatabase();
  second = await createTestDatabase();
  db = first.db;
  await seedAll(first);
  await seedAll(second);
}, 600_000);
afterAll(async () => {
  await first?.close();
  await second?.close();
});

async function accountIdsOf(email: string) {
  const rows = await db
    .select({ accountId: accountGrants.accountId })
    .from(accountGrants)
    .innerJoin(users, eq(users.id, accountGrants.userId))
    .where(eq(users.email, email));
  return rows.map((r) => r.accountId);
}

/** What the stories are, by account number, independent of the generated ids. */
async function storyFingerprint(database: TestDatabase) {
  const registrations = await queryRows(
    database.db,
    sql`select a.number, r.method::text, r.status::text, r.amount::text, r.reference, r.paid_on::text as paid_on,
               r.proof_sha256, (select string_agg(pa.amount::text, ',' order by pa.amount) from payment_allocations pa
                 where pa.registration_id = r.id) as allocations
        from payment_registrations r join customer_accounts a on a.id = r.account_id
        order by a.number, r.number`,
  );
  const promises = await queryRows(
    database.db,
    sql`select a.number, p.status::text, p.amount::text, p.promised_date::text as promised_date, p.paid_amount::text as paid
        from payment_promises p join customer_accounts a on a.id = p.account_id
        order by a.number, p.promised_date, p.amount, p.plan_position`,
  );
  const plans = await queryRows(
    database.db,
    sql`select a.number, p.status::text, p.total::text, p.revision from payment_plans p
        join customer_accounts a on a.id = p.account_id order by a.number, p.created_at`,
  );
  return { registrations, promises, plans };
}

describe("demo payments", () => {
  it("each demo customer has a payment in review with its proof and provisional receipt, one applied, one rejected", async () => {
    for (const email of CUSTOMERS) {
      const accountIds = await accountIdsOf(email);
      const rows = await db
        .select()
        .from(paymentRegistrations)
        .where(inArray(paymentRegistrations.accountId, accountIds))
        .orderBy(asc(paymentRegistrations.number));
      const inReview = rows.filter((r) => r.status === "in_review");
      expect(inReview.length, email).toBeGreaterThan(0);
      const withProof = inReview.find((r) => r.proofSha256 !== null)!;
      expect(withProof, email).toBeDefined();
      const proof = await getRegistrationProof(db, { registrationId: withProof.id, accountIds });
      expect(proof?.content?.length, email).toBeGreaterThan(100);
      const detail = await getCustomerRegistration(db, accountIds, withProof.id);
      const receipt = provisionalReceiptData(detail!, "es");
      expect(receipt.folio).toBe(`RP-${withProof.number}`);
      expect(detail!.allocations.length, email).toBe(2);

      const confirmed = rows.filter((r) => r.status === "confirmed");
      expect(confirmed.length, email).toBeGreaterThan(0);
      for (const r of confirmed) {
        const [payment] = await db.select().from(documents).where(eq(documents.id, r.paymentDocumentId!));
        expect(payment.amount, email).toBe(r.amount);
      }
      const rejected = rows.filter((r) => r.status === "rejected");
      expect(
        rejected.map((r) => r.rejectionReason),
        email,
      ).toEqual([REJECTION_REASON]);
    }
  });

  it("each demo customer has promises kept, partly kept, broken and one due this week", async () => {
    for (const email of CUSTOMERS) {
      const accountIds = await accountIdsOf(email);
      const rows = await db
        .select()
        .from(paymentPromises)
        .where(and(inArray(paymentPromises.accountId, accountIds), sql`${paymentPromises.planId} is null`));
      const statuses = rows.map((r) => r.status).sort();
      expect(statuses, email).toEqual(["broken", "kept", "partly_kept", "pending"]);
      const partly = rows.find((r) => r.status === "partly_kept")!;
      expect(Number(partly.paidAmount)).toBeGreaterThan(0);
      expect(Number(partly.paidAmount)).toBeLessThan(Number(partly.amount));
      expect(rows.find((r) => r.status === "kept")!.paidAmount).toBe(rows.find((r) => r.status === "kept")!.amount);
      const pending = rows.find((r) => r.status === "pending")!;
      expect(pending.promisedDate > TODAY && pending.promisedDate <= "2026-11-27").toBe(true);
      // what home lists
      expect(
        (await listPendingPromises(db, accountIds)).some((p) => p.id === pending.id),
        email,
      ).toBe(true);
    }
  });

  it("each Mexican demo customer can download REPs of applied PPD payments, valid against SAT's schemas", async () => {
    const xmls: { fileName: string; xml: string }[] = [];
    for (const email of MEXICAN) {
      const accountIds = await accountIdsOf(email);
      const receipts = await db.select().from(paymentReceipts).where(inArray(paymentReceipts.accountId, accountIds));
      expect(receipts.length, email).toBeGreaterThan(0);
      for (const r of receipts) {
        const downloaded = await getPaymentReceipt(db, accountIds, r.id);
        expect(downloaded?.invoices.length, email).toBeGreaterThan(0);
        for (const line of downloaded!.invoices) {
          const [invoice] = await db.select().from(documents).where(eq(documents.id, line.invoiceId));
          expect(invoice.paymentMethod).toBe("PPD");
          expect((await listInvoiceReceipts(db, accountIds, invoice.id)).map((x) => x.id)).toContain(r.id);
        }
        xmls.push({ fileName: `${r.series}-${r.folio}.xml`, xml: r.xml });
        // and the paid invoices' own CFDI (the demo's recent sales), which the REP relates to
        const files = await queryRows<{ file_name: string; content: Uint8Array }>(
          db,
          sql`select f.file_name, s.content from payment_receipt_invoices pri
              join document_files f on f.document_id = pri.invoice_id and f.role = 'xml'
              join stored_files s on s.id = f.file_id where pri.receipt_id = ${r.id}`,
        );
        for (const f of files) xmls.push({ fileName: f.file_name, xml: new TextDecoder().decode(f.content) });
      }
      // A partial payment: the REP shows the unpaid balance after its instalment.
      const [partial] = await db
        .select({ after: paymentReceiptInvoices.balanceAfter })
        .from(paymentReceiptInvoices)
        .innerJoin(paymentReceipts, eq(paymentReceipts.id, paymentReceiptInvoices.receiptId))
        .where(and(inArray(paymentReceipts.accountId, accountIds), sql`${paymentReceiptInvoices.balanceAfter} > 0`));
      expect(partial, email).toBeDefined();
    }
    const result = await validateCfdiXml(xmls);
    expect(result.errors).toEqual([]);
    const colombian = await accountIdsOf(CUSTOMERS[2]);
    expect(await db.select().from(paymentReceipts).where(inArray(paymentReceipts.accountId, colombian))).toEqual([]);
  });

  it("post-dated cheques are in custody; MX-0001's returned cheque reopened its invoice and charged the fee", async () => {
    for (const email of CUSTOMERS) {
      const accountIds = await accountIdsOf(email);
      const held = await db
        .select()
        .from(cheques)
        .where(and(inArray(cheques.accountId, accountIds), eq(cheques.status, "in_custody")));
      expect(held.length, email).toBeGreaterThan(0);
      expect(held.every((c) => c.depositDate > TODAY)).toBe(true);
    }
    const returned = await db
      .select({ cheque: cheques, number: customerAccounts.number })
      .from(cheques)
      .innerJoin(customerAccounts, eq(customerAccounts.id, cheques.accountId))
      .where(eq(cheques.status, "returned"));
    expect(returned.map((r) => r.number)).toEqual(["MX-0001"]);
    const [fee] = await db
      .select()
      .from(documents)
      .where(and(eq(documents.kind, "debit_note"), eq(documents.series, "CHD")));
    expect(fee.amount).toBe(RETURNED_CHEQUE_FEE.MX.MXN);
    expect(fee.accountId).toBe(returned[0].cheque.accountId);
    // the invoice it had paid is open again, in full
    const [reg] = await db
      .select({ id: paymentRegistrations.id })
      .from(paymentRegistrations)
      .where(eq(paymentRegistrations.id, returned[0].cheque.registrationId));
    const [reopened] = await queryRows<{ open: string; amount: string }>(
      db,
      sql`select d.open_amount::text as open, d.amount::text as amount from payment_allocations pa
          join documents d on d.id = pa.document_id where pa.registration_id = ${reg.id}`,
    );
    expect(reopened.open).toBe(reopened.amount);
  });

  it("leaves no email of its stories queued, and the ledger's stored open items equal their derivation", async () => {
    const queued = await db
      .select({ kind: scheduledTasks.kind })
      .from(scheduledTasks)
      .where(
        and(
          inArray(scheduledTasks.kind, ["payment.email", "plan.email", "promise.notify_collector"]),
          eq(scheduledTasks.status, "pending"),
        ),
      );
    expect(queued).toEqual([]);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  it("is deterministic: a second fresh database gets the same registrations, promises and plans", async () => {
    const a = await storyFingerprint(first);
    expect(a.registrations.length).toBe(19);
    expect(await storyFingerprint(second)).toEqual(a);
  });
});

describe("demo plans", () => {
  it("each seller has its approval policy per currency", async () => {
    const rows = await db
      .select({
        country: sellers.country,
        currency: planApprovalPolicies.currency,
        above: planApprovalPolicies.approvalAbove,
      })
      .from(planApprovalPolicies)
      .innerJoin(sellers, eq(sellers.id, planApprovalPolicies.sellerId));
    const stored = Object.fromEntries(
      (["MX", "CO"] as const).map((c) => [
        c,
        Object.fromEntries(rows.filter((r) => r.country === c).map((r) => [r.currency, r.above])),
      ]),
    );
    expect(stored).toEqual(PLAN_APPROVAL_POLICIES);
  });

  it("MX-0003 has a plan proposed, countered, waiting for the supervisor and in force (its instalments promises)", async () => {
    const rows = await db
      .select({ plan: paymentPlans })
      .from(paymentPlans)
      .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPlans.accountId))
      .where(eq(customerAccounts.number, "MX-0003"));
    expect(rows.map((r) => r.plan.status).sort()).toEqual(["active", "awaiting_approval", "countered", "proposed"]);
    const waiting = rows.find((r) => r.plan.status === "awaiting_approval")!.plan;
    expect(Number(waiting.total)).toBeGreaterThan(Number(PLAN_APPROVAL_POLICIES.MX.MXN));
    const active = rows.find((r) => r.plan.status === "active")!.plan;
    const instalments = await db.select().from(paymentPromises).where(eq(paymentPromises.planId, active.id));
    expect(instalments.length).toBe(2);
    expect(instalments.every((p) => p.status === "pending")).toBe(true);
    expect(rows.find((r) => r.plan.status === "countered")!.plan.revision).toBe(2);
  });
});
