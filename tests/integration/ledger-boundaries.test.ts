// The ledger's rules at their edges, where the SQL decides (Stryker does not mutate SQL in template
// strings, so each boundary here is pinned by hand): days past due 0/1, 30/31, 60/61, 90/91, 180/181
// land in current, 1–30, 31–60, 61–90, 91–180, over 180; a payment applied on the as-of date counts
// on that date; a document issued on the as-of date exists on that date; a cancelled document takes
// part in no ledger operation; applyCredits and reverseApplication lock documents in id order.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applications } from "#db/schema";
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import {
  AGING_BUCKETS,
  type AgingBucket,
  getAccountBalances,
  getOpenAmounts,
} from "~/domain/ledger/get-account-balances.server";
import { getStatement } from "~/domain/statements/get-statement.server";
import { type Db, openDatabase, queryRows } from "~/utils/db.server";
import { addDays, applyAmount, applyCredit, cancelDocuments, issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { type Seller, databaseTest } from "../setup/route-test";
import { onPostgres, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Seller;

const AS_OF = "2026-06-30";

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  org = seller;
});

const newAccount = async () => (await createTestAccount(db, org)).id;
const openOf = async (id: string, asOf?: string) => (await getOpenAmounts(db, [id], asOf)).get(id);
const balanceOf = async (accountId: string, asOf = AS_OF) => (await getAccountBalances(db, [accountId], asOf))[0];
const errorCode = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("aging buckets by days past due", () => {
  const cases: [number, AgingBucket][] = [
    [-1, "current"],
    [0, "current"],
    [1, "d1_30"],
    [30, "d1_30"],
    [31, "d31_60"],
    [60, "d31_60"],
    [61, "d61_90"],
    [90, "d61_90"],
    [91, "d91_180"],
    [180, "d91_180"],
    [181, "d180_plus"],
  ];

  it.each(cases)(
    "a charge %i days past due is in bucket %s, in the account balances and in the statement's aging",
    async (days, bucket) => {
      const accountId = await newAccount();
      const due = addDays(AS_OF, -days);
      // Issued on its due date (or on the as-of date when due later), so it exists on the as-of date.
      await issueDocument(db, accountId, "invoice", "123.45", days < 0 ? AS_OF : due, { dueDate: due });
      const expected = Object.fromEntries(
        AGING_BUCKETS.map((b) => [b, b === bucket ? { amount: "123.45", count: 1 } : { amount: "0.00", count: 0 }]),
      );
      const overdue = bucket === "current" ? "0.00" : "123.45";

      const balance = await balanceOf(accountId);
      expect(balance.aging).toEqual(expected);
      expect(balance.overdue).toBe(overdue);

      const statement = await getStatement(db, { accountId, accountIds: [accountId], from: "2025-01-01", to: AS_OF });
      const aging = statement!.sections[0].aging;
      expect(aging.buckets).toEqual(expected);
      expect(aging.overdue).toBe(overdue);
      // The movement is overdue exactly when due before the aging date.
      expect(statement!.sections[0].movements[0].overdue).toBe(days > 0);
    },
  );
});

