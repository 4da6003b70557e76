// The page cache (ADR 009, "Page cache"): every write that changes what the account pages show moves the
// account's ledger version (triggers of migration 0008, whoever writes), the version never goes down, the
// pages read it with the session and serve what they computed at that version only; a change made
// elsewhere (another app instance, psql) is seen by the next request.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { listDocuments } from "~/domain/documents/list-documents.server";
import { reverseApplication } from "~/domain/ledger/apply-credits.server";
import { ledgerCacheStats, resetLedgerCache } from "~/domain/ledger/ledger-cache.server";
import * as root from "~/root";
import * as portalHome from "~/routes/portal+/_index";
import * as portalLayout from "~/routes/portal+/_layout";
import * as portalInvoices from "~/routes/portal+/invoices";
import * as portalStatement from "~/routes/portal+/statement";
import { type Db, onQuery, queryRows, useDatabaseForTests } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { addDays, applyAmount, cancelDocuments, issueDocument } from "../fixtures/ledger";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer } from "../fixtures/users";
import { buildRequest, signInCookie } from "../setup/routes";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

let database: TestDatabase;
let db: Db;
let org: Awaited<ReturnType<typeof createMexicanSeller>>;
let accountId: string;
let otherAccountId: string;
let cookie: string;
const today = todayIn("America/Mexico_City");

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  useDatabaseForTests(database);
  org = await createMexicanSeller(db);
  accountId = (await createTestAccount(db, org)).id;
  otherAccountId = (await createTestAccount(db, org)).id;
  const customer = await createTestCustomer(db, [{ accountId, role: "payer" }]);
  cookie = await signInCookie(db, customer.id);
});
afterAll(async () => database.close());
beforeEach(() => resetLedgerCache());

async function versionOf(id: string): Promise<number> {
  const [row] = await queryRows<{ v: string }>(
    db,
    sql`select ledger_version::text as v from customer_accounts where id = ${id}`,
  );
  return Number(row.v);
}

/** Runs `write` and returns how much it moved the account's version and the other account's. */
async function bumps(write: () => Promise<unknown>) {
  const [before, otherBefore] = [await versionOf(accountId), await versionOf(otherAccountId)];
  await write();
  return { account: (await versionOf(accountId)) - before, other: (await versionOf(otherAccountId)) - otherBefore };
}

describe("the ledger version moves with every write the pages show", () => {
  it("issuing, applying, reversing and cancelling move it, and only for the account written", async () => {
    let invoice = "";
    let payment = "";
    let application = "";
    expect(
      (await bumps(async () => (invoice = await issueDocument(db, accountId, "invoice", "100.00", today)))).account,
    ).toBeGreaterThan(0);
    payment = await issueDocument(db, accountId, "payment", "40.00", today);
    const applied = await bumps(async () => (application = await applyAmount(db, payment, invoice, "40.00", today)));
    expect(applied.account).toBeGreaterThan(0);
    expect(applied.other).toBe(0);
    expect(
      (
        await bumps(() =>
          reverseApplication(db, SYSTEM_ACTOR, { applicationId: application, reversedOn: today, reason: "test" }),
        )
      ).account,
    ).toBeGreaterThan(0);
    expect((await bumps(() => cancelDocuments(db, invoice))).account).toBeGreaterThan(0);
  });

  it("remissions, files, the account row and its seller move it; a write by hand (psql) too", async () => {
    const invoice = await issueDocument(db, accountId, "invoice", "10.00", today);
    expect(
      (
        await bumps(() =>
          db.execute(
            sql`insert into remissions (id, invoice_id, number, delivery_date) values (${crypto.randomUUID()}, ${invoice}, 'R-1', ${today}::date)`,
          ),
        )
      ).account,
    ).toBe(1);
    expect(
      (await bumps(() => db.execute(sql`update remissions set received_by = 'Juan' where invoice_id = ${invoice}`)))
        .account,
    ).toBe(1);
    const file = crypto.randomUUID();
    await db.execute(
      sql`insert into stored_files (id, sha256, media_type, size, content) values (${file}, ${file}, 'application/xml', 1, '\\x00'::bytea)`,
    );
    expect(
      (
        await bumps(() =>
          db.execute(
            sql`insert into document_files (document_id, file_id, role, file_name) values (${invoice}, ${file}, 'xml', 'a.xml')`,
          ),
        )
      ).account,
    ).toBe(1);
    expect(
      (await bumps(() => db.execute(sql`update customer_accounts set credit_limit = 1 where id = ${accountId}`)))
        .account,
    ).toBe(1);
    expect(
      await bumps(() => db.execute(sql`update sellers set legal_name = legal_name || '.' where id = ${org.seller.id}`)),
    ).toEqual({ account: 1, other: 1 });
    // A statement that changes nothing of the account does not move it.
    expect((await bumps(() => db.execute(sql`update documents set notes = notes where id = 'none'`))).account).toBe(0);
  });

  it("never goes down (an old cache entry cannot come back), and the database says so", async () => {
    const v = await versionOf(accountId);
    let refusal = "accepted";
    try {
      await db.execute(sql`update customer_accounts set ledger_version = ${v - 1} where id = ${accountId}`);
    } catch (error) {
      const e = error as { code?: string; cause?: { code?: string; message?: string }; message: string };
      refusal = `${e.cause?.code ?? e.code ?? ""} ${e.cause?.message ?? e.message}`;
    }
    expect(refusal).toMatch(/^23514 .*never goes down/);
    expect(await versionOf(accountId)).toBe(v);
  });
});

