// The SQL edge (app/utils/db.server.ts and the bytea column): typed bulk inserts through one JSON
// parameter, the one IN-list helper, bytes read back as a plain Uint8Array on either driver, and the
// advisory lock that serialises start-up work across processes.
import { eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, storedFiles } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { getDocumentXml } from "~/domain/documents/stream-documents-zip.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { insertJsonRows, openDatabase, queryRows, sqlList, withAdvisoryLock } from "~/utils/db.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { databaseTest as test } from "../setup/route-test";
import { onPostgres } from "../setup/test-database";

describe("insertJsonRows", () => {
  test("writes the table's TypeScript keys to their columns; columns no row names take their defaults", async ({
    db,
  }) => {
    const before = new Date(Date.now() - 60_000);
    await insertJsonRows(db, auditEvents, [
      {
        id: "sqledge-1",
        actorLabel: "sql-edge",
        action: "statement.emailed",
        entityType: "customer_account",
        after: { to: "a@example.test", nested: { n: 1 } },
      },
      { id: "sqledge-2", actorLabel: "sql-edge", action: "statement.emailed", entityType: "customer_account" },
    ]);
    const rows = await db.select().from(auditEvents).where(eq(auditEvents.actorLabel, "sql-edge"));
    expect(rows.map((r) => [r.id, r.entityType, r.after]).sort()).toEqual([
      ["sqledge-1", "customer_account", { to: "a@example.test", nested: { n: 1 } }],
      ["sqledge-2", "customer_account", null],
    ]);
    for (const r of rows) expect(r.occurredAt.getTime()).toBeGreaterThan(before.getTime());
  });

  test("refuses a key that is not a column instead of dropping it", async ({ db }) => {
    const row = { id: "sqledge-3", actorLabel: "x", action: "a", entityType: "e", actor_label: "snake" };
    await expect(insertJsonRows(db, auditEvents, [row])).rejects.toThrow(/actor_label is not a column/);
  });

  test("skips rows that conflict when asked to", async ({ db }) => {
    const row = { id: "sqledge-4", actorLabel: "x", action: "a", entityType: "e" };
    await insertJsonRows(db, auditEvents, [row]);
    await expect(insertJsonRows(db, auditEvents, [row])).rejects.toThrow();
    await insertJsonRows(db, auditEvents, [row], { onConflictDoNothing: true });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.id, "sqledge-4"))).toHaveLength(1);
  });
});

test("sqlList binds each value of an IN list", async ({ db }) => {
  const rows = await queryRows<{ x: string }>(
    db,
    sql`select x from (values ('a'), ('b'), ('c'), ('a''b')) v(x) where x in (${sqlList(["a", "c", "a'b"])}) order by x`,
  );
  expect(rows.map((r) => r.x)).toEqual(["a", "a'b", "c"]);
});

test("stored bytes come back as a plain Uint8Array, byte for byte, whichever driver runs", async ({ db }) => {
  const account = await createTestAccount(db, await createMexicanSeller(db));
  const content = new TextEncoder().encode('<?xml version="1.0"?><cfdi:Comprobante Total="10.00"/>\n');
  const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
    {
      accountId: account.id,
      kind: "invoice",
      series: "BY",
      folio: "1",
      issueDate: "2026-10-01",
      currency: "MXN",
      amount: "10.00",
      files: [{ role: "xml", fileName: "BY-1.xml", mediaType: "application/xml", content }],
    },
  ]);
  const xml = await getDocumentXml(db, { accountIds: [account.id], documentId: doc.id });
  // node-postgres hands bytea over as a Buffer: the column type turns it into a plain view.
  expect(Object.getPrototypeOf(xml!.content)).toBe(Uint8Array.prototype);
  expect(Buffer.from(xml!.content).equals(Buffer.from(content))).toBe(true);
  const [stored] = await db.select({ content: storedFiles.content }).from(storedFiles).limit(1);
  expect(Object.getPrototypeOf(stored.content)).toBe(Uint8Array.prototype);
});

describe("withAdvisoryLock", () => {
  test("runs the work and returns its result", async ({ database }) => {
    expect(await withAdvisoryLock(database, 42, async () => "done")).toBe("done");
    await expect(
      withAdvisoryLock(database, 42, async () => {
        throw new Error("failed inside");
      }),
    ).rejects.toThrow("failed inside");
    // The lock was released by the failure: taking it again does not wait.
    expect(await withAdvisoryLock(database, 42, async () => "again")).toBe("again");
  });

  test.runIf(onPostgres)(
    "on PostgreSQL, two processes holding the same key run one after the other",
    async ({ database }) => {
      const other = await openDatabase({ url: database.url!, poolSize: 1 });
      const spans: { who: string; start: number; end: number }[] = [];
      const work = (who: string) => async () => {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 300));
        spans.push({ who, start, end: performance.now() });
      };
      try {
        await Promise.all([withAdvisoryLock(database, 4242, work("a")), withAdvisoryLock(other, 4242, work("b"))]);
      } finally {
        await other.close();
      }
      const [first, second] = spans.sort((x, y) => x.start - y.start);
      expect(second.start).toBeGreaterThanOrEqual(first.end);
    },
  );
});
