// The customer home's figures, asserted against values computed by hand on a small ledger built with
// the ledger's own operations: balance, overdue, not yet due, aging, credit used and available
// (getAccountOverview over getAccountBalances), what falls due in 7 and 30 days and the last payments
// with what each paid (getAccountActivity), and the same figures as AccountOverviewView prints them.
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { AccountOverviewView } from "~/components/account-overview";
import { createCustomerGroup } from "~/domain/accounts/create-organization.server";
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { reverseApplication } from "~/domain/ledger/apply-credits.server";
import type { Db } from "~/utils/db.server";
import { createI18nInstance } from "~/utils/i18n";
import { applyAmount, cancelDocuments, issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { type Seller, databaseTest } from "../setup/route-test";
import { type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Seller;

const AS_OF = "2026-03-15";
const ids: Record<string, string> = {};
let accountId: string;

const zeroBucket = { amount: "0.00", count: 0 };

function renderHome(
  overview: Awaited<ReturnType<typeof getAccountOverview>>,
  activity: Awaited<ReturnType<typeof getAccountActivity>>,
) {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18nInstance("es")}>
      <StaticRouter location="/portal">
        <AccountOverviewView
          overview={overview}
          activity={activity}
          basePath="/portal"
          language="es"
          title="Resumen de cuenta"
        />
      </StaticRouter>
    </I18nextProvider>,
  );
}

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  org = seller;
  const account = await createTestAccount(db, org, { paymentTermDays: 30, creditLimit: "10000.00" });
  accountId = account.id;
  const inv = async (key: string, amount: string, issueDate: string, dueDate?: string, currency?: "USD") => {
    ids[key] = await issueDocument(db, accountId, "invoice", amount, issueDate, {
      series: "A",
      folio: key,
      dueDate,
      currency,
    });
  };
  // The hand-built ledger, as of 2026-03-15 (term 30 days). Days past due = 2026-03-15 − due date.
  await inv("1", "1000.00", "2026-01-01"); // due 2026-01-31 by the term: 43 days past due → 31–60
  await inv("2", "800.00", "2026-02-01", "2026-02-14"); // 29 days past due → 1–30
  await inv("3", "100.00", "2026-03-01", "2026-03-15"); // due today: current, and due within 7 days
  await inv("4", "2000.00", "2026-03-01", "2026-03-22"); // due today + 7
  await inv("5", "3000.00", "2026-03-01", "2026-03-23"); // due today + 8: within 30, not within 7
  await inv("6", "250.00", "2026-03-10", "2026-04-14"); // due today + 30
  await inv("7", "400.00", "2026-03-10", "2026-04-15"); // due today + 31: not within 30
  await inv("8", "300.00", "2026-03-01", "2026-03-20"); // paid in full below: nothing falls due
  await inv("9", "5000.00", "2026-03-16", "2026-03-18"); // issued after the as-of date: not there yet
  await inv("10", "9000.00", "2026-03-01", "2026-03-17"); // cancelled below
  await inv("U1", "100.00", "2026-03-01", "2026-03-31", "USD"); // a USD invoice in the MXN account
  await cancelDocuments(db, ids["10"]);

  ids.p1 = await issueDocument(db, accountId, "payment", "1000.00", "2026-02-10", { series: "P", folio: "1" });
  ids.p2 = await issueDocument(db, accountId, "payment", "600.00", "2026-03-05", { series: "P", folio: "2" });
  ids.p3 = await issueDocument(db, accountId, "payment", "50.00", "2026-03-20", { series: "P", folio: "3" });
  ids.nc1 = await issueDocument(db, accountId, "credit_note", "500.00", "2026-03-02", { series: "NC", folio: "1" });
  // P-1: 400 to A-1, 300 to A-8 (paid in full); 300 left unapplied.
  await applyAmount(db, ids.p1, ids["1"], "400.00", "2026-02-10");
  await applyAmount(db, ids.p1, ids["8"], "300.00", "2026-03-02");
  // P-2: 200 + 150 to A-1 (one line: 350), 250 to A-4 then reversed (not shown); 250 left unapplied.
  await applyAmount(db, ids.p2, ids["1"], "200.00", "2026-03-05");
  await applyAmount(db, ids.p2, ids["1"], "150.00", "2026-03-06");
  const toA4 = await applyAmount(db, ids.p2, ids["4"], "250.00", "2026-03-05");
  await reverseApplication(db, SYSTEM_ACTOR, { applicationId: toA4, reversedOn: "2026-03-07", reason: "mal aplicado" });
  // NC-1: 500 to A-5.
  await applyAmount(db, ids.nc1, ids["5"], "500.00", "2026-03-03");
});