/** Runs the loaders of one page with one request, as Remix does, and returns the SQL they sent and the page's data. */
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

describe("the account pages serve from the cache only at the version they just read", () => {
  const invoices = () => page("/portal/invoices", [root.loader, portalLayout.loader, portalInvoices.loader]);
  const totalOpen = (data: Record<string, unknown>) =>
    (data as { result: { totals: { open: string }[] } }).result.totals.map((t) => t.open);

  it("a repeated request runs only the session query; a change made elsewhere shows on the next one", async () => {
    const invoice = await issueDocument(db, accountId, "invoice", "250.00", addDays(today, -3));
    const first = await invoices();
    const second = await invoices();
    expect(second.queries).toHaveLength(1); // who is asking (with the ledger versions); the list came from the cache
    expect(totalOpen(second.data)).toEqual(totalOpen(first.data));
    expect(ledgerCacheStats().hits).toBe(2); // the list and the header's claims counter

    // Another instance (here: plain SQL through the ledger's own functions on the same database) pays part of it.
    const payment = await issueDocument(db, accountId, "payment", "50.00", today);
    await applyAmount(db, payment, invoice, "50.00", today);
    const third = await invoices();
    expect(third.queries.length).toBeGreaterThan(1);
    const before = Number(totalOpen(first.data)[0]);
    expect(Number(totalOpen(third.data)[0])).toBeCloseTo(before - 50, 2);
  });

  it("home and statement are served from the cache too, and see a change the same way", async () => {
    const home = () => page("/portal", [root.loader, portalLayout.loader, portalHome.loader]);
    const statement = () => page("/portal/statement", [root.loader, portalLayout.loader, portalStatement.loader]);
    const balance = (d: Record<string, unknown>) =>
      (d as { overview: { totals: { balance: string }[] } }).overview.totals[0]?.balance ?? "0.00";
    const closing = (d: Record<string, unknown>) =>
      (d as { statement: { sections: { closingBalance: string }[] } }).statement.sections[0].closingBalance;
    const [h1, s1] = [await home(), await statement()];
    const [h2, s2] = [await home(), await statement()];
    expect(h2.queries).toHaveLength(1);
    expect(s2.queries).toHaveLength(1);
    expect(balance(h2.data)).toBe(balance(h1.data));
    // Dated inside the default period (on the 1st of a month that is the previous month, not today).
    const periodEnd = (s1.data as { statement: { period: { to: string } } }).statement.period.to;
    await issueDocument(db, accountId, "invoice", "30.00", periodEnd);
    const [h3, s3] = [await home(), await statement()];
    expect(Number(balance(h3.data))).toBeCloseTo(Number(balance(h1.data)) + 30, 2);
    expect(Number(closing(s3.data))).toBeCloseTo(Number(closing(s1.data)) + 30, 2);
    expect(closing(s2.data)).toBe(closing(s1.data));
  });

  it("a domain read without versions (or for an account it has none of) is not cached", async () => {
    const input = { accountIds: [accountId], tab: "invoices" as const, asOf: today };
    await listDocuments(db, input);
    await listDocuments(db, input, { ledgerVersions: { [otherAccountId]: "1" } });
    expect(ledgerCacheStats()).toMatchObject({ hits: 0, misses: 0, uncached: 2, entries: 0 });
  });

  it("entries are per set of accounts: the same versions for another account never hit", async () => {
    const v = String(await versionOf(accountId));
    const mine = await listDocuments(
      db,
      { accountIds: [accountId], tab: "invoices", asOf: today },
      { ledgerVersions: { [accountId]: v } },
    );
    const theirs = await listDocuments(
      db,
      { accountIds: [otherAccountId], tab: "invoices", asOf: today },
      { ledgerVersions: { [otherAccountId]: v } },
    );
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(theirs.rows).toHaveLength(0);
    expect(ledgerCacheStats()).toMatchObject({ hits: 0, misses: 2 });
  });
});
