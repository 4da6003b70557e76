// Applies credits (payments, credit notes, credit adjustments) to charges, and reverses applications.
// The ledger's invariants are enforced here, inside one transaction that locks every document
// involved (in id order, so concurrent callers cannot deadlock):
//   - a charge's open amount never goes below zero;
//   - a credit is never applied beyond its amount;
//   - both documents belong to the same account and currency, and are not cancelled.
// Under the same locks, in the same transaction, it keeps the documents' stored applied and open
// amounts (open-items.server.ts): the rules above read them, and every application or reversal
// written here moves them.
import type Decimal from "decimal.js";
import { and, eq, inArray, sql } from "drizzle-orm";
import { applications, documents } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { type DbOrTx, insertJsonRows } from "~/utils/db.server";
import { dec, toMoney } from "~/utils/money";
import { LedgerRuleError } from "./errors";
import { recordApplied } from "./open-items.server";
import { type ApplicationInput, ApplicationInputSchema } from "./schemas";

export async function applyCredits(db: DbOrTx, actor: Actor, inputs: ApplicationInput[]): Promise<string[]> {
  const items = inputs.map((i) => ApplicationInputSchema.parse(i));
  if (items.length === 0) return [];
  return db.transaction(async (tx) => {
    const ids = [...new Set(items.flatMap((i) => [i.sourceId, i.targetId]))].sort();
    // Lock in a stable order; the read below runs after the locks are held, so it sees the stored amounts
    // of every committed application (a concurrent one to the same documents waits for these locks).
    await tx
      .select({ id: documents.id })
      .from(documents)
      .where(inArray(documents.id, ids))
      .orderBy(documents.id)
      .for("update");
    const rows = await tx
      .select({
        id: documents.id,
        accountId: documents.accountId,
        effect: documents.effect,
        currency: documents.currency,
        status: documents.status,
        issueDate: documents.issueDate,
        open: sql<string>`(${documents.amount} - ${documents.appliedAmount})::text`,
      })
      .from(documents)
      .where(inArray(documents.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const remaining = new Map<string, Decimal>();
    for (const r of rows) remaining.set(r.id, dec(r.open));

    const values: (typeof applications.$inferInsert)[] = [];
    for (const item of items) {
      const source = byId.get(item.sourceId);
      const target = byId.get(item.targetId);
      if (!source || !target) throw new LedgerRuleError("document.not_found");
      if (source.status === "cancelled" || target.status === "cancelled")
        throw new LedgerRuleError("document.cancelled");
      if (source.effect !== "credit" || target.effect !== "charge")
        throw new LedgerRuleError("application.wrong_direction");
      if (source.accountId !== target.accountId) throw new LedgerRuleError("application.other_account");
      if (source.currency !== target.currency) throw new LedgerRuleError("application.currency_mismatch");
      if (item.appliedOn < source.issueDate || item.appliedOn < target.issueDate)
        throw new LedgerRuleError("application.before_issue");
      const amount = dec(item.amount);
      const targetOpen = remaining.get(target.id)!;
      const sourceOpen = remaining.get(source.id)!;
      if (amount.greaterThan(targetOpen)) {
        throw new LedgerRuleError(
          "application.exceeds_open_amount",
          `open ${toMoney(targetOpen)}, applying ${item.amount}`,
        );
      }
      if (amount.greaterThan(sourceOpen)) {
        throw new LedgerRuleError(
          "application.exceeds_unapplied_amount",
          `unapplied ${toMoney(sourceOpen)}, applying ${item.amount}`,
        );
      }
      remaining.set(target.id, targetOpen.minus(amount));
      remaining.set(source.id, sourceOpen.minus(amount));
      values.push({
        sourceId: source.id,
        targetId: target.id,
        amount: toMoney(amount),
        currency: target.currency,
        appliedOn: item.appliedOn,
        createdById: actor.userId ?? null,
      });
    }
    // One JSON parameter per statement instead of one parameter per value: bulk application (seed,
    // imports, month-end runs) was dominated by it.
    const inserted = values.map(() => createRandomId());
    for (let i = 0; i < values.length; i += 2_000) {
      await insertJsonRows(
        tx,
        applications,
        values.slice(i, i + 2_000).map((v, k) => ({ ...v, id: inserted[i + k] })),
      );
    }
    await recordApplied(
      tx,
      values.flatMap((v) => [
        { documentId: v.targetId, amount: v.amount, appliedOn: v.appliedOn },
        { documentId: v.sourceId, amount: v.amount, appliedOn: v.appliedOn },
      ]),
    );
    await recordAuditEvents(
      tx,
      actor,
      values.map((v, i) => ({
        action: "application.created",
        entityType: "application",
        entityId: inserted[i],
        accountId: byId.get(v.targetId)!.accountId,
        after: {
          sourceId: v.sourceId,
          targetId: v.targetId,
          amount: v.amount,
          currency: v.currency,
          appliedOn: v.appliedOn,
        },
      })),
    );
    return inserted;
  });
}

/**
 * Reverses an application by writing its negation; the original row stays. The documents are locked so
 * a reversal cannot interleave with an application to the same documents.
 */
export async function reverseApplication(
  db: DbOrTx,
  actor: Actor,
  input: { applicationId: string; reversedOn: string; reason: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [original] = await tx.select().from(applications).where(eq(applications.id, input.applicationId));
    if (!original) throw new LedgerRuleError("application.not_found");
    if (original.reversesId) throw new LedgerRuleError("application.is_reversal");
    const [locked] = await tx
      .select({ id: documents.id, accountId: documents.accountId })
      .from(documents)
      .where(inArray(documents.id, [original.sourceId, original.targetId].sort()))
      .orderBy(documents.id)
      .for("update");
    const [already] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.reversesId, original.id)));
    if (already) throw new LedgerRuleError("application.already_reversed");
    const [row] = await tx
      .insert(applications)
      .values({
        sourceId: original.sourceId,
        targetId: original.targetId,
        amount: toMoney(dec(original.amount).negated()),
        currency: original.currency,
        appliedOn: input.reversedOn,
        reversesId: original.id,
        reason: input.reason,
        createdById: actor.userId ?? null,
      })
      .returning({ id: applications.id });
    const negated = toMoney(dec(original.amount).negated());
    await recordApplied(tx, [
      { documentId: original.targetId, amount: negated, appliedOn: input.reversedOn },
      { documentId: original.sourceId, amount: negated, appliedOn: input.reversedOn },
    ]);
    await recordAuditEvents(tx, actor, [
      {
        action: "application.reversed",
        entityType: "application",
        entityId: original.id,
        accountId: locked.accountId,
        before: { amount: original.amount, appliedOn: original.appliedOn },
        after: { reversalId: row.id, reversedOn: input.reversedOn, reason: input.reason },
      },
    ]);
    return row.id;
  });
}