// Open charges (MXN) on 2026-03-15: A-1 1000−400−200−150 = 250.00 (31–60); A-2 800.00 (1–30);
// current: A-3 100 + A-4 2000 + A-5 3000−500 + A-6 250 + A-7 400 = 5250.00 (5 documents); A-8 0.
// Total 6300.00. Unapplied: P-1 300 + P-2 250 = 550.00. Balance 5750.00; overdue 1050.00.
const MXN_TOTALS = {
  currency: "MXN",
  openCharges: "6300.00",
  unappliedCredits: "550.00",
  balance: "5750.00",
  overdue: "1050.00",
  notDue: "5250.00",
  disputed: "0.00",
  aging: {
    current: { amount: "5250.00", count: 5 },
    d1_30: { amount: "800.00", count: 1 },
    d31_60: { amount: "250.00", count: 1 },
    d61_90: zeroBucket,
    d91_180: zeroBucket,
    d180_plus: zeroBucket,
  },
};
const USD_TOTALS = {
  currency: "USD",
  openCharges: "100.00",
  unappliedCredits: "0.00",
  balance: "100.00",
  overdue: "0.00",
  notDue: "100.00",
  disputed: "0.00",
  aging: {
    current: { amount: "100.00", count: 1 },
    d1_30: zeroBucket,
    d31_60: zeroBucket,
    d61_90: zeroBucket,
    d91_180: zeroBucket,
    d180_plus: zeroBucket,
  },
};

