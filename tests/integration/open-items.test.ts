// Open items (ADR 009): the stored applied and open amounts agree with the entries after a random
// sequence of ledger operations — issues, applications, reversals, cancellations, payment registrations
// confirmed by a collector (the ledger payment issued and applied to the allocation) and returned
// cheques (their payment cancelled through reversal entries, the fee added) — (the demo seed's check
// is in seed.test.ts); the reads built on them give what summing the
// history gives, at any date; the database refuses writes from outside the ledger; and ledger:verify
// reports a stored amount that was tampered with, with exit code 1.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { returnedChequeFees } from "#db/schema";
import { addDays, createRng } from "#db/seed/prng";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { depositCheque } from "~/domain/cheques/deposit-cheque.server";
import { returnCheque } from "~/domain/cheques/return-cheque.server";
import { listDocuments } from "~/domain/documents/list-documents.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import {
  AGING_BUCKETS,
  getAccountBalances,
  openAmountAsOfSql,
  openAmountSql,
} from "~/domain/ledger/get-account-balances.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { DocumentInput } from "~/domain/ledger/schemas";
import { formatOpenItemsReport, verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { confirmPayment } from "~/domain/payments/confirm-payment.server";
import { registerPayment } from "~/domain/payments/register-payment.server";
import { getStatement } from "~/domain/statements/get-statement.server";
import { type Db, openDatabase, queryRows } from "~/utils/db.server";
import { toMoney } from "~/utils/money";
import { createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { type Seller, databaseTest } from "../setup/route-test";
import { type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Seller;

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  org = seller;
});

/** Every document's open amount as of a date, from the stored amounts and from the whole history. */
async function openAmountsBothWays(asOf?: string) {
  return queryRows<{ id: string; stored: string; derived: string }>(
    db,
    sql`select d.id, (${openAmountAsOfSql(asOf)})::numeric(18,2)::text as stored,
               (${openAmountSql(asOf)})::numeric(18,2)::text as derived
        from documents d order by d.id`,
  );
}

/** Balances and aging per account and currency summed from the whole history (what getAccountBalances did before ADR 009). */
async function derivedBalances(accountIds: string[], asOf: string) {
  return queryRows<Record<string, string | number>>(
    db,
    sql`
    with open_items as (
      select d.account_id, d.currency, d.effect, d.due_date, ${openAmountSql(asOf)} as open
      from documents d
      where d.account_id in (${sql.join(
        accountIds.map((id) => sql`${id}`),
        sql`, `,
      )}) and d.status = 'issued' and d.issue_date <= ${asOf}::date
    )
    select account_id, currency,
      coalesce(sum(open) filter (where effect = 'charge'), 0)::numeric(18,2)::text as open_charges,
      coalesce(sum(open) filter (where effect = 'credit'), 0)::numeric(18,2)::text as unapplied_credits,
      coalesce(sum(open) filter (where effect = 'charge' and due_date < ${asOf}::date), 0)::numeric(18,2)::text as overdue,
      count(*) filter (where effect = 'charge')::int as open_charge_count
    from open_items where open > 0
    group by account_id, currency order by account_id, currency`,
  );
}

interface ModelDocument {
  id: string;
  accountId: string;
  effect: "charge" | "credit";
  currency: "MXN" | "USD";
  issueDate: string;
  amount: Decimal;
  applied: Decimal;
  cancelled: boolean;
}

describe("after a random sequence of issues, applications, reversals and cancellations", () => {
  const START = "2026-01-01";
  const docs: ModelDocument[] = [];
  const apps: { id: string; sourceId: string; targetId: string; amount: Decimal; reversed: boolean }[] = [];
  /** Confirmed registrations: their ledger payment, its applications, and whether it still stands. */
  const confirmed: {
    paymentId: string;
    chequeId: string | null;
    paidOn: string;
    applied: { targetId: string; amount: Decimal }[];
    standing: boolean;
  }[] = [];
  const RETURNED_FEE = "150.00";
  let accountIds: string[] = [];
  let lastDate = START;

  beforeAll(async () => {
    const rng = createRng(20_261_201);
    accountIds = [(await createTestAccount(db, org)).id, (await createTestAccount(db, org)).id];
    let folio = 0;
    const counts = { issue: 0, apply: 0, reverse: 0, cancel: 0, confirm: 0, returnCheque: 0 };
    const customer = await createTestCustomer(
      db,
      accountIds.map((accountId) => ({ accountId, role: "payer" as const })),
    );
    const collector = await createTestStaff(db, "collector");
    const customerActor = { userId: customer.id, label: customer.email };
    const collectorActor = { userId: collector.id, label: collector.email };
    await db.insert(returnedChequeFees).values({ sellerId: org.seller.id, currency: "MXN", amount: RETURNED_FEE });
    // Documents a registration's payment applied to are left out of the raw cancellations below (a
    // status change outside the ledger, under a payment a returned cheque must then reverse).
    const touched = new Set<string>();
    let registrationNo = 0;

    const issue = async (n: number) => {
      const inputs: (DocumentInput & { id: string })[] = [];
      for (let i = 0; i < n; i += 1) {
        const charge = rng.chance(0.6);
        const kind = charge
          ? rng.pick(["invoice", "invoice", "invoice", "debit_note", "adjustment"] as const)
          : rng.pick(["payment", "payment", "credit_note", "adjustment"] as const);
        folio += 1;
        const input = {
          id: `rnd-${String(folio).padStart(4, "0")}-${rng.hex(6)}`,
          accountId: rng.pick(accountIds),
          kind,
          effect: kind === "adjustment" ? (charge ? ("charge" as const) : ("credit" as const)) : undefined,
          series: "R",
          folio: String(folio),
          issueDate: addDays(START, rng.int(0, 120)),
          currency: rng.chance(0.8) ? ("MXN" as const) : ("USD" as const),
          amount: `${rng.int(1, 5000)}.${String(rng.int(0, 99)).padStart(2, "0")}`,
        };
        inputs.push(input);
      }
      await issueDocuments(db, SYSTEM_ACTOR, inputs);
      for (const d of inputs)
        docs.push({
          id: d.id,
          accountId: d.accountId,
          effect: ["invoice", "debit_note"].includes(d.kind) || d.effect === "charge" ? "charge" : "credit",
          currency: d.currency as "MXN" | "USD",
          issueDate: d.issueDate,
          amount: new Decimal(d.amount!),
          applied: new Decimal(0),
          cancelled: false,
        });
      counts.issue += n;
    };

    const openOf = (d: ModelDocument) => d.amount.minus(d.applied);
    await issue(30);
    for (let step = 0; step < 250; step += 1) {
      const roll = rng.next();
      if (roll < 0.15) {
        await issue(rng.int(1, 5));
      } else if (roll < 0.65) {
        // One call with one to four applications; the same document may take part twice in a batch.
        const batch: { sourceId: string; targetId: string; amount: string; appliedOn: string }[] = [];
        const pending = new Map<string, Decimal>();
        const left = (d: ModelDocument) => openOf(d).minus(pending.get(d.id) ?? 0);
        for (let k = rng.int(1, 4); k > 0; k -= 1) {
          const credits = docs.filter((d) => d.effect === "credit" && !d.cancelled && left(d).greaterThan(0));
          if (credits.length === 0) break;
          const source = rng.pick(credits);
          const charges = docs.filter(
            (d) =>
              d.effect === "charge" &&
              !d.cancelled &&
              d.accountId === source.accountId &&
              d.currency === source.currency &&
              left(d).greaterThan(0),
          );
          if (charges.length === 0) continue;
          const target = rng.pick(charges);
          const most = Decimal.min(left(source), left(target));
          const amount = rng.chance(0.4) ? most : Decimal.max(most.times(rng.next()).toDecimalPlaces(2), "0.01");
          const after = source.issueDate > target.issueDate ? source.issueDate : target.issueDate;
          // mostly within the history, sometimes dated ahead of every later "as of" date we check
          const appliedOn = addDays(after, rng.chance(0.1) ? rng.int(200, 260) : rng.int(0, 60));
          batch.push({ sourceId: source.id, targetId: target.id, amount: toMoney(amount), appliedOn });
          pending.set(source.id, (pending.get(source.id) ?? new Decimal(0)).plus(amount));
          pending.set(target.id, (pending.get(target.id) ?? new Decimal(0)).plus(amount));
          if (appliedOn > lastDate) lastDate = appliedOn;
        }
        if (batch.length === 0) continue;
        const ids = await applyCredits(db, SYSTEM_ACTOR, batch);
        batch.forEach((b, i) => {
          const amount = new Decimal(b.amount);
          for (const id of [b.sourceId, b.targetId]) {
            const d = docs.find((x) => x.id === id)!;
            d.applied = d.applied.plus(amount);
          }
          apps.push({ id: ids[i], sourceId: b.sourceId, targetId: b.targetId, amount, reversed: false });
        });
        counts.apply += batch.length;
      } else if (roll < 0.8) {
        const candidates = apps.filter((a) => !a.reversed);
        if (candidates.length === 0) continue;
        const app = rng.pick(candidates);
        const reversedOn = addDays(START, rng.int(0, 200));
        await reverseApplication(db, SYSTEM_ACTOR, { applicationId: app.id, reversedOn, reason: "random" });
        app.reversed = true;
        for (const id of [app.sourceId, app.targetId]) {
          const d = docs.find((x) => x.id === id)!;
          d.applied = d.applied.minus(app.amount);
        }
        if (reversedOn > lastDate) lastDate = reversedOn;
        counts.reverse += 1;
      } else if (roll < 0.88) {
        // A customer registers a payment (SPEI or cheque, MXN) allocated to one to three open charges of
        // one account, sometimes with something left on account, and a collector confirms it: the
        // ledger payment is issued and applied to the allocation (a cheque also enters custody).
        const accountId = rng.pick(accountIds);
        const open = docs.filter(
          (d) =>
            d.accountId === accountId &&
            d.effect === "charge" &&
            d.currency === "MXN" &&
            !d.cancelled &&
            openOf(d).greaterThan(0),
        );
        if (open.length === 0) continue;
        const targets = [...new Set([rng.pick(open), rng.pick(open), rng.pick(open)])].slice(0, rng.int(1, 3));
        const allocations = targets.map((d) => ({
          documentId: d.id,
          amount: toMoney(
            rng.chance(0.5) ? openOf(d) : Decimal.max(openOf(d).times(rng.next()).toDecimalPlaces(2), "0.01"),
          ),
        }));
        const allocated = allocations.reduce((sum, a) => sum.plus(a.amount), new Decimal(0));
        const amount = rng.chance(0.3) ? allocated.plus(`${rng.int(1, 500)}.${rng.int(10, 99)}`) : allocated;
        const latest = targets
          .map((d) => d.issueDate)
          .sort()
          .at(-1)!;
        const paidOn = addDays(latest, rng.int(0, 40));
        const now = new Date(`${paidOn}T18:00:00Z`);
        registrationNo += 1;
        const cheque = rng.chance(0.6);
        const registration = await registerPayment(
          db,
          customerActor,
          {
            accountId,
            method: cheque ? "cheque" : "spei",
            paidOn,
            amount: toMoney(amount),
            currency: "MXN",
            bank: "Banorte",
            reference: `OI-${registrationNo}-${rng.hex(8)}`,
            allocations,
            proof: null,
            staffEntered: false,
          },
          { now },
        );
        const { paymentDocumentId } = await confirmPayment(db, collectorActor, {
          registrationId: registration.id,
          version: 1,
          now,
          keepOnAccount: false,
        });
        const [chequeRow] = cheque
          ? await queryRows<{ id: string }>(db, sql`select id from cheques where registration_id = ${registration.id}`)
          : [];
        confirmed.push({
          paymentId: paymentDocumentId,
          chequeId: chequeRow?.id ?? null,
          paidOn,
          applied: allocations.map((a) => ({ targetId: a.documentId, amount: new Decimal(a.amount) })),
          standing: true,
        });
        for (const a of allocations) {
          const d = docs.find((x) => x.id === a.documentId)!;
          d.applied = d.applied.plus(a.amount);
          touched.add(d.id);
          const appliedOn = paidOn > d.issueDate ? paidOn : d.issueDate;
          if (appliedOn > lastDate) lastDate = appliedOn;
        }
        counts.confirm += 1;
      } else if (roll < 0.95) {
        // A confirmed cheque is deposited and the bank returns it: its payment is cancelled (every
        // application reversed), the invoices it paid are open again, and the fee is a debit note.
        const standing = confirmed.filter((c) => c.standing && c.chequeId);
        if (standing.length === 0) continue;
        const c = rng.pick(standing);
        const on = addDays(c.paidOn, rng.int(0, 30));
        const now = new Date(`${on}T18:00:00Z`);
        const [{ version }] = await queryRows<{ version: number }>(
          db,
          sql`select version from cheques where id = ${c.chequeId}`,
        );
        await depositCheque(db, collectorActor, { chequeId: c.chequeId!, version, now });
        await returnCheque(db, collectorActor, {
          chequeId: c.chequeId!,
          version: version + 1,
          reason: "insufficient_funds",
          now,
        });
        c.standing = false;
        for (const a of c.applied) {
          const d = docs.find((x) => x.id === a.targetId)!;
          d.applied = d.applied.minus(a.amount);
        }
        if (on > lastDate) lastDate = on;
        counts.returnCheque += 1;
      } else {
        // Cancellation is a status change outside the ledger's write path (there is no operation yet);
        // the open amount follows it by itself.
        const live = docs.filter((d) => !d.cancelled && !touched.has(d.id));
        const d = rng.pick(live);
        await db.execute(sql`update documents set status = 'cancelled' where id = ${d.id}`);
        d.cancelled = true;
        counts.cancel += 1;
      }
    }
    for (const [op, n] of Object.entries(counts)) expect(n, op).toBeGreaterThan(0);
  }, 120_000);

  it("leaves ledger:verify nothing to report", async () => {
    const report = await verifyOpenItems(db);
    expect(report.differences).toEqual([]);
  });

  it("applies each confirmed registration's payment exactly while it stands; a returned cheque's has nothing applied and added one fee", async () => {
    expect(confirmed.length).toBeGreaterThan(0);
    for (const c of confirmed) {
      const [payment] = await queryRows<{ status: string; applied: string }>(
        db,
        sql`select status::text as status, applied_amount::text as applied from documents where id = ${c.paymentId}`,
      );
      const expected = c.standing ? toMoney(c.applied.reduce((sum, a) => sum.plus(a.amount), new Decimal(0))) : "0.00";
      expect(payment.applied, c.paymentId).toBe(expected);
      expect(payment.status, c.paymentId).toBe(c.standing ? "issued" : "cancelled");
    }
    const returned = confirmed.filter((c) => !c.standing).length;
    const [fees] = await queryRows<{ count: number }>(
      db,
      sql`select count(*)::int as count from documents where series = 'CHD' and kind = 'debit_note' and amount = ${RETURNED_FEE}
          and account_id in (${accountIds[0]}, ${accountIds[1]})`,
    );
    expect(fees.count).toBe(returned);
  });

  it("stores what an independent model of the same operations computes", async () => {
    const rows = await queryRows<{ id: string; applied: string; open: string }>(
      db,
      sql`select id, applied_amount::text as applied, open_amount::text as open from documents where series = 'R'`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows.length).toBe(docs.length);
    for (const d of docs) {
      const stored = byId.get(d.id)!;
      expect(stored.applied, d.id).toBe(toMoney(d.applied));
      expect(stored.open, d.id).toBe(d.cancelled ? "0.00" : toMoney(d.amount.minus(d.applied)));
    }
  });

  it("gives every document's open amount at any date exactly as summing its history does", async () => {
    const rng = createRng(7);
    const dates = [undefined, START, lastDate, addDays(lastDate, 1)];
    for (let i = 0; i < 12; i += 1) dates.push(addDays(START, rng.int(-5, 330)));
    for (const asOf of dates) {
      const rows = await openAmountsBothWays(asOf);
      const different = rows.filter((r) => r.stored !== r.derived);
      expect(different, `as of ${asOf ?? "(all)"}`).toEqual([]);
    }
  });

  it("gives the balances, aging, statement aging and list totals that summing the history gives, at any date", async () => {
    const rng = createRng(11);
    for (let i = 0; i < 10; i += 1) {
      const asOf = addDays(START, rng.int(0, 330));
      const balances = await getAccountBalances(db, accountIds, asOf);
      const derived = await derivedBalances(accountIds, asOf);
      expect(
        balances.map((b) => ({
          account_id: b.accountId,
          currency: b.currency,
          open_charges: b.openCharges,
          unapplied_credits: b.unappliedCredits,
          overdue: b.overdue,
          open_charge_count: AGING_BUCKETS.reduce((n, k) => n + b.aging[k].count, 0),
        })),
        `as of ${asOf}`,
      ).toEqual(derived);
      for (const accountId of accountIds) {
        const statement = await getStatement(db, {
          accountId,
          accountIds,
          from: addDays(asOf, -40),
          to: asOf,
        });
        for (const section of statement!.sections) {
          const own = balances.find((b) => b.accountId === accountId && b.currency === section.currency);
          expect(section.aging.openCharges, `${accountId} ${section.currency} ${asOf}`).toBe(
            own?.openCharges ?? "0.00",
          );
          expect(section.aging.unappliedCredits).toBe(own?.unappliedCredits ?? "0.00");
          for (const bucket of AGING_BUCKETS)
            expect(section.aging.buckets[bucket]).toEqual(own?.aging[bucket] ?? { amount: "0.00", count: 0 });
        }
      }
      const list = await listDocuments(db, { accountIds, tab: "invoices", asOf, filters: { status: "open" } });
      const [expected] = await queryRows<{ count: number; open: string | null }>(
        db,
        sql`select count(*)::int as count, sum(open)::numeric(18,2)::text as open from (
              select ${openAmountSql(asOf)} as open from documents d
              where d.account_id in (${accountIds[0]}, ${accountIds[1]}) and d.kind = 'invoice' and d.status = 'issued') x
            where open > 0`,
      );
      expect(list.total, `open invoices as of ${asOf}`).toBe(expected.count);
      const open = (list.totals ?? []).reduce((s, t) => s.plus(t.open), new Decimal(0));
      expect(toMoney(open)).toBe(toMoney(expected.open ?? "0"));
    }
  });
});

describe("the guard", () => {
  async function pair() {
    const account = await createTestAccount(db, org);
    const [inv, pay] = await issueDocuments(db, SYSTEM_ACTOR, [
      {
        accountId: account.id,
        kind: "invoice",
        series: "G",
        folio: `${account.number}-1`,
        issueDate: "2026-02-01",
        currency: "MXN",
        amount: "100.00",
      },
      {
        accountId: account.id,
        kind: "payment",
        series: "GP",
        folio: `${account.number}-1`,
        issueDate: "2026-02-02",
        currency: "MXN",
        amount: "80.00",
      },
    ]);
    const [app] = await applyCredits(db, SYSTEM_ACTOR, [
      { sourceId: pay.id, targetId: inv.id, amount: "60.00", appliedOn: "2026-02-03" },
    ]);
    return { account, inv: inv.id, pay: pay.id, app };
  }
  const refusal = async (run: () => Promise<unknown>) => {
    try {
      await run();
      return "accepted";
    } catch (error) {
      const e = error as { code?: string; cause?: { code?: string; message?: string }; message: string };
      return `${e.cause?.code ?? e.code ?? ""} ${e.cause?.message ?? e.message}`;
    }
  };

  it("refuses to change applied_amount or last_applied_on outside the ledger, and open_amount at all", async () => {
    const { inv } = await pair();
    expect(await refusal(() => db.execute(sql`update documents set applied_amount = 0 where id = ${inv}`))).toMatch(
      /^42501 .*written by the ledger module only/,
    );
    expect(await refusal(() => db.execute(sql`update documents set last_applied_on = null where id = ${inv}`))).toMatch(
      /^42501 /,
    );
    expect(await refusal(() => db.execute(sql`update documents set open_amount = 100 where id = ${inv}`))).toMatch(
      /^428C9 /, // generated_always: a generated column can only be updated to DEFAULT
    );
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });

  it("lets nothing else write once the ledger's own update is done, even in the same transaction", async () => {
    const { inv, pay } = await pair();
    const outcome = await refusal(() =>
      db.transaction(async (tx) => {
        await applyCredits(tx, SYSTEM_ACTOR, [
          { sourceId: pay, targetId: inv, amount: "10.00", appliedOn: "2026-02-04" },
        ]);
        await tx.execute(sql`update documents set applied_amount = applied_amount + 1 where id = ${inv}`);
      }),
    );
    expect(outcome).toMatch(/^42501 /);
  });

  it("starts every new document with nothing applied", async () => {
    const account = await createTestAccount(db, org);
    const insert = (applied: string, last: string | null) =>
      db.execute(sql`
        insert into documents (id, seller_id, account_id, kind, effect, series, folio, issue_date, due_date, currency, amount, applied_amount, last_applied_on)
        values (${`ins-${applied}-${last}`}, ${org.seller.id}, ${account.id}, 'invoice', 'charge', 'INS', ${`${applied}-${last}`},
                '2026-02-01', '2026-03-01', 'MXN', 100, ${applied}::numeric, ${last}::date)`);
    expect(await refusal(() => insert("50", null))).toMatch(/^23514 .*starts at 0/);
    expect(await refusal(() => insert("0", "2026-02-01"))).toMatch(/^23514 /);
    const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
      {
        accountId: account.id,
        kind: "invoice",
        series: "INS",
        folio: "ok",
        issueDate: "2026-02-01",
        currency: "MXN",
        amount: "100.00",
      },
    ]);
    const [row] = await queryRows<{ applied: string; open: string; last: string | null }>(
      db,
      sql`select applied_amount::text as applied, open_amount::text as open, last_applied_on::text as last from documents where id = ${doc.id}`,
    );
    expect(row).toEqual({ applied: "0.00", open: "100.00", last: null });
  });

  it("keeps 0 ≤ applied ≤ amount even for a writer that sets the ledger's flag", async () => {
    const { inv } = await pair();
    const write = (applied: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('cartera.ledger_write', 'on', true)`);
        await tx.execute(sql`update documents set applied_amount = ${applied}::numeric where id = ${inv}`);
      });
    expect(await refusal(() => write("100.01"))).toMatch(/^23514 .*documents_(applied|open)_within_amount/);
    expect(await refusal(() => write("-0.01"))).toMatch(/^23514 .*documents_(applied|open)_within_amount/);
  });

  it("gives a cancelled document nothing open, whatever was applied to it", async () => {
    const { inv, pay } = await pair();
    await db.execute(sql`update documents set status = 'cancelled' where id = ${inv}`);
    const [row] = await queryRows<{ open: string; applied: string }>(
      db,
      sql`select open_amount::text as open, applied_amount::text as applied from documents where id = ${inv}`,
    );
    expect(row).toEqual({ open: "0.00", applied: "60.00" });
    // the payment is still issued: what it did not apply stays open
    const [payment] = await queryRows<{ open: string }>(
      db,
      sql`select open_amount::text as open from documents where id = ${pay}`,
    );
    expect(payment.open).toBe("20.00");
    expect((await verifyOpenItems(db)).differences).toEqual([]);
  });
});

describe("ledger:verify", () => {
  it("reports a stored open amount that was tampered with, and exits 1", async () => {
    const { inv, account } = await (async () => {
      const acct = await createTestAccount(db, org);
      const [i, p] = await issueDocuments(db, SYSTEM_ACTOR, [
        {
          accountId: acct.id,
          kind: "invoice",
          series: "T",
          folio: "1",
          issueDate: "2026-02-01",
          currency: "MXN",
          amount: "100.00",
        },
        {
          accountId: acct.id,
          kind: "payment",
          series: "TP",
          folio: "1",
          issueDate: "2026-02-02",
          currency: "MXN",
          amount: "60.00",
        },
      ]);
      await applyCredits(db, SYSTEM_ACTOR, [
        { sourceId: p.id, targetId: i.id, amount: "60.00", appliedOn: "2026-02-03" },
      ]);
      return { inv: i.id, account: acct };
    })();
    expect((await verifyOpenItems(db)).differences).toEqual([]);

    // A superuser can switch triggers off for a session (replication role) and write what it likes.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update documents set applied_amount = 10 where id = ${inv}`);
    });
    const report = await verifyOpenItems(db);
    expect(report.differences).toEqual([
      {
        documentId: inv,
        accountNumber: account.number,
        serieFolio: "T-1",
        kind: "invoice",
        status: "issued",
        stored: { applied: "10.00", open: "90.00", lastAppliedOn: "2026-02-03" },
        computed: { applied: "60.00", open: "40.00", lastAppliedOn: "2026-02-03" },
      },
    ]);
    const lines = formatOpenItemsReport(report);
    expect(lines[0]).toBe(
      `${account.number} T-1 (invoice, ${inv}): open stored 90.00, computed 40.00; applied stored 10.00, computed 60.00`,
    );
    expect(lines.at(-1)).toMatch(/1 difference\.$/);

    // The command itself, on a copy of this database (PGlite) or on it (PostgreSQL).
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test" };
    let dir: string | undefined;
    if (database.url) env.DATABASE_URL = database.url;
    else {
      delete env.DATABASE_URL;
      dir = mkdtempSync(path.join(tmpdir(), "cartera-verify-"));
      const dump = await (db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
      const copy = await openDatabase({ dataDir: dir, loadDataDir: dump });
      await copy.close();
      env.PGLITE_DIR = dir;
    }
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/ledger-verify.ts"], {
        env,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toContain(`T-1 (invoice, ${inv}): open stored 90.00, computed 40.00`);
      expect(run.stdout).toContain("1 difference.");
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
