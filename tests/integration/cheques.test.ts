// Cheques (app/domain/cheques): a confirmed cheque enters custody and counts against the credit line
// while held; a post-dated one is not deposited before its date; a returned cheque cancels its ledger
// payment through reversal entries (the invoice is open again), adds the seller's fee as a debit
// note and sets a follow-up date; a redeposit that clears issues the payment again; every transition
// is a conditional update (a stale version changes nothing); ledger:verify holds throughout.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applications, chequeDeposits, cheques, documents, paymentReceipts } from "#db/schema";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { clearCheque } from "~/domain/cheques/clear-cheque.server";
import { depositCheque } from "~/domain/cheques/deposit-cheque.server";
import { getRegistrationCheque, listStaffCheques } from "~/domain/cheques/read-cheques.server";
import { recordProtectionCheck } from "~/domain/cheques/record-protection-check.server";
import { PickupDateError, requestPickup } from "~/domain/cheques/request-pickup.server";
import { returnCheque } from "~/domain/cheques/return-cheque.server";
import { verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { type Db, queryRows } from "~/utils/db.server";
import { chequeVersion, confirmCheque, createChequeSetting, RETURNED_FEE } from "../fixtures/cheques";
import { issuePpdInvoice } from "../fixtures/payment-registrations";
import { databaseTest } from "../setup/route-test";

let db: Db;
let s: Awaited<ReturnType<typeof createChequeSetting>>;
const now = new Date("2026-11-20T17:00:00Z");
const staff = (u: { id: string }) => ({ id: u.id, staffRole: "collector" as const });
const collector = () => ({ userId: s.collector.id, label: s.collector.email });

databaseTest.beforeAll(async ({ database }) => {
  db = database.db;
  s = await createChequeSetting(db);
});

const doc = async (id: string) => (await db.select().from(documents).where(eq(documents.id, id)))[0];
const credit = async () => (await getAccountOverview(db, { accountIds: [s.account.id], now })).accounts[0].credit;

describe("custody", () => {
  it("a confirmed post-dated cheque is held until its date and counts against the credit line until it clears", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 5, "2026-10-01", "2026-10-31"); // 580.00
    const before = await credit();
    const { cheque, registrationId } = await confirmCheque(db, s, {
      amount: "580.00",
      allocations: [{ documentId: invoice.id, amount: "580.00" }],
      depositDate: "2026-11-25",
      now,
    });
    expect(cheque.status).toBe("in_custody");
    expect(cheque.depositDate).toBe("2026-11-25");
    expect((await doc(invoice.id)).openAmount).toBe("0.00");
    // The payment lowered the balance, the held cheque adds it back: the credit used does not move.
    const held = await credit();
    expect(held.used).toBe(before.used);
    expect(held.heldCheques).toBe((Number(before.heldCheques) + 580).toFixed(2));
    const listed = await listStaffCheques(db, staff(s.collector), { view: "custody" });
    expect(listed.rows.map((r) => r.id)).toContain(cheque.id);
    expect((await listStaffCheques(db, staff(s.stranger), { view: "custody" })).rows).toEqual([]);

    await expect(depositCheque(db, collector(), { chequeId: cheque.id, version: 1, now })).rejects.toMatchObject({
      code: "cheque.before_deposit_date",
    });
    await recordProtectionCheck(db, collector(), { chequeId: cheque.id, version: 1, reference: "BNRT-7781", now });
    // A stale form changes nothing.
    await expect(
      recordProtectionCheck(db, collector(), { chequeId: cheque.id, version: 1, reference: "X", now }),
    ).rejects.toMatchObject({ code: "cheque.stale" });
    const later = new Date("2026-11-25T17:00:00Z");
    await depositCheque(db, collector(), { chequeId: cheque.id, version: 2, now: later });
    expect((await credit()).heldCheques).toBe(held.heldCheques);
    const version = async () =>
      (
        await queryRows<{ v: string }>(
          db,
          sql`select ledger_version::text as v from customer_accounts where id = ${s.account.id}`,
        )
      )[0].v;
    const cachedAt = await version();
    await clearCheque(db, collector(), { chequeId: cheque.id, version: 3, now: later });
    // The page cache's key moves: the cached overview cannot keep counting the cleared cheque.
    expect(BigInt(await version())).toBeGreaterThan(BigInt(cachedAt));
    const cleared = await credit();
    expect(Number(cleared.heldCheques)).toBe(Number(held.heldCheques) - 580);
    expect(Number(cleared.used)).toBe(Number(held.used) - 580);
    const detail = (await getRegistrationCheque(db, registrationId))!;
    expect(detail.cheque.protectionReference).toBe("BNRT-7781");
    expect(detail.cheque.protectionCheckedBy).not.toBeNull();
    expect(detail.deposits.map((d) => d.status)).toEqual(["cleared"]);
    expect(detail.history.map((h) => h.event.action)).toEqual([
      "cheque.received",
      "cheque.protection_checked",
      "cheque.deposited",
      "cheque.cleared",
    ]);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });
});

