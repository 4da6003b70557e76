// The month-end send: one reconciliation per chosen account at one cut-off date, prepared and sent in
// transactions of BATCH_CHUNK accounts (a long batch neither holds one huge transaction nor loses
// what it already sent if it stops halfway). Each account runs in a savepoint of its chunk: an account
// refused (no signer, one still waiting for an answer, outside the staff member's reach, a cut-off in
// the future) is skipped with its reason, audited in the same transaction, and the others go on. The
// signers' emails are durable tasks written in the chunk's transaction (a mail exists exactly when its
// send committed), delivered by the sweeper.
import { and, eq, inArray, sql } from "drizzle-orm";
import { customerAccounts, envelopes } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { staffScope } from "~/domain/identity/account-access.server";
import type { StaffRole } from "~/domain/vocabulary";
import { wakeBackgroundJobsSoon } from "~/jobs/start-background-jobs.server";
import type { DbOrTx } from "~/utils/db.server";
import { listAccountSigners } from "./envelope-parties.server";
import { queueEnvelopeEmails } from "./envelope-timers.server";
import { SigningRuleError } from "./errors";
import { BATCH_CHUNK, MAX_BATCH_ACCOUNTS } from "./portfolio-schemas";
import { prepareReconciliation } from "./prepare-reconciliation.server";
import { sendEnvelopeInTransaction } from "./send-envelope.server";

export const BATCH_SKIP_REASONS = ["no_signers", "already_waiting", "not_found", "cutoff_future", "failed"] as const;
export type BatchSkipReason = (typeof BATCH_SKIP_REASONS)[number];

export interface BatchResult {
  batchId: string;
  sent: { accountId: string; accountNumber: string; accountName: string; envelopeId: string; number: number }[];
  skipped: { accountId: string; accountNumber: string | null; accountName: string | null; reason: BatchSkipReason }[];
}

function reasonOf(error: unknown): BatchSkipReason {
  if (!(error instanceof SigningRuleError)) throw error;
  if (error.code === "envelope.no_signers") return "no_signers";
  if (error.code === "cutoff.future") return "cutoff_future";
  if (error.code === "envelope.not_found") return "not_found";
  return "failed";
}

/**
 * `staff` must be allowed to send reconciliations (the caller checks the permission); each account is
 * checked against its reach here. Accounts are handled in the order given, duplicates once.
 */
export async function sendReconciliationBatch(
  db: DbOrTx,
  actor: Actor & { userId: string },
  staff: { id: string; staffRole: StaffRole },
  input: { accountIds: readonly string[]; cutoffDate: string; message: string },
  { now, chunkSize = BATCH_CHUNK }: { now: Date; chunkSize?: number },
): Promise<BatchResult> {
  const accountIds = [...new Set(input.accountIds)];
  if (accountIds.length > MAX_BATCH_ACCOUNTS) throw new RangeError(`at most ${MAX_BATCH_ACCOUNTS} accounts`);
  const batchId = createRandomId();
  const result: BatchResult = { batchId, sent: [], skipped: [] };
  let queued = 0;
  for (let start = 0; start < accountIds.length; start += chunkSize) {
    const chunk = accountIds.slice(start, start + chunkSize);
    const part = await db.transaction(async (tx) => {
      const sent: BatchResult["sent"] = [];
      const skipped: BatchResult["skipped"] = [];
      const reachable = await tx
        .select({ id: customerAccounts.id, number: customerAccounts.number, legalName: customerAccounts.legalName })
        .from(customerAccounts)
        .where(and(inArray(customerAccounts.id, chunk), staffScope(staff)));
      const byId = new Map(reachable.map((a) => [a.id, a]));
      // An account with a reconciliation still waiting for its answer gets no second one.
      const waiting = new Set(
        (
          await tx
            .select({ accountId: envelopes.accountId })
            .from(envelopes)
            .where(
              and(
                inArray(envelopes.accountId, chunk),
                eq(envelopes.kind, "reconciliation"),
                inArray(envelopes.status, ["sent", "viewed"]),
                sql`${envelopes.expiresAt} > ${now}`,
              ),
            )
        ).map((r) => r.accountId),
      );
      const skip = async (accountId: string, reason: BatchSkipReason) => {
        const account = byId.get(accountId);
        skipped.push({
          accountId,
          accountNumber: account?.number ?? null,
          accountName: account?.legalName ?? null,
          reason,
        });
        // An account out of reach is not named in the trail under that account: the staff member has no business there.
        if (account)
          await recordAuditEvent(tx, actor, {
            action: "envelope.batch_skipped",
            entityType: "customer_account",
            entityId: accountId,
            accountId,
            after: { batchId, cutoffDate: input.cutoffDate, reason },
          });
      };
      for (const accountId of chunk) {
        const account = byId.get(accountId);
        if (!account) {
          await skip(accountId, "not_found");
          continue;
        }
        if (waiting.has(accountId)) {
          await skip(accountId, "already_waiting");
          continue;
        }
        if ((await listAccountSigners(tx, accountId)).length === 0) {
          await skip(accountId, "no_signers");
          continue;
        }
        try {
          // A savepoint per account: a refusal undoes only this account's work.
          const done = await tx.transaction(async (sp) => {
            const prepared = await prepareReconciliation(
              sp,
              actor,
              { accountId, cutoffDate: input.cutoffDate, message: input.message },
              { now },
            );
            const { signers } = await sendEnvelopeInTransaction(
              sp,
              actor,
              { envelopeId: prepared.id, accountIds: [accountId], batchId },
              { now },
            );
            await queueEnvelopeEmails(sp, {
              envelopeId: prepared.id,
              recipientIds: signers.map((s) => s.userId),
              event: "sent",
              now,
            });
            return { prepared, signers: signers.length };
          });
          queued += done.signers;
          sent.push({
            accountId,
            accountNumber: account.number,
            accountName: account.legalName,
            envelopeId: done.prepared.id,
            number: done.prepared.number,
          });
        } catch (error) {
          await skip(accountId, reasonOf(error));
        }
      }
      return { sent, skipped };
    });
    result.sent.push(...part.sent);
    result.skipped.push(...part.skipped);
  }
  if (queued > 0) wakeBackgroundJobsSoon();
  return result;
}
