// The customer's reminder of a payment promise, at 09:00 (seller's time) the day before its date: a
// task written with the promise (record-promise.server.ts), cancelled when the promise is withdrawn or
// settled. When it runs it re-reads the promise: a promise no longer pending, or already paid in full
// (what was applied to its documents since it was made covers it), sends nothing; nor does a user
// disabled or no longer granted on the account. In the user's language, with the one link (the
// portal's promises) on APP_URL.
import { and, asc, eq, sql } from "drizzle-orm";
import {
  accountGrants,
  customerAccounts,
  documents,
  paymentPromiseDocuments,
  paymentPromises,
  sellers,
  users,
} from "#db/schema";
import { type TaskContext, cancelPendingTasks, scheduleTask } from "~/jobs/scheduled-tasks.server";
import { addDays, startOfDayIn } from "~/utils/dates";
import { type DbOrTx, type Tx, queryRows } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/utils/i18n";
import { compareMoney } from "~/utils/money";
import { promisePaidSql } from "./settle-promise.server";

export const PROMISE_REMINDER_TASK = "promise.reminder";
const REMINDER_HOUR = 9;

/** When a promise of `promisedDate` is reminded: 09:00 of the day before, in the seller's time zone. */
export function promiseReminderAt(promisedDate: string, timeZone: string): Date {
  return new Date(startOfDayIn(addDays(promisedDate, -1), timeZone).getTime() + REMINDER_HOUR * 3_600_000);
}

/** Schedules the reminder, unless its moment has passed (a promise made for today, or late yesterday's eve). */
export async function schedulePromiseReminder(
  tx: DbOrTx,
  input: { promiseId: string; promisedDate: string; timeZone: string; now: Date },
): Promise<string | null> {
  const dueAt = promiseReminderAt(input.promisedDate, input.timeZone);
  if (dueAt <= input.now) return null;
  return scheduleTask(tx, {
    kind: PROMISE_REMINDER_TASK,
    subjectId: input.promiseId,
    payload: { promiseId: input.promiseId },
    dueAt,
    maxAttempts: 8,
  });
}

export function cancelPromiseReminder(tx: DbOrTx, promiseId: string) {
  return cancelPendingTasks(tx, { kind: PROMISE_REMINDER_TASK, subjectId: promiseId });
}

export async function handlePromiseReminder(tx: Tx, payload: unknown, _context: TaskContext) {
  const promiseId = (payload as { promiseId?: unknown }).promiseId;
  if (typeof promiseId !== "string") return;
  const [row] = await tx
    .select({
      promise: paymentPromises,
      accountNumber: customerAccounts.number,
      accountName: customerAccounts.legalName,
      country: sellers.country,
      email: users.email,
      language: users.language,
      disabledAt: users.disabledAt,
      granted: sql<boolean>`exists (select 1 from ${accountGrants} g where g.user_id = ${users.id} and g.account_id = ${paymentPromises.accountId})`,
    })
    .from(paymentPromises)
    .innerJoin(customerAccounts, eq(customerAccounts.id, paymentPromises.accountId))
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .innerJoin(users, eq(users.id, paymentPromises.createdById))
    .where(eq(paymentPromises.id, promiseId));
  if (!row || row.promise.status !== "pending" || row.disabledAt || !row.granted) return;
  const [{ paid }] = await queryRows<{ paid: string }>(tx, sql`select ${promisePaidSql(promiseId)} as paid`);
  if (compareMoney(paid, row.promise.amount) >= 0) return;
  const items = await tx
    .select({ series: documents.series, folio: documents.folio, amount: paymentPromiseDocuments.amount })
    .from(paymentPromiseDocuments)
    .innerJoin(documents, eq(documents.id, paymentPromiseDocuments.documentId))
    .where(and(eq(paymentPromiseDocuments.promiseId, promiseId)))
    .orderBy(asc(paymentPromiseDocuments.position));
  const { sendPromiseReminderEmail } = await import("./send-promise-emails.server");
  await sendPromiseReminderEmail({
    to: row.email,
    language: isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
    country: row.country,
    account: `${row.accountName} (${row.accountNumber})`,
    amount: row.promise.amount,
    paidAmount: paid,
    currency: row.promise.currency,
    promisedDate: row.promise.promisedDate,
    items: items.map((i) => ({ label: `${i.series}-${i.folio}`, amount: i.amount })),
    url: `${appBaseUrl()}/portal/promises`,
  });
}
