// Ledger invariants: open amounts derive from applications; no over-application; reversals are new rows;
// concurrent applications of one payment cannot overdraw it (PostgreSQL: one transaction waits on the lock).
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applications, auditEvents } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import { type LedgerRuleError } from "~/domain/ledger/errors";
import { getAccountBalances, getOpenAmounts } from "~/domain/ledger/get-account-balances.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { openDatabase, type Db } from "~/utils/db.server";
import { applyCredit } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { type Seller, databaseTest } from "../setup/route-test";
import { onPostgres, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Seller;
let folio = 0;

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  org = seller;
});

async function invoice(accountId: string, amount: string, issueDate = "2026-01-10", currency: "MXN" | "USD" = "MXN") {
  folio += 1;
  const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
    {
      accountId,
      kind: "invoice",
      series: "A",
      folio: String(folio),
      issueDate,
      currency,
      amount,
      paymentMethod: "PPD",
    },
  ]);
  return doc.id;
}
async function credit(
  accountId: string,
  kind: "payment" | "credit_note",
  amount: string,
  issueDate = "2026-01-20",
  currency: "MXN" | "USD" = "MXN",
) {
  folio += 1;
  const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
    { accountId, kind, series: kind === "payment" ? "P" : "NC", folio: String(folio), issueDate, currency, amount },
  ]);
  return doc.id;
}
const open = async (id: string, asOf?: string) => (await getOpenAmounts(db, [id], asOf)).get(id);

describe("issuing documents", () => {
  it("derives an invoice's amount from its lines, rounding each line to cents", async () => {
    const account = await createTestAccount(db, org);
    const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
      {
        accountId: account.id,
        kind: "invoice",
        series: "A",
        folio: "L1",
        issueDate: "2026-02-01",
        currency: "MXN",
        lines: [
          {
            sku: "V-1",
            description: "Varilla",
            unit: "PZA",
            productCode: "30102300",
            unitCode: "H87",
            quantity: "3",
            unitPrice: "33.3333",
            taxRate: "0.16",
          },
          {
            sku: "V-2",
            description: "Alambre",
            unit: "KG",
            productCode: "30102300",
            unitCode: "KGM",
            quantity: "0.5",
            unitPrice: "0.01",
            taxRate: "0.16",
          },
        ],
      },
    ]);
    // 3 × 33.3333 = 99.9999 → 100.00, tax 16.00; 0.5 × 0.01 = 0.005 → 0.01, tax 0.0016 → 0.00
    expect(doc.amount).toBe("116.01");
  });

  it("refuses a stated amount that disagrees with the lines", async () => {
    const account = await createTestAccount(db, org);
    await expect(
      issueDocuments(db, SYSTEM_ACTOR, [
        {
          accountId: account.id,
          kind: "invoice",
          series: "A",
          folio: "L2",
          issueDate: "2026-02-01",
          currency: "MXN",
          amount: "10.00",
          lines: [
            {
              sku: "X",
              description: "X",
              unit: "PZA",
              productCode: "1",
              unitCode: "H87",
              quantity: "1",
              unitPrice: "9",
              taxRate: "0",
            },
          ],
        },
      ]),
    ).rejects.toMatchObject({ code: "document.amount_mismatch" });
  });

  it("defaults an invoice's due date to issue date plus the account's payment term", async () => {
    const account = await createTestAccount(db, org, { paymentTermDays: 45 });
    const id = await invoice(account.id, "10.00", "2026-01-31");
    const rows = await db.execute(sql`select due_date::text as due from documents where id = ${id}`);
    expect((rows as unknown as { rows: { due: string }[] }).rows[0].due).toBe("2026-03-17");
  });
});

