// Disputed amounts ("en aclaración"): what open claims dispute is marked on the account pages (invoice
// list, document detail, home, statement and its CSV) and handed to whatever chases payment by
// listDisputedAmounts, scoped to the accounts asked for. A claim raised, resolved, withdrawn or reopened
// bumps the account's ledger version (migration 0012), so a cached page shows the mark after the claim
// is raised and loses it after resolution; an assignment or a reply does not (the cache survives the
// queue's work). The marks come from one aggregate inside the page's own query: the list sends as many
// statements with many disputed rows as with none.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withdrawClaim, reopenClaim, answerClaim } from "~/domain/claims/customer-claim-actions.server";
import { listDisputedAmounts } from "~/domain/claims/disputed-amounts.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { replyToClaim, requestClaimInfo, resolveClaim, takeClaim } from "~/domain/claims/staff-claim-actions.server";
import { getDocumentDetail } from "~/domain/documents/get-document-detail.server";
import { ledgerCacheStats, resetLedgerCache } from "~/domain/ledger/ledger-cache.server";
import { listPayableDocuments } from "~/domain/payments/read-card-payments.server";
import { exportStatementCsv } from "~/domain/statements/export-statement-csv.server";
import type { Statement } from "~/domain/statements/types";
import * as root from "~/root";
import * as portalHome from "~/routes/portal+/_index";
import * as portalLayout from "~/routes/portal+/_layout";
import * as portalInvoices from "~/routes/portal+/invoices";
import * as portalStatement from "~/routes/portal+/statement";
import { type Db, onQuery, queryRows, useDatabaseForTests } from "~/utils/db.server";
import { createClaimsSetting } from "../fixtures/claims";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { buildRequest, signInCookie } from "../setup/routes";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

let database: TestDatabase;
let db: Db;
let s: Awaited<ReturnType<typeof createClaimsSetting>>;
let cookie: string;
const mx = (local: string) => new Date(`${local}-06:00`);
const NOW = mx("2026-11-09T09:00");

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  useDatabaseForTests(database);
  s = await createClaimsSetting(db);
  cookie = await signInCookie(db, s.customer.id);
});
afterAll(async () => database.close());
beforeEach(() => resetLedgerCache());

const versionOf = async (id: string) =>
  Number(
    (
      await queryRows<{ v: string }>(db, sql`select ledger_version::text as v from customer_accounts where id = ${id}`)
    )[0].v,
  );
async function bump(write: () => Promise<unknown>) {
  const before = await versionOf(s.account.id);
  await write();
  return (await versionOf(s.account.id)) - before;
}

function raiseOn(documentId: string, amount: string, lineId?: string) {
  return raiseClaim(
    db,
    s.customerActor,
    {
      accountId: s.account.id,
      type: "price_difference",
      origin: lineId ? "lines" : "invoice",
      description: "Precio distinto",
      documents: [{ documentId, lineId, amount }],
    },
    { now: NOW },
  );
}

/** Runs a page's loaders with one request, as Remix does: the SQL they sent and the page's data. */
async function page(path: string, loaders: Loader[]) {
  const request = buildRequest({ path, cookie });
  const queries: string[] = [];
  const stop = onQuery((q) => queries.push(q));
  try {
    const results = await Promise.all(loaders.map((loader) => loader({ request, params: {}, context: {} })));
    return { queries, data: results.at(-1) as Record<string, unknown> };
  } finally {
    stop();
  }
}
const invoices = () => page("/portal/invoices", [root.loader, portalLayout.loader, portalInvoices.loader]);
const home = () => page("/portal", [root.loader, portalLayout.loader, portalHome.loader]);
const statement = () =>
  page("/portal/statement?from=2026-10-01&to=2026-10-31", [root.loader, portalLayout.loader, portalStatement.loader]);

type ListData = { result: { rows: { id: string; disputed: string | null }[] } };
type HomeData = { overview: { totals: { currency: string; disputed: string }[] } };
type StatementData = { statement: Statement };
const listMark = (d: Record<string, unknown>, id: string) =>
  (d as ListData).result.rows.find((r) => r.id === id)?.disputed ?? null;
const homeMark = (d: Record<string, unknown>) =>
  (d as HomeData).overview.totals.find((t) => t.currency === "MXN")?.disputed;
