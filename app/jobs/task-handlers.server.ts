// Every kind of scheduled task and its handler (imported when first run, so the sweeper's module
// stays light). A handler runs in the transaction that marks its task done and must be idempotent.
import type { TaskHandlers } from "./scheduled-tasks.server";

export const TASK_HANDLERS: TaskHandlers = {
  "claim.sla_due": async (tx, payload, context) =>
    (await import("~/domain/claims/escalate-claim.server")).handleClaimSlaDue(tx, payload, context),
  "promise.due": async (tx, payload, context) =>
    (await import("~/domain/payments/settle-promise.server")).handlePromiseDue(tx, payload, context),
  "promise.notify_collector": async (tx, payload) =>
    (await import("~/domain/payments/settle-promise.server")).handlePromiseNotifyCollector(tx, payload),
  "promise.reminder": async (tx, payload, context) =>
    (await import("~/domain/payments/promise-reminders.server")).handlePromiseReminder(tx, payload, context),
  "payment.email": async (tx, payload, context) =>
    (await import("~/domain/payments/send-payment-email.server")).handlePaymentEmailDue(tx, payload, context),
  "claim.email": async (tx, payload, context) =>
    (await import("~/domain/claims/send-claim-email.server")).handleClaimEmailDue(tx, payload, context),
  "plan.email": async (tx, payload, context) =>
    (await import("~/domain/plans/send-plan-email.server")).handlePlanEmailDue(tx, payload, context),
};
