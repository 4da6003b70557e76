// Who is asking is read once per request: the root, layout and page loaders of one page share one
// session lookup (session, user and grants in one round trip), whatever the number of loaders.
import { describe, expect, it } from "vitest";
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import * as root from "~/root";
import * as portalHome from "~/routes/portal+/_index";
import * as portalLayout from "~/routes/portal+/_layout";
import * as portalInvoices from "~/routes/portal+/invoices";
import * as staffLayout from "~/routes/staff+/_layout";
import * as staffAccountHome from "~/routes/staff+/accounts.$accountId+/_index";
import * as staffAccountLayout from "~/routes/staff+/accounts.$accountId+/_layout";
import { type Db, onQuery } from "~/utils/db.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { buildRequest, signInCookie } from "../setup/routes";

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

let db: Db;
let customerCookie: string;
let staffCookie: string;
let accountId: string;

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  const org = await createMexicanSeller(db);
  const [a, b] = [await createTestAccount(db, org), await createTestAccount(db, org)];
  accountId = a.id;
  const customer = await createTestCustomer(db, [
    { accountId: a.id, role: "payer" },
    { accountId: b.id, role: "viewer" },
  ]);
  const collector = await createTestStaff(db, "collector");
  await assignCollector(db, SYSTEM_ACTOR, { accountIds: [a.id], collectorId: collector.id });
  customerCookie = await signInCookie(db, customer.id);
  staffCookie = await signInCookie(db, collector.id);
});

/** Runs the loaders of one page with one request (as Remix does) and returns the SQL they sent. */
async function pageQueries(path: string, cookie: string, loaders: Loader[], params: Record<string, string> = {}) {
  const request = buildRequest({ path, cookie });
  const queries: string[] = [];
  const stop = onQuery((q) => queries.push(q));
  try {
    await Promise.all(loaders.map((loader) => loader({ request, params, context: {} })));
  } finally {
    stop();
  }
  return queries;
}

const sessionLookups = (queries: string[]) => queries.filter((q) => /from "sessions"/.test(q));
const grantLookups = (queries: string[]) =>
  queries.filter((q) => /from "account_grants"/.test(q) && !/from "sessions"/.test(q));

describe("one lookup of who is asking per request", () => {
  it("the customer home (root + portal layout + page) reads session, user and grants once", async () => {
    const queries = await pageQueries("/portal", customerCookie, [root.loader, portalLayout.loader, portalHome.loader]);
    expect(sessionLookups(queries)).toHaveLength(1);
    expect(grantLookups(queries)).toHaveLength(0); // the grants came with the session, in the same statement
  });

  it("the invoice list does the same", async () => {
    const queries = await pageQueries("/portal/invoices", customerCookie, [
      root.loader,
      portalLayout.loader,
      portalInvoices.loader,
    ]);
    expect(sessionLookups(queries)).toHaveLength(1);
  });

  it("a staff account page reads the session once", async () => {
    const queries = await pageQueries(
      `/staff/accounts/${accountId}`,
      staffCookie,
      [root.loader, staffLayout.loader, staffAccountLayout.loader, staffAccountHome.loader],
      { accountId },
    );
    expect(sessionLookups(queries)).toHaveLength(1);
  });

  it("two requests do not share it (a signed-out session is seen at once)", async () => {
    const first = await pageQueries("/portal", customerCookie, [root.loader]);
    const second = await pageQueries("/portal", customerCookie, [root.loader]);
    expect(sessionLookups(first)).toHaveLength(1);
    expect(sessionLookups(second)).toHaveLength(1);
  });
});