describe("as-of dates", () => {
  it("a payment applied on the as-of date counts on that date; on the day before the as-of date it did not yet", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "1000.00", "2026-06-01", { dueDate: "2026-06-15" });
    const pay = await issueDocument(db, accountId, "payment", "400.00", "2026-06-01");
    await applyAmount(db, pay, inv, "400.00", AS_OF);

    expect(await openOf(inv, AS_OF)).toBe("600.00");
    expect(await openOf(pay, AS_OF)).toBe("0.00");
    expect(await openOf(inv, addDays(AS_OF, -1))).toBe("1000.00");
    expect(await openOf(pay, addDays(AS_OF, -1))).toBe("400.00");

    expect(await balanceOf(accountId, AS_OF)).toMatchObject({
      openCharges: "600.00",
      unappliedCredits: "0.00",
      balance: "600.00",
      overdue: "600.00",
    });
    expect(await balanceOf(accountId, addDays(AS_OF, -1))).toMatchObject({
      openCharges: "1000.00",
      unappliedCredits: "400.00",
      balance: "600.00",
      overdue: "1000.00",
    });
  });

  it("a document issued on the as-of date is in that date's balances; one issued the day after is not", async () => {
    const accountId = await newAccount();
    await issueDocument(db, accountId, "invoice", "70.00", AS_OF, { dueDate: AS_OF });
    await issueDocument(db, accountId, "payment", "20.00", AS_OF);
    await issueDocument(db, accountId, "invoice", "5000.00", addDays(AS_OF, 1));
    await issueDocument(db, accountId, "payment", "900.00", addDays(AS_OF, 1));
    expect(await balanceOf(accountId)).toMatchObject({
      openCharges: "70.00",
      unappliedCredits: "20.00",
      balance: "50.00",
    });
    expect(await getAccountBalances(db, [accountId], addDays(AS_OF, -1))).toEqual([]);
  });

  it("open amounts without an as-of date count every application, whenever applied", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-06-01");
    await applyAmount(db, pay, inv, "30.00", "2030-01-01");
    expect(await openOf(inv)).toBe("70.00");
    expect(await openOf(inv, AS_OF)).toBe("100.00");
  });

  it("balances keep each account and currency on its own row", async () => {
    const one = await newAccount();
    const two = await newAccount();
    await issueDocument(db, one, "invoice", "10.00", "2026-06-01", { dueDate: AS_OF });
    await issueDocument(db, one, "invoice", "7.00", "2026-06-01", { dueDate: AS_OF, currency: "USD" });
    await issueDocument(db, two, "invoice", "3.00", "2026-06-01", { dueDate: AS_OF });
    const rows = await getAccountBalances(db, [one, two], AS_OF);
    expect(rows.map((r) => [r.accountId, r.currency, r.balance]).sort()).toEqual(
      [
        [one, "MXN", "10.00"],
        [one, "USD", "7.00"],
        [two, "MXN", "3.00"],
      ].sort(),
    );
    expect(await getAccountBalances(db, [], AS_OF)).toEqual([]);
    expect((await getOpenAmounts(db, [])).size).toBe(0);
  });
});

describe("cancelled documents take part in no ledger operation", () => {
  it("applyCredits refuses to apply to a cancelled invoice, and writes nothing", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-06-01");
    await cancelDocuments(db, inv);
    expect(
      await errorCode(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: pay, targetId: inv, amount: "10.00", appliedOn: AS_OF }),
      ),
    ).toBe("document.cancelled");
    expect(await openOf(pay)).toBe("100.00");
  });

  it("applyCredits refuses to apply a cancelled payment or credit note, and writes nothing", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-06-01");
    const nc = await issueDocument(db, accountId, "credit_note", "100.00", "2026-06-01");
    await cancelDocuments(db, pay, nc);
    for (const sourceId of [pay, nc]) {
      expect(
        await errorCode(applyCredit(db, SYSTEM_ACTOR, { sourceId, targetId: inv, amount: "10.00", appliedOn: AS_OF })),
      ).toBe("document.cancelled");
    }
    expect(await openOf(inv)).toBe("100.00");
  });

  it("a batch with one cancelled document is refused whole: its valid applications are not written either", async () => {
    const accountId = await newAccount();
    const good = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const cancelled = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const pay = await issueDocument(db, accountId, "payment", "200.00", "2026-06-01");
    await cancelDocuments(db, cancelled);
    expect(
      await errorCode(
        applyCredits(db, SYSTEM_ACTOR, [
          { sourceId: pay, targetId: good, amount: "100.00", appliedOn: AS_OF },
          { sourceId: pay, targetId: cancelled, amount: "100.00", appliedOn: AS_OF },
        ]),
      ),
    ).toBe("document.cancelled");
    const written = await db
      .select()
      .from(applications)
      .where(sql`${applications.sourceId} = ${pay}`);
    expect(written).toEqual([]);
  });

  it("a cancelled invoice is not refused for being over its open amount or for its direction: the cancellation is the reason given", async () => {
    // The cancellation check comes before the others, so the caller learns the document is cancelled.
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const otherInv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    await cancelDocuments(db, inv);
    expect(
      await errorCode(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: otherInv, targetId: inv, amount: "500.00", appliedOn: AS_OF }),
      ),
    ).toBe("document.cancelled");
  });

  it("account balances and aging leave out a cancelled invoice and a cancelled payment", async () => {
    const accountId = await newAccount();
    await issueDocument(db, accountId, "invoice", "100.00", "2025-12-01", { dueDate: "2025-12-01" });
    const inv = await issueDocument(db, accountId, "invoice", "900.00", "2025-12-01", { dueDate: "2025-12-01" });
    const pay = await issueDocument(db, accountId, "payment", "50.00", "2026-06-01");
    await issueDocument(db, accountId, "payment", "10.00", "2026-06-01");
    await cancelDocuments(db, inv, pay);
    const balance = await balanceOf(accountId);
    expect(balance).toMatchObject({ openCharges: "100.00", unappliedCredits: "10.00", balance: "90.00" });
    expect(balance.aging.d180_plus).toEqual({ amount: "100.00", count: 1 });
  });

  it("the home leaves a cancelled payment out of the last payments and a cancelled invoice out of what falls due", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01", { dueDate: AS_OF });
    await issueDocument(db, accountId, "invoice", "40.00", "2026-06-01", { dueDate: AS_OF });
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-06-20", { reference: "anulado" });
    await issueDocument(db, accountId, "payment", "5.00", "2026-06-10", { reference: "vigente" });
    await cancelDocuments(db, inv, pay);
    const activity = await getAccountActivity(db, { accountIds: [accountId], asOf: AS_OF });
    expect(activity.recentPayments.map((p) => p.reference)).toEqual(["vigente"]);
    expect(activity.dueSoon).toEqual([
      { currency: "MXN", next7: { amount: "40.00", count: 1 }, next30: { amount: "40.00", count: 1 } },
    ]);
  });

  it("an application to an invoice cancelled since can still be reversed, which frees the payment (re-invoicing)", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-06-01");
    const app = await applyAmount(db, pay, inv, "100.00", "2026-06-02");
    await cancelDocuments(db, inv);
    await reverseApplication(db, SYSTEM_ACTOR, {
      applicationId: app,
      reversedOn: "2026-06-03",
      reason: "refacturación",
    });
    expect(await openOf(pay)).toBe("100.00");
    const corrected = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-03");
    await applyAmount(db, pay, corrected, "100.00", "2026-06-03");
    expect([await openOf(pay), await openOf(corrected)]).toEqual(["0.00", "0.00"]);
    expect(await getAccountBalances(db, [accountId], AS_OF)).toEqual([]); // nothing open
  });
});