describe("home figures of one account", () => {
  it("balance = open charges − unapplied credits; overdue is every bucket but current; not yet due = open charges − overdue", async () => {
    const overview = await getAccountOverview(db, { accountIds: [accountId], asOf: AS_OF });
    expect(overview.asOf).toBe(AS_OF);
    expect(overview.totals).toEqual([MXN_TOTALS, USD_TOTALS]);
    expect(overview.accounts).toHaveLength(1);
    expect(overview.accounts[0].totals).toEqual([MXN_TOTALS, USD_TOTALS]);
  });

  it("credit used is the balance in the account's currency (other currencies do not count); available = limit − used", async () => {
    const overview = await getAccountOverview(db, { accountIds: [accountId], asOf: AS_OF });
    expect(overview.accounts[0].credit).toEqual({
      limit: "10000.00",
      used: "5750.00",
      heldCheques: "0.00",
      available: "4250.00",
      exceededBy: "0.00",
    });
  });

  it("due in 7 / 30 days: open charges due from the as-of date through +7 / +30 days inclusive, per currency; paid, cancelled and not-yet-issued ones left out", async () => {
    const activity = await getAccountActivity(db, { accountIds: [accountId], asOf: AS_OF });
    expect(activity.dueSoon).toEqual([
      // 7 days: A-3 (due today) 100 + A-4 (today + 7) 2000; 30 days: also A-5 2500 and A-6 (today + 30) 250.
      { currency: "MXN", next7: { amount: "2100.00", count: 2 }, next30: { amount: "4850.00", count: 4 } },
      { currency: "USD", next7: { amount: "0.00", count: 0 }, next30: { amount: "100.00", count: 1 } },
    ]);
  });

  it("last payments: issued up to the as-of date, newest first, each with what it paid per document (reversed applications drop out) and what is left unapplied", async () => {
    const activity = await getAccountActivity(db, { accountIds: [accountId], asOf: AS_OF });
    expect(
      activity.recentPayments.map((p) => ({
        serieFolio: p.serieFolio,
        issueDate: p.issueDate,
        amount: p.amount,
        unapplied: p.unapplied,
        applications: p.applications.map((a) => [a.serieFolio, a.amount, a.appliedOn]),
      })),
    ).toEqual([
      {
        serieFolio: "P-2",
        issueDate: "2026-03-05",
        amount: "600.00",
        unapplied: "250.00",
        applications: [["A-1", "350.00", "2026-03-05"]],
      },
      {
        serieFolio: "P-1",
        issueDate: "2026-02-10",
        amount: "1000.00",
        unapplied: "300.00",
        applications: [
          ["A-1", "400.00", "2026-02-10"],
          ["A-8", "300.00", "2026-03-02"],
        ],
      },
    ]);
    expect(activity.recentPayments[1].applications.map((a) => a.targetId)).toEqual([ids["1"], ids["8"]]);
  });

  it("last payments are limited to the requested number, newest first", async () => {
    const activity = await getAccountActivity(db, { accountIds: [accountId], asOf: AS_OF, payments: 1 });
    expect(activity.recentPayments.map((p) => p.serieFolio)).toEqual(["P-2"]);
  });

  it("the as-of date defaults to today in the seller's time zone (05:30 UTC is still the day before in Mexico City)", async () => {
    const overview = await getAccountOverview(db, { accountIds: [accountId], now: new Date("2026-03-16T05:30:00Z") });
    expect(overview.asOf).toBe(AS_OF);
    expect(overview.totals[0].balance).toBe("5750.00");
  });

  it("prints each figure under its own label: balance, overdue, not yet due, unapplied, aging rows, credit used and available, due soon, payments", async () => {
    const overview = await getAccountOverview(db, { accountIds: [accountId], asOf: AS_OF });
    const activity = await getAccountActivity(db, { accountIds: [accountId], asOf: AS_OF });
    const html = renderHome(overview, activity);
    const text = html.replace(/<[^>]+>/g, "|").replace(/\|+/g, "|");
    const stat = (label: string) => text.match(new RegExp(`\\|${label}\\|([^|]+)\\|`))?.[1];
    // The first MXN block, then the credit line (its labels appear once).
    expect(stat("Saldo total")).toBe("$5,750.00");
    // The balance explains itself: open charges − unapplied credits, as the statement's PDF/XLSX say.
    expect(text).toContain("|Saldo = cargos pendientes $6,300.00 − abonos sin aplicar $550.00|");
    expect(stat("Vencido")).toBe("$1,050.00");
    expect(stat("Por vencer")).toBe("$5,250.00");
    expect(stat("Abonos sin aplicar")).toBe("$550.00");
    expect(text).toContain("|Al corriente|5|$5,250.00|");
    expect(text).toContain("|1–30 días|1|$800.00|");
    expect(text).toContain("|31–60 días|1|$250.00|");
    expect(text).toContain("|Más de 180 días|0|$0.00|");
    expect(text).toContain("|Límite de crédito|$10,000.00|Utilizado|$5,750.00|Disponible|$4,250.00|");
    expect(text).toContain(
      "|En los próximos 7 días|$2,100.00|2 documentos|En los próximos 30 días|$4,850.00|4 documentos|",
    );
    expect(text).toContain("|P-2| · 5 mar 2026|$600.00|Aplicado a: |A-1| |($350.00)|Sin aplicar: $250.00|");
    expect(text).toContain(
      "|P-1| · 10 feb 2026|$1,000.00|Aplicado a: |A-1| |($400.00)|, |A-8| |($300.00)|Sin aplicar: $300.00|",
    );
    expect(html).toContain(`href="/portal/documents/${ids["8"]}"`);
    // Each figure links to the documents that make it up, filtered as the figure counts them.
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
    const list = (filter: string) => `/portal/invoices?tab=charges&${filter}&sort=due_date&dir=asc`;
    expect(hrefs).toEqual(
      expect.arrayContaining([
        list("status=overdue&currency=MXN"),
        list("aging=current&currency=MXN"),
        list("aging=d1_30&currency=MXN"),
        list("aging=d180_plus&currency=MXN"),
        list("dueWithin=7&currency=MXN"),
        list("dueWithin=30&currency=MXN"),
        "/portal/payments?status=open&currency=MXN",
        `/portal/payments?q=P-2#credit-${ids.p2}`,
        "/portal/payments",
      ]),
    );
  });
});

