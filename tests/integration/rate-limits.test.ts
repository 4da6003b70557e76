// Rate limits of the expensive and abusable actions, through the route modules: invoice and statement
// PDFs, statement XLSX/CSV, ZIPs, "email me the statement" and invitations. Each budget trips at its
// size and answers 429 with Retry-After and a message in the reader's language; users (and, for
// invitations, accounts) do not share a budget; refused or not-found requests cost nothing. Also the
// statement's longest period. On PostgreSQL the counts live in rate_limits and are shared by every
// process on the database.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { getStatement } from "~/domain/statements/get-statement.server";
import { MAX_STATEMENT_MONTHS } from "~/domain/statements/period";
import type { StatementData } from "~/pages/statement.server";
import * as portalDocumentPdf from "~/routes/portal+/documents.$documentId_.pdf";
import * as portalZip from "~/routes/portal+/documents.zip";
import * as portalStatement from "~/routes/portal+/statement";
import * as portalStatementFile from "~/routes/portal+/statement_.$format";
import * as portalUsers from "~/routes/portal+/users";
import * as staffStatementFile from "~/routes/staff+/accounts.$accountId+/statement_.$format";
import { type Db, openDatabase, queryRows, useDatabaseForTests } from "~/utils/db.server";
import { RATE_LIMITS, consumeRateLimit } from "~/utils/rate-limit.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { createTestCustomer, createTestStaff, uniqueEmail } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { BASE, callRoute, signInCookie } from "../setup/routes";
import { type TestMailbox } from "../setup/smtp";
import { onPostgres } from "../setup/test-database";

const PERIOD = "from=2026-10-01&to=2026-10-31";

let db: Db;
let mailbox: TestMailbox;
let org: Awaited<ReturnType<typeof createMexicanSeller>>;
let account: { id: string };
let invoiceIds: string[];

routeTest.beforeAll(async ({ db: fileDb, mailbox: fileMailbox }) => {
  db = fileDb;
  mailbox = fileMailbox;
  org = await createMexicanSeller(db);
  account = await createTestAccount(db, org);
  const issued = await issueDocuments(
    db,
    SYSTEM_ACTOR,
    ["9001", "9002"].map((folio) => ({
      kind: "invoice" as const,
      accountId: account.id,
      series: "R",
      folio,
      issueDate: "2026-10-05",
      currency: "MXN" as const,
      amount: "1000.00",
      paymentMethod: "PPD" as const,
      paymentForm: "99",
    })),
  );
  invoiceIds = issued.map((d) => d.id);
});

const payer = () => createTestCustomer(db, [{ accountId: account.id, role: "payer" }]);

const invoicePdf = (cookie: string, documentId = invoiceIds[0]) =>
  callRoute(portalDocumentPdf.loader, {
    path: `/portal/documents/${documentId}/pdf`,
    params: { documentId },
    cookie,
  });
const statementFile = (cookie: string, format: string, query = PERIOD) =>
  callRoute(portalStatementFile.loader, { path: `/portal/statement/${format}?${query}`, params: { format }, cookie });
const emailStatement = (cookie: string, query = PERIOD) =>
  callRoute(portalStatement.action, { path: `/portal/statement?${query}`, cookie, form: { intent: "email" } });

async function zip(cookie: string) {
  const request = new Request(`${BASE}/portal/documents/zip`, {
    method: "POST",
    headers: { Origin: BASE, Host: new URL(BASE).host, Cookie: cookie },
    body: new URLSearchParams(invoiceIds.map((id) => ["id", id])),
  });
  const response = (await portalZip.action({ request, params: {}, context: {} })) as Response;
  return { status: response.status, response, body: await response.text() };
}

function expectRetryAfter(headers: Headers, maxSeconds: number) {
  const value = headers.get("Retry-After");
  expect(value).toMatch(/^\d+$/);
  expect(Number(value)).toBeGreaterThanOrEqual(1);
  expect(Number(value)).toBeLessThanOrEqual(maxSeconds);
}

