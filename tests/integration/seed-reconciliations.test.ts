// The demo reconciliations: on a seeded database (ledger, demo users, claims), one per state on the
// demo accounts, the latest of each demo customer's account sealed and verified as the sealed copy,
// the waiting ones with their reminders scheduled and no email queued, and the ledger's balances
// exactly as they were before.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountGrants, customerAccounts, envelopes, scheduledTasks, signingSettings, users } from "#db/schema";
import { seedDemoClaims } from "#db/seed/claims";
import { seedDemoData } from "#db/seed/index";
import { seedDemoReconciliations } from "#db/seed/reconciliations";
import { seedDemoUsers } from "#db/seed/users";
import { getAccountBalances } from "~/domain/ledger/get-account-balances.server";
import { listAccountEnvelopes } from "~/domain/signing/read-envelopes.server";
import { readSealedPdf } from "~/domain/signing/read-sealed-pdf.server";
import { verifyUploadedPdf } from "~/domain/signing/verify-sealed-pdf.server";
import { settleBackgroundWork } from "~/utils/background.server";
import type { Db } from "~/utils/db.server";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const ANCHOR = new Date("2026-11-20T15:00:00Z");
let database: TestDatabase;
let db: Db;
let before: Awaited<ReturnType<typeof getAccountBalances>>;
let accountIds: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoData(db, { invoices: 300, today: "2026-11-20", afterAccounts: seedDemoUsers });
  await seedDemoClaims(db, { anchor: ANCHOR });
  accountIds = (await db.select({ id: customerAccounts.id }).from(customerAccounts)).map((a) => a.id);
  before = await getAccountBalances(db, accountIds, "2026-11-20");
  await seedDemoReconciliations(db, { anchor: ANCHOR });
}, 600_000);
afterAll(async () => {
  await settleBackgroundWork();
  await database?.close();
});

const accountOf = async (number: string) =>
  (await db.select().from(customerAccounts).where(eq(customerAccounts.number, number)))[0];

describe("demo reconciliations", () => {
  it("cover every state on the demo accounts, the latest first", async () => {
    const states: Record<string, string[]> = {};
    for (const number of ["MX-0001", "MX-0002", "MX-0003", "MX-0004", "CO-0001"]) {
      const account = await accountOf(number);
      const list = await listAccountEnvelopes(db, { accountIds: [account.id], includeDrafts: true }, { now: ANCHOR });
      states[number] = list.map((e) => e.status);
    }
    expect(states).toEqual({
      "MX-0001": ["signed"],
      "MX-0002": ["viewed"],
      "MX-0003": ["signed_with_differences"],
      "MX-0004": ["sent", "expired"],
      "CO-0001": ["signed"],
    });
    expect(await db.select().from(signingSettings)).toHaveLength(2);
  });

  it("each demo customer can download a sealed PDF that verifies as the sealed copy", async () => {
    for (const email of [
      "compras@ferreteria-lopez.mx",
      "tesoreria@grupo-constructor.mx",
      "pagos@distribuidora-andina.co",
    ]) {
      const grants = await db
        .select({ accountId: accountGrants.accountId })
        .from(accountGrants)
        .innerJoin(users, eq(users.id, accountGrants.userId))
        .where(eq(users.email, email));
      const ids = grants.map((g) => g.accountId);
      const sealed = await db
        .select({ id: envelopes.id })
        .from(envelopes)
        .where(
          and(inArray(envelopes.accountId, ids), inArray(envelopes.status, ["signed", "signed_with_differences"])),
        );
      expect(sealed.length, email).toBeGreaterThan(0);
      for (const { id } of sealed) {
        const pdf = await readSealedPdf(db, ids, id);
        expect(pdf, email).not.toBeNull();
        const verified = await verifyUploadedPdf(db, { userId: null, label: "anonymous" }, pdf!.bytes);
        expect(verified.result, email).toBe("sealed_copy");
      }
    }
  });

  it("queues no email, keeps the waiting ones' reminders, and leaves every balance as it was", async () => {
    const emails = await db
      .select({ id: scheduledTasks.id })
      .from(scheduledTasks)
      .where(and(eq(scheduledTasks.kind, "envelope.email"), eq(scheduledTasks.status, "pending")));
    expect(emails).toEqual([]);
    const waiting = await db
      .select({ id: envelopes.id })
      .from(envelopes)
      .where(inArray(envelopes.status, ["sent", "viewed"]));
    const reminders = await db
      .select({ subjectId: scheduledTasks.subjectId })
      .from(scheduledTasks)
      .where(and(eq(scheduledTasks.kind, "envelope.reminder"), eq(scheduledTasks.status, "pending")));
    for (const e of waiting) expect(reminders.some((r) => r.subjectId === e.id)).toBe(true);
    expect(reminders.every((r) => waiting.some((e) => e.id === r.subjectId))).toBe(true);
    expect(await getAccountBalances(db, accountIds, "2026-11-20")).toEqual(before);
  });
});