describe("home figures of a group", () => {
  it("totals add up the accounts per currency; an account in credit uses none of its line, one over its limit has none available", async () => {
    const group = await createCustomerGroup(db, SYSTEM_ACTOR, { name: "Grupo Cifras" });
    const inCredit = await createTestAccount(db, org, { groupId: group.id, creditLimit: "1000.00", number: "G-1" });
    const overLimit = await createTestAccount(db, org, { groupId: group.id, creditLimit: "1000.00", number: "G-2" });
    await issueDocument(db, inCredit.id, "payment", "200.00", "2026-03-01"); // balance −200.00
    await issueDocument(db, overLimit.id, "invoice", "1500.00", "2026-03-01", { dueDate: "2026-03-01" }); // 14 days past due
    const overview = await getAccountOverview(db, { accountIds: [overLimit.id, inCredit.id], asOf: AS_OF });
    expect(overview.accounts.map((a) => [a.number, a.credit])).toEqual([
      ["G-1", { limit: "1000.00", used: "0.00", heldCheques: "0.00", available: "1000.00", exceededBy: "0.00" }],
      ["G-2", { limit: "1000.00", used: "1500.00", heldCheques: "0.00", available: "0.00", exceededBy: "500.00" }],
    ]);
    expect(overview.accounts.map((a) => a.totals.map((t) => t.balance))).toEqual([["-200.00"], ["1500.00"]]);
    expect(overview.totals).toEqual([
      {
        currency: "MXN",
        openCharges: "1500.00",
        unappliedCredits: "200.00",
        balance: "1300.00",
        overdue: "1500.00",
        notDue: "0.00",
        disputed: "0.00",
        aging: {
          current: zeroBucket,
          d1_30: { amount: "1500.00", count: 1 },
          d31_60: zeroBucket,
          d61_90: zeroBucket,
          d91_180: zeroBucket,
          d180_plus: zeroBucket,
        },
      },
    ]);
  });

  it("the group view links each account; a line over its limit says by how much", async () => {
    const group = await createCustomerGroup(db, SYSTEM_ACTOR, { name: "Grupo Enlaces" });
    const first = await createTestAccount(db, org, { groupId: group.id, creditLimit: "1000.00", number: "L-1" });
    const over = await createTestAccount(db, org, { groupId: group.id, creditLimit: "1000.00", number: "L-2" });
    await issueDocument(db, over.id, "invoice", "1234.56", "2026-03-01", { dueDate: "2026-03-20" });
    const activity = { dueSoon: [], recentPayments: [] };
    const groupHtml = renderHome(
      await getAccountOverview(db, { accountIds: [first.id, over.id], asOf: AS_OF }),
      activity,
    );
    // One form per row, posting the account to the switcher, which then shows that account's home.
    for (const account of [first, over]) {
      expect(groupHtml).toContain(`name="selection" value="${account.id}"`);
    }
    expect(groupHtml.match(/action="\/portal\/switch"/g)).toHaveLength(2);
    const single = renderHome(await getAccountOverview(db, { accountIds: [over.id], asOf: AS_OF }), activity)
      .replace(/<[^>]+>/g, "|")
      .replace(/\|+/g, "|");
    expect(single).toContain("|Utilizado|$1,234.56|Excedido por|$234.56|");
    expect(single).not.toContain("Disponible");
  });

  it("no accounts: no figures", async () => {
    expect(await getAccountOverview(db, { accountIds: [], asOf: AS_OF })).toEqual({
      asOf: AS_OF,
      accounts: [],
      totals: [],
    });
    expect(await getAccountActivity(db, { accountIds: [], asOf: AS_OF })).toEqual({ dueSoon: [], recentPayments: [] });
  });
});
