// Settling a payment promise at the end of its day (the "promise.due" task): what was applied to its
// documents after it was made and by its date (reversals count against), each document's part capped
// at what was promised of it, decides kept / partly kept / broken. The change is a conditional update
// from pending, so a task that runs twice settles once. A promise not kept tells the account's
// collector by email, through a task of its own written in the same transaction (so the email is sent
// exactly when the settlement committed, and retried if the mail server is down).
import { type SQL, and, eq, sql } from "drizzle-orm";
import { customerAccounts, paymentPromises, users } from "#db/schema";
import { SYSTEM_ACTOR, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { type TaskContext, scheduleTask } from "~/jobs/scheduled-tasks.server";
import { type DbOrTx, type Tx, queryRows } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { compareMoney } from "~/utils/money";
import { cancelPromiseReminder } from "./promise-reminders.server";

export const PROMISE_BROKEN_EMAIL_TASK = "promise.notify_collector";

/**
 * What was paid towards a promise, as SQL usable per row of a list: applications to its documents after
 * it was made (and on or before `upTo` when given).
 * - A promise of its own: Σ over its documents of what was applied to each, each capped at the amount
 *   promised of it.
 * - An instalment of a payment plan: what was applied to the plan's documents (each capped at what
 *   the plan covers of it) fills the plan's instalments in order, so this one has what is left after
 *   the instalments before it, up to its own amount. A payment to any of the plan's documents counts
 *   once, towards the earliest instalment it has not yet filled.
 */
export function promisePaidSql(promiseId: unknown, upTo?: unknown) {
  const applied = (documentId: SQL) => sql`coalesce((
      select sum(a.amount) from applications a
      where a.target_id = ${documentId} and a.created_at >= p.created_at
        ${upTo === undefined ? sql`` : sql`and a.applied_on <= ${upTo}`}
    ), 0)`;
  return sql<string>`(
    select (case when p.plan_id is null then (
      select coalesce(sum(least(pd.amount, greatest(${applied(sql`pd.document_id`)}, 0))), 0)
      from payment_promise_documents pd where pd.promise_id = p.id
    ) else least(p.amount, greatest((
      select coalesce(sum(least(ppd.amount, greatest(${applied(sql`ppd.document_id`)}, 0))), 0)
      from payment_plan_documents ppd where ppd.plan_id = p.plan_id
    ) - coalesce((
      select sum(q.amount) from payment_promises q where q.plan_id = p.plan_id and q.plan_position < p.plan_position
    ), 0), 0)) end)::numeric(18,2)::text
    from payment_promises p
    where p.id = ${promiseId}
  )`;
}

export async function settlePromise(tx: DbOrTx, promiseId: string, now: Date) {
  const [promise] = await tx.select().from(paymentPromises).where(eq(paymentPromises.id, promiseId)).for("update");
  if (!promise || promise.status !== "pending") return null;
  const [{ paid }] = await queryRows<{ paid: string }>(
    tx,
    sql`select ${promisePaidSql(promiseId, promise.promisedDate)} as paid`,
  );
  const status =
    compareMoney(paid, promise.amount) >= 0 ? "kept" : compareMoney(paid, "0") > 0 ? "partly_kept" : "broken";
  const paidAmount = compareMoney(paid, promise.amount) > 0 ? promise.amount : paid;
  const updated = await tx
    .update(paymentPromises)
    .set({ status, paidAmount, settledAt: now })
    .where(and(eq(paymentPromises.id, promiseId), eq(paymentPromises.status, "pending")))
    .returning({ id: paymentPromises.id });
  if (updated.length === 0) return null;
  await cancelPromiseReminder(tx, promiseId);
  await recordAuditEvents(tx, SYSTEM_ACTOR, [
    {
      action: "promise.settled",
      entityType: "payment_promise",
      entityId: promiseId,
      accountId: promise.accountId,
      before: { status: "pending" },
      after: { status, paidAmount },
    },
  ]);
  if (status !== "kept")
    await scheduleTask(tx, {
      kind: PROMISE_BROKEN_EMAIL_TASK,
      subjectId: promiseId,
      payload: { promiseId },
      dueAt: now,
    });
  return { status, paidAmount };
}

export async function handlePromiseDue(tx: Tx, payload: unknown, context: TaskContext) {
  const promiseId = (payload as { promiseId?: unknown }).promiseId;
  if (typeof promiseId === "string") await settlePromise(tx, promiseId, context.now);
}

/** Emails the account's collector that a promise was not kept (in the collector's language). */
export async function handlePromiseNotifyCollector(tx: Tx, payload: unknown) {
  const promiseId = (payload as { promiseId?: unknown }).promiseId;
  if (typeof promiseId !== "string") return;
  const [row] = await tx
    .select({
      promise: paymentPromises,
      accountNumber: customerAccounts.number,
      accountName: customerAccounts.legalName,
      collectorEmail: users.email,
      collectorName: users.name,
      language: users.language,
    })
    .from(paymentPromises)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPromises.accountId))
    .innerJoin(users, eq(users.id, customerAccounts.collectorId))
    .where(eq(paymentPromises.id, promiseId));
  if (!row) return;
  const { sendPromiseNotKeptEmail } = await import("./send-promise-emails.server");
  await sendPromiseNotKeptEmail({
    to: row.collectorEmail,
    name: row.collectorName,
    language: row.language === "en" ? "en" : "es",
    account: `${row.accountName} (${row.accountNumber})`,
    status: row.promise.status === "partly_kept" ? "partly_kept" : "broken",
    amount: row.promise.amount,
    paidAmount: row.promise.paidAmount ?? "0.00",
    currency: row.promise.currency,
    promisedDate: row.promise.promisedDate,
    url: `${appBaseUrl()}/staff/promises?status=${row.promise.status}`,
  });
}
