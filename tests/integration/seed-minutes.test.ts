// The demo minutes: on a seeded database (ledger, demo users, claims and reconciliations, as `npm start`
// seeds it), each demo customer has minutes in every state (draft, sent, corrections proposed,
// signed); the customer's portal never lists the drafts; the signed ones are sealed and their PDF
// verifies as the sealed copy; the signed payment-promise agreement became a promise on its account
// and the waiting ones did not yet; no email is queued; and the ledger's balances stay as they were.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountGrants, customerAccounts, envelopes, minutePromises, scheduledTasks, users } from "#db/schema";
import { seedDemoClaims } from "#db/seed/claims";
import { seedDemoData } from "#db/seed/index";
import { DEMO_MINUTES, seedDemoMinutes } from "#db/seed/minutes";
import { seedDemoReconciliations } from "#db/seed/reconciliations";
import { seedDemoUsers } from "#db/seed/users";
import { getAccountBalances } from "~/domain/ledger/get-account-balances.server";
import { listAccountPromises } from "~/domain/payments/read-promises.server";
import type { MinutesContent } from "~/domain/signing/minutes-content";
import { listAccountMinutes } from "~/domain/signing/read-minutes.server";
import { readSealedPdf } from "~/domain/signing/read-sealed-pdf.server";
import { verifyUploadedPdf } from "~/domain/signing/verify-sealed-pdf.server";
import { settleBackgroundWork } from "~/utils/background.server";
import type { Db } from "~/utils/db.server";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const ANCHOR = new Date("2026-11-20T15:00:00Z");
const CUSTOMERS = ["compras@ferreteria-lopez.mx", "tesoreria@grupo-constructor.mx", "pagos@distribuidora-andina.co"];
let database: TestDatabase;
let db: Db;
let before: Awaited<ReturnType<typeof getAccountBalances>>;
let accountIds: string[];
let seedMs = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoData(db, { invoices: 300, today: "2026-11-20", afterAccounts: seedDemoUsers });
  await seedDemoClaims(db, { anchor: ANCHOR });
  await seedDemoReconciliations(db, { anchor: ANCHOR });
  accountIds = (await db.select({ id: customerAccounts.id }).from(customerAccounts)).map((a) => a.id);
  before = await getAccountBalances(db, accountIds, "2026-11-20");
  const started = Date.now();
  await seedDemoMinutes(db, { anchor: ANCHOR });
  seedMs = Date.now() - started;
}, 600_000);
afterAll(async () => {
  await settleBackgroundWork();
  await database?.close();
});

const accountsOf = async (email: string) =>
  (
    await db
      .select({ accountId: accountGrants.accountId })
      .from(accountGrants)
      .innerJoin(users, eq(users.id, accountGrants.userId))
      .where(eq(users.email, email))
  ).map((g) => g.accountId);

describe("demo minutes", () => {
  it("give each demo customer minutes in every state, the drafts only on the staff side", async () => {
    for (const email of CUSTOMERS) {
      const ids = await accountsOf(email);
      const staffSide = await listAccountMinutes(db, { accountIds: ids, includeDrafts: true }, { now: ANCHOR });
      expect(new Set(staffSide.map((m) => m.status)), email).toEqual(
        new Set(["draft", "sent", "corrections_requested", "signed"]),
      );
      const portal = await listAccountMinutes(db, { accountIds: ids, includeDrafts: false }, { now: ANCHOR });
      expect(portal.map((m) => m.status).sort(), email).toEqual(
        staffSide
          .map((m) => m.status)
          .filter((s) => s !== "draft")
          .sort(),
      );
    }
    const all = await db.select({ id: envelopes.id }).from(envelopes).where(eq(envelopes.kind, "minutes"));
    expect(all).toHaveLength(DEMO_MINUTES.length);
  });

  it("seal the signed ones, and each sealed PDF verifies as the sealed copy", async () => {
    for (const email of CUSTOMERS) {
      const ids = await accountsOf(email);
      const signed = await db
        .select({ id: envelopes.id, sealedAt: envelopes.sealedAt })
        .from(envelopes)
        .where(and(eq(envelopes.kind, "minutes"), inArray(envelopes.accountId, ids), eq(envelopes.status, "signed")));
      expect(signed.length, email).toBeGreaterThan(0);
      for (const { id, sealedAt } of signed) {
        expect(sealedAt, email).not.toBeNull();
        const pdf = await readSealedPdf(db, ids, id);
        const verified = await verifyUploadedPdf(db, { userId: null, label: "anonymous" }, pdf!.bytes);
        expect(verified.result, email).toBe("sealed_copy");
      }
    }
  });

  it("turn the signed payment-promise agreement into a promise on its account, and the waiting ones not yet", async () => {
    const minutes = await db
      .select({
        id: envelopes.id,
        status: envelopes.status,
        content: envelopes.content,
        accountId: envelopes.accountId,
      })
      .from(envelopes)
      .where(eq(envelopes.kind, "minutes"));
    const withPromise = minutes.filter((m) => (m.content as MinutesContent).agreements.some((a) => a.promise));
    expect(withPromise.map((m) => m.status).sort()).toEqual(["sent", "sent", "signed"]);
    const outcomes = await db.select().from(minutePromises);
    const signed = withPromise.find((m) => m.status === "signed")!;
    expect(outcomes).toEqual([expect.objectContaining({ envelopeId: signed.id, refusedCode: null })]);
    const promises = await listAccountPromises(db, [signed.accountId]);
    expect(promises.rows.map((p) => p.id)).toContain(outcomes[0].promiseId);
  });

  it("queue no email, leave every balance as it was, and take little time", async () => {
    const emails = await db
      .select({ id: scheduledTasks.id })
      .from(scheduledTasks)
      .where(and(eq(scheduledTasks.kind, "envelope.email"), eq(scheduledTasks.status, "pending")));
    expect(emails).toEqual([]);
    expect(await getAccountBalances(db, accountIds, "2026-11-20")).toEqual(before);
    console.log(`seedDemoMinutes: ${seedMs} ms`);
    expect(seedMs).toBeLessThan(60_000);
  });
});
