// The SQL statements each page runs, per request: loaders of root, layout(s) and page called with one
// Request as Remix does, against the seeded database (./data/pglite after `npm start`, or DATABASE_URL;
// stop the server first when on PGlite, which one process may open at a time).
//
//   npm run bench:queries
//
// Prints, per page, the number of statements and the first line of each. (The root loader is stood in
// for by its one read, getUser, since it imports the stylesheet through Vite.)
import { eq } from "drizzle-orm";
import { customerAccounts, users } from "#db/schema";
import { createSession } from "~/domain/identity/sessions.server";
import * as portalHome from "~/routes/portal+/_index";
import * as portalLayout from "~/routes/portal+/_layout";
import * as portalInvoices from "~/routes/portal+/invoices";
import * as portalStatement from "~/routes/portal+/statement";
import * as staffHome from "~/routes/staff+/_index";
import * as staffLayout from "~/routes/staff+/_layout";
import * as staffAccountHome from "~/routes/staff+/accounts.$accountId+/_index";
import * as staffAccountLayout from "~/routes/staff+/accounts.$accountId+/_layout";
import * as staffInvoices from "~/routes/staff+/accounts.$accountId+/invoices";
import { getUser } from "~/utils/auth.server";
import { getDatabase, onQuery } from "~/utils/db.server";
import { commitSessionToken } from "~/utils/session.server";

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
// The root loader imports the stylesheet (a Vite-only import); what it reads is the user and cookies.
const root = { loader: (({ request }) => getUser(request)) as Loader };

async function cookieFor(email: string): Promise<string> {
  const { db } = await getDatabase();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no user ${email}: seed the database first (npm start)`);
  const { token } = await createSession(db, { userId: user.id });
  return (await commitSessionToken(new Request("http://localhost/"), token)).split(";")[0];
}

async function run(path: string, cookie: string, loaders: Loader[], params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
  const queries: string[] = [];
  const stop = onQuery((q) => queries.push(q.replace(/\s+/g, " ").slice(0, 110)));
  try {
    await Promise.all(loaders.map((loader) => loader({ request, params, context: {} })));
  } finally {
    stop();
  }
  return queries;
}

async function main() {
  const { db, close } = await getDatabase();
  const customer = await cookieFor("compras@ferreteria-lopez.mx");
  const collector = await cookieFor("cobranza1@cartera.demo");
  const [account] = await db
    .select({ id: customerAccounts.id })
    .from(customerAccounts)
    .where(eq(customerAccounts.number, "MX-0001"));
  const params = { accountId: account.id };
  const pages: [string, string, string, Loader[], Record<string, string>?][] = [
    ["portal home", "/portal", customer, [root.loader, portalLayout.loader, portalHome.loader]],
    ["portal invoices", "/portal/invoices", customer, [root.loader, portalLayout.loader, portalInvoices.loader]],
    ["portal statement", "/portal/statement", customer, [root.loader, portalLayout.loader, portalStatement.loader]],
    ["staff home", "/staff", collector, [root.loader, staffLayout.loader, staffHome.loader]],
    [
      "staff account home",
      `/staff/accounts/${account.id}`,
      collector,
      [root.loader, staffLayout.loader, staffAccountLayout.loader, staffAccountHome.loader],
      params,
    ],
    [
      "staff invoices",
      `/staff/accounts/${account.id}/invoices`,
      collector,
      [root.loader, staffLayout.loader, staffAccountLayout.loader, staffInvoices.loader],
      params,
    ],
  ];
  for (const [name, path, cookie, loaders, p] of pages) {
    const queries = await run(path, cookie, loaders, p);
    console.log(`\n${name} (${path}): ${queries.length} statements`);
    for (const q of queries) console.log(`  - ${q}`);
  }
  await close();
}

await main();