const statementMark = (d: Record<string, unknown>, id: string) => {
  const section = (d as StatementData).statement.sections.find((x) => x.currency === "MXN")!;
  return { row: section.movements.find((m) => m.documentId === id)?.disputed ?? null, total: section.disputedTotal };
};

describe("a cached account page follows the claim", () => {
  it("shows the mark once a claim is raised and loses it on resolution; assignment and replies keep the cache", async () => {
    const [l1, h1, s1] = [await invoices(), await home(), await statement()];
    expect(listMark(l1.data, s.invoice.id)).toBeNull();
    expect(homeMark(h1.data)).toBe("0.00");
    expect(statementMark(s1.data, s.invoice.id)).toEqual({ row: null, total: "0.00" });
    // Served from the cache: only the session query.
    expect((await invoices()).queries).toHaveLength(1);

    let claimId = "";
    expect(await bump(async () => (claimId = (await raiseOn(s.invoice.id, "150.00", s.lines[0].id)).id))).toBe(1);
    const [l2, h2, s2] = [await invoices(), await home(), await statement()];
    expect(listMark(l2.data, s.invoice.id)).toBe("150.00");
    expect(homeMark(h2.data)).toBe("150.00");
    expect(statementMark(s2.data, s.invoice.id)).toEqual({ row: "150.00", total: "150.00" });

    const collector = s.staffActor(s.collector);
    const quiet = await bump(async () => {
      await takeClaim(db, collector, { claimId, version: 1 }, { now: NOW });
      await replyToClaim(db, collector, { claimId, version: 2, body: "Lo revisamos" }, { now: NOW });
    });
    expect(quiet).toBe(0);
    const hitsBefore = ledgerCacheStats().hits;
    expect((await invoices()).queries).toHaveLength(1);
    // The list and the header's claims counter (portal layout) both come from the cache.
    expect(ledgerCacheStats().hits).toBe(hitsBefore + 2);

    expect(
      await bump(() =>
        resolveClaim(
          db,
          collector,
          { claimId, version: 3, resolution: "rejected", reason: "Precio correcto" },
          { now: NOW },
        ),
      ),
    ).toBe(1);
    const [l3, h3, s3] = [await invoices(), await home(), await statement()];
    expect(listMark(l3.data, s.invoice.id)).toBeNull();
    expect(homeMark(h3.data)).toBe("0.00");
    expect(statementMark(s3.data, s.invoice.id)).toEqual({ row: null, total: "0.00" });

    // Reopened, the claim disputes again; withdrawn, it no longer does.
    expect(
      await bump(() => reopenClaim(db, s.customerActor, { claimId, version: 4, reason: "Contrato" }, { now: NOW })),
    ).toBe(1);
    expect(listMark((await invoices()).data, s.invoice.id)).toBe("150.00");
    expect(await bump(() => withdrawClaim(db, s.customerActor, { claimId, version: 5 }, { now: NOW }))).toBe(1);
    expect(listMark((await invoices()).data, s.invoice.id)).toBeNull();
  });
});