describe("PDF downloads", () => {
  it("invoice and statement PDFs share one budget per user; over it: 429, Retry-After and a Spanish message", async () => {
    const user = await payer();
    const cookie = await signInCookie(db, user.id);
    // Unknown documents answer 404 and cost nothing.
    for (let i = 0; i < 3; i++) expect((await invoicePdf(cookie, `missing-${i}`)).status).toBe(404);
    for (let i = 0; i < RATE_LIMITS.pdf.points; i++) {
      const r = i % 2 === 0 ? await invoicePdf(cookie) : await statementFile(cookie, "pdf");
      expect(r.status, `download ${i + 1}`).toBe(200);
    }
    for (const over of [await invoicePdf(cookie), await statementFile(cookie, "pdf")]) {
      expect(over.status).toBe(429);
      expectRetryAfter(over.headers, RATE_LIMITS.pdf.duration);
      expect(over.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(over.body).toMatch(/^Descargaste muchos archivos en poco tiempo\. Inténtalo de nuevo en \d+ segundos?\.$/);
    }

    // Another customer of the same account, and a collector of it, still download.
    const other = await payer();
    expect((await invoicePdf(await signInCookie(db, other.id))).status).toBe(200);
    const collector = await createTestStaff(db, "collector");
    await assignCollector(db, SYSTEM_ACTOR, { accountIds: [account.id], collectorId: collector.id });
    const staffPdf = await callRoute(staffStatementFile.loader, {
      path: `/staff/accounts/${account.id}/statement/pdf?${PERIOD}`,
      params: { accountId: account.id, format: "pdf" },
      cookie: await signInCookie(db, collector.id),
    });
    expect(staffPdf.status).toBe(200);
  });

  it("statement XLSX and CSV have a budget of their own", async () => {
    const user = await payer();
    const cookie = await signInCookie(db, user.id, { language: "en" });
    for (let i = 0; i < RATE_LIMITS.statementExport.points; i++)
      expect((await statementFile(cookie, i % 2 ? "xlsx" : "csv")).status, `export ${i + 1}`).toBe(200);
    const over = await statementFile(cookie, "csv");
    expect(over.status).toBe(429);
    expectRetryAfter(over.headers, RATE_LIMITS.statementExport.duration);
    expect(over.body).toMatch(/^You have downloaded many files in a short time\. Try again in \d+ seconds?\.$/);
    // The PDF budget is untouched.
    expect((await statementFile(cookie, "pdf")).status).toBe(200);
  });
});

describe("ZIP downloads", () => {
  it("trips at its budget per user, in the user's language; another user is not affected", async () => {
    const user = await payer();
    const cookie = await signInCookie(db, user.id, { language: "en" });
    for (let i = 0; i < RATE_LIMITS.zip.points; i++) {
      const r = await zip(cookie);
      expect(r.status, `zip ${i + 1}`).toBe(200);
      expect(r.response.headers.get("Content-Type")).toBe("application/zip");
    }
    const over = await zip(cookie);
    expect(over.status).toBe(429);
    expectRetryAfter(over.response.headers, RATE_LIMITS.zip.duration);
    expect(over.body).toMatch(/Try again in \d+ seconds?\./);

    const other = await payer();
    expect((await zip(await signInCookie(db, other.id))).status).toBe(200);
  });
});

describe("statement email", () => {
  it("sends at most its budget per user, then shows the error in the form with 429 and Retry-After", async () => {
    const user = await payer();
    const cookie = await signInCookie(db, user.id);
    for (let i = 0; i < RATE_LIMITS.statementEmail.points; i++)
      expect((await emailStatement(cookie)).status, `email ${i + 1}`).toBe(302);
    const sent = () => mailbox.messages.filter((m) => m.to && JSON.stringify(m.to).includes(user.email)).length;
    await mailbox.waitFor(user.email);
    expect(sent()).toBe(RATE_LIMITS.statementEmail.points);

    const over = await emailStatement(cookie);
    expect(over.status).toBe(429);
    expectRetryAfter(over.headers, RATE_LIMITS.statementEmail.duration);
    expect((over.body as { result: { error: Record<string, string[]> } }).result.error[""]?.[0]).toMatch(
      /^Ya pediste este estado de cuenta por correo varias veces\. Inténtalo de nuevo en 10 minutos\.$/,
    );
    expect(sent()).toBe(RATE_LIMITS.statementEmail.points);
    // The page passes Retry-After on to the client (Remix keeps only cookies of an action's headers otherwise).
    const headers = new Headers(
      portalStatement.headers({
        actionHeaders: over.headers,
        loaderHeaders: new Headers(),
        parentHeaders: new Headers(),
        errorHeaders: undefined,
      }),
    );
    expect(headers.get("Retry-After")).toBe(over.headers.get("Retry-After"));

    const other = await payer();
    expect((await emailStatement(await signInCookie(db, other.id))).status).toBe(302);
  });
});

describe("invitations", () => {
  const invite = (cookie: string) =>
    callRoute(portalUsers.action, {
      path: "/portal/users",
      cookie,
      form: { intent: "invite", email: uniqueEmail("invitado"), role: "viewer" },
    });

  it("limits invitations per user and per account, showing the error in the form", async () => {
    const accountA = await createTestAccount(db, org);
    const accountC = await createTestAccount(db, org);
    const busy = await createTestCustomer(db, [
      { accountId: accountA.id, role: "account_admin" },
      { accountId: accountC.id, role: "account_admin" },
    ]);
    const colleague = await createTestCustomer(db, [{ accountId: accountA.id, role: "account_admin" }]);
    const busyOnA = await signInCookie(db, busy.id, { selection: accountA.id });
    for (let i = 0; i < RATE_LIMITS.invitationsPerUser.points; i++)
      expect((await invite(busyOnA)).status, `invitation ${i + 1}`).toBe(302);
    const over = await invite(busyOnA);
    expect(over.status).toBe(429);
    expectRetryAfter(over.headers, RATE_LIMITS.invitationsPerUser.duration);
    // A rule of the server only: a form-level error of conform's reply (under ""), already in words.
    expect(over.body).toMatchObject({
      result: {
        error: {
          "": [
            expect.stringMatching(
              /^Se enviaron demasiadas invitaciones en poco tiempo\. Inténtalo de nuevo en \d+ minutos?\.$/,
            ),
          ],
        },
      },
    });

    // Per user: the same admin on another account is still refused.
    expect((await invite(await signInCookie(db, busy.id, { selection: accountC.id }))).status).toBe(429);
    // Per account: a colleague who sent nothing is refused on the account that got too many.
    expect((await invite(await signInCookie(db, colleague.id, { selection: accountA.id }))).status).toBe(429);
    // Another admin of another account is not affected.
    const accountD = await createTestAccount(db, org);
    const elsewhere = await createTestCustomer(db, [{ accountId: accountD.id, role: "account_admin" }]);
    expect((await invite(await signInCookie(db, elsewhere.id, { language: "en" }))).status).toBe(302);
    // An invalid form is answered as before and costs nothing.
    const invalid = await callRoute(portalUsers.action, {
      path: "/portal/users",
      cookie: await signInCookie(db, elsewhere.id),
      form: { intent: "invite", email: "not-an-email", role: "viewer" },
    });
    expect(invalid.status).toBe(400);
  });
});

describe("statement period", () => {
  it(`shows at most ${MAX_STATEMENT_MONTHS} months, says so, and keeps the end date`, async () => {
    const cookie = await signInCookie(db, (await payer()).id);
    const long = await callRoute(portalStatement.loader, {
      path: "/portal/statement?from=2015-01-01&to=2026-10-31",
      cookie,
    });
    expect(long.status).toBe(200);
    const data = long.body as StatementData;
    expect(data.statement.period).toEqual({ from: "2024-11-01", to: "2026-10-31" });
    expect(data.periodLimitedToMonths).toBe(MAX_STATEMENT_MONTHS);
    expect(data.query).toBe("from=2024-11-01&to=2026-10-31");

    const exact = (
      await callRoute(portalStatement.loader, { path: "/portal/statement?from=2024-11-01&to=2026-10-31", cookie })
    ).body as StatementData;
    expect(exact.statement.period).toEqual({ from: "2024-11-01", to: "2026-10-31" });
    expect(exact.periodLimitedToMonths).toBeNull();
  });

  it("refuses downloads and the email of a longer period with a message in the user's language", async () => {
    const user = await payer();
    const cookie = await signInCookie(db, user.id, { language: "en" });
    const query = "from=2024-10-31&to=2026-10-31";
    for (const format of ["pdf", "xlsx", "csv"]) {
      const r = await statementFile(cookie, format, query);
      expect(r.status, format).toBe(400);
      expect(r.body).toBe("A statement covers at most 24 months: choose a shorter period.");
    }
    const before = mailbox.messages.length;
    const email = await emailStatement(cookie, query);
    expect(email.status).toBe(400);
    expect((email.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      "": ["A statement covers at most 24 months: choose a shorter period."],
    });
    expect(mailbox.messages.length).toBe(before);
    // The domain refuses it as well, whoever calls it.
    await expect(
      getStatement(db, { accountId: account.id, accountIds: [account.id], from: "2024-10-31", to: "2026-10-31" }),
    ).rejects.toThrow(/period\.tooLong/);
  });
});

describe.skipIf(!onPostgres)("on PostgreSQL", () => {
  routeTest("keeps the counts in rate_limits, shared by every process using the database", async ({ database }) => {
    const subject = `shared-${Date.now()}`;
    for (let i = 0; i < RATE_LIMITS.zip.points; i++) expect((await consumeRateLimit("zip", subject)).ok).toBe(true);
    const rows = await queryRows<{ key: string; points: number }>(
      db,
      sql`select key, points from rate_limits where key = ${`zip:${subject}`}`,
    );
    expect(rows).toEqual([{ key: `zip:${subject}`, points: RATE_LIMITS.zip.points }]);
    // A second instance: its own pool on the same database.
    const second = await openDatabase({ url: database.url, poolSize: 1 });
    try {
      useDatabaseForTests(second);
      expect(await consumeRateLimit("zip", subject)).toMatchObject({ ok: false });
      expect((await consumeRateLimit("zip", `${subject}-other`)).ok).toBe(true);
    } finally {
      useDatabaseForTests(database);
      await second.close();
    }
  });
});