describe("applying credits", () => {
  it("reduces the open amount with partial payments and never below zero", async () => {
    const account = await createTestAccount(db, org);
    const inv = await invoice(account.id, "1000.00");
    const pay = await credit(account.id, "payment", "1500.00");
    await applyCredit(db, SYSTEM_ACTOR, { sourceId: pay, targetId: inv, amount: "400.10", appliedOn: "2026-01-20" });
    expect(await open(inv)).toBe("599.90");
    await applyCredit(db, SYSTEM_ACTOR, { sourceId: pay, targetId: inv, amount: "599.90", appliedOn: "2026-01-21" });
    expect(await open(inv)).toBe("0.00");
    await expect(
      applyCredit(db, SYSTEM_ACTOR, { sourceId: pay, targetId: inv, amount: "0.01", appliedOn: "2026-01-22" }),
    ).rejects.toMatchObject({
      code: "application.exceeds_open_amount",
    });
    expect(await open(pay)).toBe("500.00");
  });

  it("applies one payment across several invoices but never beyond the payment's amount", async () => {
    const account = await createTestAccount(db, org);
    const a = await invoice(account.id, "300.00");
    const b = await invoice(account.id, "300.00");
    const c = await invoice(account.id, "300.00");
    const pay = await credit(account.id, "payment", "700.00");
    await expect(
      applyCredits(db, SYSTEM_ACTOR, [
        { sourceId: pay, targetId: a, amount: "300.00", appliedOn: "2026-01-20" },
        { sourceId: pay, targetId: b, amount: "300.00", appliedOn: "2026-01-20" },
        { sourceId: pay, targetId: c, amount: "300.00", appliedOn: "2026-01-20" },
      ]),
    ).rejects.toMatchObject({ code: "application.exceeds_unapplied_amount" });
    // the failed batch wrote nothing
    expect(await open(a)).toBe("300.00");
    await applyCredits(db, SYSTEM_ACTOR, [
      { sourceId: pay, targetId: a, amount: "300.00", appliedOn: "2026-01-20" },
      { sourceId: pay, targetId: b, amount: "300.00", appliedOn: "2026-01-20" },
      { sourceId: pay, targetId: c, amount: "100.00", appliedOn: "2026-01-20" },
    ]);
    expect([await open(a), await open(b), await open(c), await open(pay)]).toEqual(["0.00", "0.00", "200.00", "0.00"]);
  });

  it("applies a credit note like a payment and keeps the balance = charges − credits", async () => {
    const account = await createTestAccount(db, org);
    const inv = await invoice(account.id, "1160.00");
    const nc = await credit(account.id, "credit_note", "160.00");
    await applyCredit(db, SYSTEM_ACTOR, { sourceId: nc, targetId: inv, amount: "160.00", appliedOn: "2026-01-20" });
    const pay = await credit(account.id, "payment", "2000.00");
    const [balance] = await getAccountBalances(db, [account.id], "2026-12-31");
    // 1000 still open on the invoice, 2000 unapplied payment: the customer is in credit by 1000
    expect(balance).toMatchObject({ openCharges: "1000.00", unappliedCredits: "2000.00", balance: "-1000.00" });
    await applyCredit(db, SYSTEM_ACTOR, { sourceId: pay, targetId: inv, amount: "1000.00", appliedOn: "2026-01-25" });
    const [after] = await getAccountBalances(db, [account.id], "2026-12-31");
    expect(after.balance).toBe("-1000.00");
  });

  it("refuses applications across accounts, currencies or in the wrong direction", async () => {
    const one = await createTestAccount(db, org);
    const other = await createTestAccount(db, org);
    const inv = await invoice(one.id, "100.00");
    const foreignPay = await credit(other.id, "payment", "100.00");
    const usdPay = await credit(one.id, "payment", "100.00", "2026-01-20", "USD");
    const otherInv = await invoice(one.id, "100.00");
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: LedgerRuleError) => e.code,
      );
    expect(
      await code(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: foreignPay, targetId: inv, amount: "1.00", appliedOn: "2026-01-20" }),
      ),
    ).toBe("application.other_account");
    expect(
      await code(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: usdPay, targetId: inv, amount: "1.00", appliedOn: "2026-01-20" }),
      ),
    ).toBe("application.currency_mismatch");
    expect(
      await code(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: otherInv, targetId: inv, amount: "1.00", appliedOn: "2026-01-20" }),
      ),
    ).toBe("application.wrong_direction");
    const pay = await credit(one.id, "payment", "100.00");
    expect(
      await code(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: pay, targetId: inv, amount: "1.00", appliedOn: "2025-01-01" }),
      ),
    ).toBe("application.before_issue");
  });

  it("reverses an application with a negated row, keeps the original and refuses a second reversal", async () => {
    const account = await createTestAccount(db, org);
    const inv = await invoice(account.id, "500.00");
    const pay = await credit(account.id, "payment", "500.00");
    const appId = await applyCredit(db, SYSTEM_ACTOR, {
      sourceId: pay,
      targetId: inv,
      amount: "500.00",
      appliedOn: "2026-01-20",
    });
    await reverseApplication(db, SYSTEM_ACTOR, {
      applicationId: appId,
      reversedOn: "2026-02-05",
      reason: "cheque devuelto",
    });
    expect(await open(inv)).toBe("500.00");
    expect(await open(inv, "2026-02-04")).toBe("0.00"); // as of before the reversal, it was paid
    expect(await open(pay)).toBe("500.00");
    const rows = await db
      .select()
      .from(applications)
      .where(sql`${applications.targetId} = ${inv}`);
    expect(rows.map((r) => r.amount).sort()).toEqual(["-500.00", "500.00"]);
    await expect(
      reverseApplication(db, SYSTEM_ACTOR, { applicationId: appId, reversedOn: "2026-02-06", reason: "again" }),
    ).rejects.toMatchObject({
      code: "application.already_reversed",
    });
    const audits = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.entityId} = ${appId}`);
    expect(audits.map((a) => a.action).sort()).toEqual(["application.created", "application.reversed"]);
  });
});

describe.runIf(onPostgres)("concurrent applications on PostgreSQL", () => {
  it("lets two transactions race for one payment: one waits on the row lock and the invariant holds", async () => {
    const account = await createTestAccount(db, org);
    const a = await invoice(account.id, "800.00");
    const b = await invoice(account.id, "800.00");
    const pay = await credit(account.id, "payment", "1000.00");
    // Two separate pools so the two transactions surely run on different connections.
    const first = await openDatabase({ url: database.url!, poolSize: 1 });
    const second = await openDatabase({ url: database.url!, poolSize: 1 });
    let releaseFirst: () => void = () => undefined;
    try {
      // Hold the lock on the payment in a transaction, start the second application, confirm it waits, then commit.
      const firstHolding = new Promise<void>((r) => (releaseFirst = r));
      let firstLocked!: () => void;
      const locked = new Promise<void>((r) => (firstLocked = r));
      const firstTx = first.db.transaction(async (tx) => {
        await applyCredit(tx, SYSTEM_ACTOR, { sourceId: pay, targetId: a, amount: "800.00", appliedOn: "2026-01-20" });
        firstLocked();
        await firstHolding;
      });
      await locked;
      let secondDone = false;
      const secondTx = applyCredit(second.db, SYSTEM_ACTOR, {
        sourceId: pay,
        targetId: b,
        amount: "800.00",
        appliedOn: "2026-01-20",
      }).finally(() => {
        secondDone = true;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(secondDone).toBe(false); // blocked on the payment's row lock
      const waiting = await db.execute(
        sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
      );
      expect((waiting as unknown as { rows: { n: number }[] }).rows[0].n).toBeGreaterThanOrEqual(1);
      releaseFirst();
      await firstTx;
      await expect(secondTx).rejects.toMatchObject({ code: "application.exceeds_unapplied_amount" });
      expect(await open(pay)).toBe("200.00");
      expect(await open(b)).toBe("800.00");
    } finally {
      releaseFirst();
      await first.close();
      await second.close();
    }
  });
});

describe("append-only history", () => {
  it("refuses to update or delete applications and audit events", async () => {
    const account = await createTestAccount(db, org);
    const inv = await invoice(account.id, "10.00");
    const pay = await credit(account.id, "payment", "10.00");
    const appId = await applyCredit(db, SYSTEM_ACTOR, {
      sourceId: pay,
      targetId: inv,
      amount: "10.00",
      appliedOn: "2026-01-20",
    });
    await expect(db.execute(sql`update applications set amount = 1 where id = ${appId}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from applications where id = ${appId}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events where entity_id = ${appId}`)).rejects.toThrow();
    expect(await open(inv)).toBe("0.00");
  });
});