describe("the marks", () => {
  it("document detail: the amount and the open claims behind it; statement CSV: the column and the total row", async () => {
    const invoice = await issueDocument(db, s.account.id, "invoice", "500.00", "2026-10-05");
    const a = await raiseOn(invoice, "120.00");
    const b = await raiseOn(invoice, "30.50");
    const detail = await getDocumentDetail(db, { accountIds: [s.account.id], documentId: invoice });
    expect(detail?.disputed).toBe("150.50");
    expect(detail?.disputedClaims.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    // Another customer's scope sees neither the document nor its marks.
    expect(await getDocumentDetail(db, { accountIds: [s.other.id], documentId: invoice })).toBeNull();

    const st = (await statement()).data as StatementData;
    const csv = new TextDecoder()
      .decode(exportStatementCsv(st.statement, { language: "es" }))
      .slice(1)
      .split("\r\n");
    expect(csv[0].endsWith(",Vencido,En aclaración")).toBe(true);
    const folio = await serieFolio(invoice);
    const row = csv.find((l) => l.includes(`,${folio},`))!;
    expect(row.endsWith(",150.50")).toBe(true);
    const total = csv.find((l) => l.includes("Total en aclaración"))!;
    expect(total.split(",").at(-1)).toBe(st.statement.sections[0].disputedTotal);
  });

  it("the invoice list sends as many statements with several disputed rows as with one (no query per row)", async () => {
    const first = await invoices();
    for (let i = 0; i < 3; i += 1) {
      const doc = await issueDocument(db, s.account.id, "invoice", "80.00", "2026-10-06");
      await raiseOn(doc, "10.00");
    }
    const second = await invoices();
    const disputedRows = (second.data as ListData).result.rows.filter((r) => r.disputed !== null).length;
    expect(disputedRows).toBeGreaterThan((first.data as ListData).result.rows.filter((r) => r.disputed).length);
    expect(second.queries.length).toBe(first.queries.length);
  });
});

async function serieFolio(documentId: string) {
  const [r] = await queryRows<{ sf: string }>(
    db,
    sql`select series || '-' || folio as sf from documents where id = ${documentId}`,
  );
  return r.sf;
}

describe("listDisputedAmounts (for payment suggestions and reminders)", () => {
  it("per document of the accounts asked for: open claims only, summed, capped at what is still open", async () => {
    const invoice = await issueDocument(db, s.account.id, "invoice", "300.00", "2026-10-07");
    const open = await raiseOn(invoice, "200.00");
    const closed = await raiseOn(invoice, "50.00");
    await resolveClaim(
      db,
      s.staffActor(s.collector),
      { claimId: closed.id, version: 1, resolution: "rejected", reason: "No procede" },
      { now: NOW },
    );
    // Paid in part since: 150 still open, of which everything disputed that fits.
    const payment = await issueDocument(db, s.account.id, "payment", "150.00", "2026-10-08");
    await applyAmount(db, payment, invoice, "150.00", "2026-10-08");

    const [row] = await listDisputedAmounts(db, [s.account.id], { documentIds: [invoice] });
    expect(row).toEqual({
      accountId: s.account.id,
      documentId: invoice,
      currency: "MXN",
      disputed: "200.00",
      disputedOpen: "150.00",
      claimIds: [open.id],
    });
    const all = await listDisputedAmounts(db, [s.account.id]);
    expect(all.some((r) => r.documentId === invoice)).toBe(true);
    expect(all.every((r) => r.accountId === s.account.id)).toBe(true);
    // Scoped: another account (or none) sees nothing of it.
    expect(await listDisputedAmounts(db, [s.other.id])).toEqual([]);
    expect(await listDisputedAmounts(db, [])).toEqual([]);
    expect(await listDisputedAmounts(db, [s.account.id], { documentIds: [] })).toEqual([]);
  });

  it("the card payment page suggests the open amount less what is disputed (a fully disputed charge: nothing)", async () => {
    const part = await issueDocument(db, s.account.id, "invoice", "400.00", "2026-10-09");
    const whole = await issueDocument(db, s.account.id, "invoice", "90.00", "2026-10-09");
    await raiseOn(part, "100.00");
    await raiseOn(whole, "90.00");
    const payable = await listPayableDocuments(db, s.account.id);
    expect(payable.find((d) => d.id === part)).toMatchObject({
      open: "400.00",
      disputed: "100.00",
      suggested: "300.00",
    });
    expect(payable.find((d) => d.id === whole)).toMatchObject({ disputed: "90.00", suggested: "0.00" });
  });
});

describe("the portal header's counter of claims waiting on the customer", () => {
  it("follows a request for information and the answer, through the page cache", async () => {
    const waiting = async () => {
      const result = await page("/portal/invoices", [root.loader, portalLayout.loader]);
      return (result.data as { claimsWaiting: number }).claimsWaiting;
    };
    const before = await waiting();
    const claim = await raiseOn(s.invoice.id, "10.00", s.lines[0].id);
    const collector = s.staffActor(s.collector);
    await takeClaim(db, collector, { claimId: claim.id, version: 1 }, { now: NOW });
    expect(await waiting()).toBe(before);
    await requestClaimInfo(
      db,
      collector,
      { claimId: claim.id, version: 2, body: "Envíenos la remisión" },
      { now: NOW },
    );
    expect(await waiting()).toBe(before + 1);
    await answerClaim(db, s.customerActor, { claimId: claim.id, version: 3, body: "Adjunta" }, { now: NOW });
    expect(await waiting()).toBe(before);
  });
});
