// A payment promise: the customer commits to pay an amount of chosen open documents by a date (from
// today to MAX_PROMISE_DAYS ahead, in the seller's calendar). Each amount is at most what is open;
// one currency; a document already under another pending promise cannot be promised again. The
// promise, the task that settles it at the end of its day (scheduled_tasks, ADR 010) and the customer's
// reminder the day before commit together, so a promise always has its check.
import { and, eq, gt, inArray } from "drizzle-orm";
import {
  customerAccounts,
  documents,
  paymentPlanDocuments,
  paymentPlans,
  paymentPromiseDocuments,
  paymentPromises,
  sellers,
} from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { Currency } from "~/domain/vocabulary";
import { scheduleTask } from "~/jobs/scheduled-tasks.server";
import { addDays, nextDay, startOfDayIn } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { addMoney, compareMoney } from "~/utils/money";
import { PaymentRuleError } from "./errors";
import { MAX_PROMISE_DAYS } from "./promise-form";
import { schedulePromiseReminder } from "./promise-reminders.server";

export const PROMISE_DUE_TASK = "promise.due";

export interface RecordPromiseInput {
  accountId: string;
  userId: string;
  promisedDate: string;
  items: { documentId: string; amount: string }[];
  note?: string | null;
  now?: Date;
}

export async function recordPromise(
  db: DbOrTx,
  actor: Actor,
  input: RecordPromiseInput,
): Promise<{ id: string; amount: string; currency: Currency }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({ timeZone: sellers.timeZone })
      .from(customerAccounts)
      .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
      .where(eq(customerAccounts.id, input.accountId));
    if (!account) throw new PaymentRuleError("document.not_payable");
    const today = todayIn(account.timeZone, now);
    if (input.promisedDate < today || input.promisedDate > addDays(today, MAX_PROMISE_DAYS))
      throw new PaymentRuleError("promise.date_out_of_range");
    const ids = input.items.map((i) => i.documentId);
    // Locked so that two promises for the same document cannot both pass the check below.
    const rows = await tx
      .select({ id: documents.id, currency: documents.currency, open: documents.openAmount })
      .from(documents)
      .where(
        and(
          inArray(documents.id, ids),
          eq(documents.accountId, input.accountId),
          eq(documents.effect, "charge"),
          eq(documents.status, "issued"),
          gt(documents.openAmount, "0"),
        ),
      )
      .orderBy(documents.id)
      .for("update");
    const byId = new Map(rows.map((r) => [r.id, r]));
    const currencies = new Set<Currency>();
    for (const item of input.items) {
      const doc = byId.get(item.documentId);
      if (!doc) throw new PaymentRuleError("document.not_payable", item.documentId);
      if (compareMoney(item.amount, doc.open) > 0) throw new PaymentRuleError("amount.above_open", item.documentId);
      currencies.add(doc.currency);
    }
    if (currencies.size !== 1) throw new PaymentRuleError("currency.mixed");
    const promised = await tx
      .select({ documentId: paymentPromiseDocuments.documentId })
      .from(paymentPromiseDocuments)
      .innerJoin(paymentPromises, eq(paymentPromises.id, paymentPromiseDocuments.promiseId))
      .where(and(inArray(paymentPromiseDocuments.documentId, ids), eq(paymentPromises.status, "pending")))
      .limit(1);
    if (promised.length > 0) throw new PaymentRuleError("promise.already_promised", promised[0].documentId);
    // A document in a payment plan still open (proposed, under discussion or in force) is the plan's.
    const planned = await tx
      .select({ documentId: paymentPlanDocuments.documentId })
      .from(paymentPlanDocuments)
      .innerJoin(paymentPlans, eq(paymentPlans.id, paymentPlanDocuments.planId))
      .where(
        and(
          inArray(paymentPlanDocuments.documentId, ids),
          inArray(paymentPlans.status, ["proposed", "countered", "awaiting_approval", "active"]),
        ),
      )
      .limit(1);
    if (planned.length > 0) throw new PaymentRuleError("promise.already_promised", planned[0].documentId);

    const id = createRandomId();
    const [currency] = [...currencies];
    const amount = addMoney(...input.items.map((i) => i.amount));
    await tx.insert(paymentPromises).values({
      id,
      accountId: input.accountId,
      currency,
      amount,
      promisedDate: input.promisedDate,
      note: input.note || null,
      createdById: input.userId,
      createdAt: now,
    });
    await tx
      .insert(paymentPromiseDocuments)
      .values(input.items.map((item, position) => ({ promiseId: id, position, ...item })));
    await scheduleTask(tx, {
      kind: PROMISE_DUE_TASK,
      subjectId: id,
      payload: { promiseId: id },
      dueAt: startOfDayIn(nextDay(input.promisedDate), account.timeZone),
    });
    await schedulePromiseReminder(tx, {
      promiseId: id,
      promisedDate: input.promisedDate,
      timeZone: account.timeZone,
      now,
    });
    await recordAuditEvents(tx, actor, [
      {
        action: "promise.recorded",
        entityType: "payment_promise",
        entityId: id,
        accountId: input.accountId,
        after: { amount, currency, promisedDate: input.promisedDate, items: input.items },
      },
    ]);
    return { id, amount, currency };
  });
}