describe("reversals", () => {
  it("a reversal cannot itself be reversed, and an unknown application is refused", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-06-01");
    const app = await applyAmount(db, pay, inv, "100.00", "2026-06-02");
    const reversal = await reverseApplication(db, SYSTEM_ACTOR, { applicationId: app, reversedOn: AS_OF, reason: "x" });
    expect(
      await errorCode(
        reverseApplication(db, SYSTEM_ACTOR, { applicationId: reversal, reversedOn: AS_OF, reason: "y" }),
      ),
    ).toBe("application.is_reversal");
    expect(
      await errorCode(
        reverseApplication(db, SYSTEM_ACTOR, { applicationId: "no-such-id", reversedOn: AS_OF, reason: "z" }),
      ),
    ).toBe("application.not_found");
  });

  it("an application may be dated on the later document's issue date, not the day before", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-10");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-06-12");
    const apply = (appliedOn: string) =>
      errorCode(applyCredit(db, SYSTEM_ACTOR, { sourceId: pay, targetId: inv, amount: "1.00", appliedOn }));
    expect(await apply("2026-06-11")).toBe("application.before_issue"); // before the payment
    expect(await apply("2026-06-12")).toBe("ok");
    const inv2 = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-15");
    expect(
      await errorCode(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: pay, targetId: inv2, amount: "1.00", appliedOn: "2026-06-14" }),
      ),
    ).toBe("application.before_issue"); // before the invoice
  });

  it("an application of exactly the open amount and exactly the unapplied amount is allowed; a cent more is not", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    const small = await issueDocument(db, accountId, "payment", "60.00", "2026-06-01");
    const big = await issueDocument(db, accountId, "payment", "500.00", "2026-06-01");
    const apply = (sourceId: string, amount: string) =>
      errorCode(applyCredit(db, SYSTEM_ACTOR, { sourceId, targetId: inv, amount, appliedOn: AS_OF }));
    expect(await apply(small, "60.01")).toBe("application.exceeds_unapplied_amount");
    expect(await apply(small, "60.00")).toBe("ok");
    expect(await apply(big, "40.01")).toBe("application.exceeds_open_amount");
    expect(await apply(big, "40.00")).toBe("ok");
    expect([await openOf(inv), await openOf(small), await openOf(big)]).toEqual(["0.00", "0.00", "460.00"]);
  });

  it("applying an unknown document is refused as not found", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01");
    expect(
      await errorCode(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: "no-such-doc", targetId: inv, amount: "1.00", appliedOn: AS_OF }),
      ),
    ).toBe("document.not_found");
    expect(await applyCredits(db, SYSTEM_ACTOR, [])).toEqual([]);
  });
});