describe("returned cheque", () => {
  it("reverses the payment's applications, reopens the invoice, adds the fee's debit note and a follow-up; redeposit clears and pays again", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 10, "2026-10-01", "2026-10-31"); // 1,160.00
    const { cheque, registrationId } = await confirmCheque(db, s, {
      amount: "1160.00",
      allocations: [{ documentId: invoice.id, amount: "1160.00" }],
      now,
    });
    const paymentId = cheque.paymentDocumentId!;
    expect((await doc(invoice.id)).openAmount).toBe("0.00");
    const reps = await db.select().from(paymentReceipts).where(eq(paymentReceipts.paymentDocumentId, paymentId));
    expect(reps).toHaveLength(1);
    const balanceBefore = (await getAccountOverview(db, { accountIds: [s.account.id], now })).accounts[0];

    await depositCheque(db, collector(), { chequeId: cheque.id, version: 1, now });
    await expect(
      returnCheque(db, collector(), { chequeId: cheque.id, version: 1, reason: "insufficient_funds", now }),
    ).rejects.toMatchObject({ code: "cheque.stale" });
    const returned = await returnCheque(db, collector(), {
      chequeId: cheque.id,
      version: 2,
      reason: "insufficient_funds",
      now,
    });
    // The invoice is open again by a reversal entry; the original application stays.
    expect((await doc(invoice.id)).openAmount).toBe("1160.00");
    const rows = await db.select().from(applications).where(eq(applications.sourceId, paymentId));
    expect(rows.map((r) => r.amount).sort()).toEqual(["-1160.00", "1160.00"]);
    expect((await doc(paymentId)).status).toBe("cancelled");
    // The fee is a debit note of the seller's configured amount, open on the account.
    const fee = await doc(returned.feeDocumentId!);
    expect(fee).toMatchObject({ kind: "debit_note", series: "CHD", amount: RETURNED_FEE, openAmount: RETURNED_FEE });
    expect(returned.followUpOn).toBe("2026-11-21");
    expect(returned.repUuids).toEqual([reps[0].uuid]);
    const [row] = await db.select().from(cheques).where(eq(cheques.id, cheque.id));
    expect(row).toMatchObject({ status: "returned", paymentDocumentId: null, followUpOn: "2026-11-21" });
    const followUps = await listStaffCheques(db, staff(s.collector), { view: "follow_up" });
    expect(followUps.rows.find((r) => r.id === cheque.id)?.followUpOn).toBe("2026-11-21");
    // The held cheque already used credit: the return turns it into debt again and adds only the fee.
    const after = (await getAccountOverview(db, { accountIds: [s.account.id], now })).accounts[0];
    expect(Number(after.credit.used)).toBeCloseTo(Number(balanceBefore.credit.used) + Number(RETURNED_FEE), 2);
    expect(Number(after.credit.heldCheques)).toBeCloseTo(Number(balanceBefore.credit.heldCheques) - 1160, 2);
    expect((await verifyOpenItems(db)).differences).toEqual([]);

    // Redeposit: a second deposit of the same cheque; when it clears, the payment is issued again.
    await depositCheque(db, collector(), { chequeId: cheque.id, version: 3, now });
    const cleared = await clearCheque(db, collector(), { chequeId: cheque.id, version: 4, now });
    const reissued = await doc(cleared.reissuedPaymentId!);
    expect(reissued).toMatchObject({ kind: "payment", amount: "1160.00", status: "issued", openAmount: "0.00" });
    expect((await doc(invoice.id)).openAmount).toBe("0.00");
    expect((await doc(returned.feeDocumentId!)).openAmount).toBe(RETURNED_FEE);
    const deposits = await db
      .select({ no: chequeDeposits.depositNo, status: chequeDeposits.status })
      .from(chequeDeposits)
      .where(eq(chequeDeposits.chequeId, cheque.id))
      .orderBy(chequeDeposits.depositNo);
    expect(deposits).toEqual([
      { no: 1, status: "returned" },
      { no: 2, status: "cleared" },
    ]);
    const history = (await getRegistrationCheque(db, registrationId))!.history.map((h) => h.event.action);
    expect(history).toEqual([
      "cheque.received",
      "cheque.deposited",
      "cheque.returned",
      "cheque.deposited",
      "cheque.cleared",
    ]);
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  it("a redeposit that bounces again charges the fee again and reverses nothing more", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 2, "2026-10-01", "2026-10-31"); // 232.00
    const { cheque } = await confirmCheque(db, s, {
      amount: "232.00",
      allocations: [{ documentId: invoice.id, amount: "232.00" }],
      now,
    });
    await depositCheque(db, collector(), { chequeId: cheque.id, version: 1, now });
    await returnCheque(db, collector(), { chequeId: cheque.id, version: 2, reason: "signature_mismatch", now });
    await depositCheque(db, collector(), { chequeId: cheque.id, version: 3, now });
    const second = await returnCheque(db, collector(), {
      chequeId: cheque.id,
      version: await chequeVersion(db, cheque.id),
      reason: "insufficient_funds",
      now,
    });
    expect(second.reversedApplications).toEqual([]);
    expect(second.feeDocumentId).not.toBeNull();
    expect((await doc(invoice.id)).openAmount).toBe("232.00");
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from cheque_deposits where cheque_id = ${cheque.id} and fee_document_id is not null`,
    );
    expect(n).toBe(2);
    // Only a deposited cheque can be returned or cleared.
    await expect(
      clearCheque(db, collector(), { chequeId: cheque.id, version: await chequeVersion(db, cheque.id), now }),
    ).rejects.toMatchObject({ code: "cheque.wrong_status" });
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  it("without a fee configured for the currency, no debit note", async () => {
    const invoice = await issuePpdInvoice(db, s.account.id, 1, "2026-10-01", "2026-10-31");
    await db.execute(sql`update returned_cheque_fees set currency = 'USD' where seller_id = ${s.org.seller.id}`);
    try {
      const { cheque } = await confirmCheque(db, s, {
        amount: "116.00",
        allocations: [{ documentId: invoice.id, amount: "116.00" }],
        now,
      });
      await depositCheque(db, collector(), { chequeId: cheque.id, version: 1, now });
      const r = await returnCheque(db, collector(), { chequeId: cheque.id, version: 2, reason: "other", now });
      expect(r.feeDocumentId).toBeNull();
      expect((await doc(invoice.id)).openAmount).toBe("116.00");
    } finally {
      await db.execute(sql`update returned_cheque_fees set currency = 'MXN' where seller_id = ${s.org.seller.id}`);
    }
  });
});

describe("pickups", () => {
  it("a pickup is asked for a day from tomorrow within 30 days", async () => {
    const base = {
      accountId: s.account.id,
      address: "Av. Reforma 100, CDMX",
      contactName: "Ana López",
      contactPhone: "+52 55 1234 5678",
      now,
    };
    const customer = { userId: s.customer.id, label: s.customer.email };
    await expect(requestPickup(db, customer, { ...base, pickupDate: "2026-11-20" })).rejects.toBeInstanceOf(
      PickupDateError,
    );
    await expect(requestPickup(db, customer, { ...base, pickupDate: "2026-12-21" })).rejects.toBeInstanceOf(
      PickupDateError,
    );
    const ok = await requestPickup(db, customer, { ...base, pickupDate: "2026-11-21" });
    expect(ok.id).toBeTruthy();
  });
});
