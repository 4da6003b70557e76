// Home, statement, document list and payments page tell one story for every demo account and for the
// group view: per currency, home's balance = the statement's closing balance = the list's open charges
// − the payments page's unapplied credits; home's overdue and each aging bucket equal the list filtered
// the way home links to it; "due in 7/30 days" equals the list's dueWithin filter.
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed/index";
import { seedDemoPayments } from "#db/seed/payments";
import { seedDemoPlans } from "#db/seed/plans";
import { seedDemoUsers } from "#db/seed/users";
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { listDocuments, type ListDocumentsInput } from "~/domain/documents/list-documents.server";
import type { DocumentListFilters } from "~/domain/documents/schemas";
import { AGING_BUCKETS } from "~/domain/ledger/aging-buckets";
import { getStatement } from "~/domain/statements/get-statement.server";
import { queryRows } from "~/utils/db.server";
import type { Currency } from "~/utils/money";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const TODAY = "2026-11-20";
const ANCHOR = new Date("2026-11-20T15:00:00Z");

let database: TestDatabase;
let accounts: { id: string; number: string; groupId: string | null }[];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db, { invoices: 800, today: TODAY, afterAccounts: seedDemoUsers });
  // The demo's payments (applied, in review, a returned cheque and its fee, cheques held) and plans too.
  await seedDemoPayments(database.db, { anchor: ANCHOR });
  await seedDemoPlans(database.db, { anchor: ANCHOR });
  accounts = await queryRows(
    database.db,
    sql`select id, number, group_id as "groupId" from customer_accounts order by number`,
  );
}, 300_000);
afterAll(async () => {
  await database?.close();
});

async function listOpen(accountIds: string[], tab: ListDocumentsInput["tab"], filters: Partial<DocumentListFilters>) {
  const { totals } = await listDocuments(database.db, { accountIds, tab, filters, asOf: TODAY, page: { size: 1 } });
  const byCurrency = new Map<Currency, string>();
  for (const t of totals ?? []) byCurrency.set(t.currency, t.open);
  return byCurrency;
}

async function expectAgreement(label: string, accountIds: string[]) {
  const overview = await getAccountOverview(database.db, { accountIds, asOf: TODAY });
  const activity = await getAccountActivity(database.db, { accountIds, asOf: TODAY });
  const openCharges = await listOpen(accountIds, "charges", { status: "open" });
  const unapplied = await listOpen(accountIds, "credits", { status: "open" });
  const overdue = await listOpen(accountIds, "charges", { status: "overdue" });
  const buckets = Object.fromEntries(
    await Promise.all(
      AGING_BUCKETS.map(async (b) => [b, await listOpen(accountIds, "charges", { aging: b })] as const),
    ),
  );
  const within7 = await listOpen(accountIds, "charges", { dueWithin: 7 });
  const within30 = await listOpen(accountIds, "charges", { dueWithin: 30 });
  const zero = "0.00";
  for (const home of overview.totals) {
    const c = home.currency;
    const where = `${label} ${c}`;
    expect(openCharges.get(c) ?? zero, `${where} open charges`).toBe(home.openCharges);
    expect(unapplied.get(c) ?? zero, `${where} unapplied credits`).toBe(home.unappliedCredits);
    expect(
      new Decimal(openCharges.get(c) ?? 0).minus(unapplied.get(c) ?? 0).toFixed(2),
      `${where} list − payments`,
    ).toBe(home.balance);
    expect(overdue.get(c) ?? zero, `${where} overdue`).toBe(home.overdue);
    for (const b of AGING_BUCKETS) expect(buckets[b].get(c) ?? zero, `${where} ${b}`).toBe(home.aging[b].amount);
    const due = activity.dueSoon.find((d) => d.currency === c);
    expect(within7.get(c) ?? zero, `${where} due in 7`).toBe(due?.next7.amount ?? zero);
    expect(within30.get(c) ?? zero, `${where} due in 30`).toBe(due?.next30.amount ?? zero);
  }
  // The lists find nothing open in a currency home does not show.
  for (const c of openCharges.keys())
    if (!overview.totals.some((t) => t.currency === c)) expect(openCharges.get(c), `${label} ${c}`).toBe("0.00");
  return overview;
}

describe("home, statement, list and payments agree", () => {
  it("for every demo account", { timeout: 300_000 }, async () => {
    expect(accounts.length).toBeGreaterThanOrEqual(40);
    let nonZero = 0;
    for (const account of accounts) {
      const overview = await expectAgreement(account.number, [account.id]);
      const statement = await getStatement(database.db, {
        accountId: account.id,
        accountIds: [account.id],
        from: "2026-11-01",
        to: TODAY,
      });
      for (const home of overview.totals) {
        const section = statement!.sections.find((s) => s.currency === home.currency);
        expect(section?.closingBalance, `${account.number} ${home.currency} statement closing`).toBe(home.balance);
        expect(section?.aging.balance, `${account.number} ${home.currency} statement aging`).toBe(home.balance);
        expect(section?.aging.overdue).toBe(home.overdue);
        if (home.balance !== "0.00") nonZero += 1;
      }
    }
    expect(nonZero).toBeGreaterThan(20);
  });

  it("for every group view", { timeout: 120_000 }, async () => {
    const groups = new Map<string, string[]>();
    for (const a of accounts) if (a.groupId) groups.set(a.groupId, [...(groups.get(a.groupId) ?? []), a.id]);
    expect(groups.size).toBeGreaterThan(0);
    for (const [groupId, ids] of groups) {
      const overview = await expectAgreement(`group ${groupId}`, ids);
      // The group's figures are the sum of its accounts'.
      for (const total of overview.totals) {
        const sum = overview.accounts
          .flatMap((a) => a.totals.filter((t) => t.currency === total.currency))
          .reduce((s, t) => s.plus(t.balance), new Decimal(0));
        expect(sum.toFixed(2)).toBe(total.balance);
      }
    }
  });
});