describe.runIf(onPostgres)("lock order on PostgreSQL", () => {
  // Another transaction holds one document's row lock; the ledger operation under test waits for it.
  // Which of its documents the operation already holds while it waits shows the order it locks them
  // in. The ids make id order differ from the table's physical order (the larger id is inserted
  // first) and from the order of the application's foreign keys (the payment, its source, has the
  // larger id), so a lock order that followed the scan, or no explicit lock at all (the foreign-key
  // checks of the insert also lock the rows, in FOR KEY SHARE mode), would show. The probe asks for
  // FOR KEY SHARE, which only the explicit FOR UPDATE lock blocks.
  async function whileWaiting<T>(
    hold: "smaller" | "larger",
    prepare: (smallId: string, largeId: string) => Promise<T>,
    operation: (worker: Db, prepared: T) => Promise<unknown>,
  ) {
    const accountId = await newAccount();
    const suffix = Math.random().toString(36).slice(2, 10);
    const largeId = `z${suffix}`;
    const smallId = `a${suffix}`;
    await issueDocument(db, accountId, "payment", "100.00", "2026-06-01", { id: largeId });
    await issueDocument(db, accountId, "invoice", "100.00", "2026-06-01", { id: smallId });
    const prepared = await prepare(smallId, largeId);
    // Separate pools, so the holder, the operation and the probes surely use different connections.
    const holder = await openDatabase({ url: database.url!, poolSize: 1 });
    const worker = await openDatabase({ url: database.url!, poolSize: 1 });
    let release: () => void = () => undefined;
    try {
      let held!: () => void;
      const isHeld = new Promise<void>((r) => (held = r));
      const holding = holder.db.transaction(async (tx) => {
        await tx.execute(sql`select id from documents where id = ${hold === "smaller" ? smallId : largeId} for update`);
        held();
        await new Promise<void>((r) => (release = r));
      });
      await isHeld;
      const running = operation(worker.db, prepared).catch((e: unknown) => e);
      for (let i = 0; i < 300; i += 1) {
        const [{ n }] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        );
        if (n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const locked = async (id: string) =>
        (await queryRows(db, sql`select id from documents where id = ${id} for key share skip locked`)).length === 0;
      const state = { smallerLocked: await locked(smallId), largerLocked: await locked(largeId) };
      release();
      await holding;
      return { state, result: await running };
    } finally {
      release();
      await holder.close();
      await worker.close();
    }
  }

  const apply = (worker: Db, ids: { smallId: string; largeId: string }) =>
    applyCredit(worker, SYSTEM_ACTOR, {
      sourceId: ids.largeId,
      targetId: ids.smallId,
      amount: "100.00",
      appliedOn: AS_OF,
    });
  const reverse = (worker: Db, applicationId: string) =>
    reverseApplication(worker, SYSTEM_ACTOR, { applicationId, reversedOn: AS_OF, reason: "lock order" });
  const applyFirst = (smallId: string, largeId: string) =>
    applyCredit(db, SYSTEM_ACTOR, { sourceId: largeId, targetId: smallId, amount: "100.00", appliedOn: AS_OF });

  it("applyCredits locks in ascending id order: waiting for the larger id it holds the smaller; waiting for the smaller it holds nothing", async () => {
    const larger = await whileWaiting("larger", async (smallId, largeId) => ({ smallId, largeId }), apply);
    expect(larger.state).toEqual({ smallerLocked: true, largerLocked: true });
    expect(typeof larger.result).toBe("string"); // once released, the application went through
    const smaller = await whileWaiting("smaller", async (smallId, largeId) => ({ smallId, largeId }), apply);
    expect(smaller.state).toEqual({ smallerLocked: true, largerLocked: false });
    expect(typeof smaller.result).toBe("string");
  });

  it("reverseApplication locks in ascending id order: waiting for the larger id it holds the smaller; waiting for the smaller it holds nothing", async () => {
    const larger = await whileWaiting("larger", applyFirst, reverse);
    expect(larger.state).toEqual({ smallerLocked: true, largerLocked: true });
    expect(typeof larger.result).toBe("string");
    const smaller = await whileWaiting("smaller", applyFirst, reverse);
    expect(smaller.state).toEqual({ smallerLocked: true, largerLocked: false });
    expect(typeof smaller.result).toBe("string");
  });
});
