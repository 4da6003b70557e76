// Puts customer accounts in a collector's portfolio.
import { eq, inArray } from "drizzle-orm";
import { customerAccounts } from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";

export async function assignCollector(
  db: DbOrTx,
  actor: Actor,
  input: { accountIds: string[]; collectorId: string | null },
) {
  if (input.accountIds.length === 0) return;
  await db.transaction(async (tx) => {
    const before = await tx
      .select({ id: customerAccounts.id, collectorId: customerAccounts.collectorId })
      .from(customerAccounts)
      .where(inArray(customerAccounts.id, input.accountIds))
      .for("update");
    for (const id of input.accountIds)
      await tx.update(customerAccounts).set({ collectorId: input.collectorId }).where(eq(customerAccounts.id, id));
    await recordAuditEvents(
      tx,
      actor,
      before.map((b) => ({
        action: "customer_account.collector_assigned",
        entityType: "customer_account",
        entityId: b.id,
        accountId: b.id,
        before: { collectorId: b.collectorId },
        after: { collectorId: input.collectorId },
      })),
    );
  });
}
