// Escalation: by hand (staff, with a reason) or by the sweeper when a level's deadline passes without
// the claim being settled. L1 → L2 → L3; past L3's deadline the breach is recorded and nothing moves.
// The sweeper's handler is idempotent: it acts only if the claim is still open at the level the task
// was scheduled for and its deadline has passed, through the same conditional update, so two
// sweepers (or a sweeper and a person) escalate a claim once.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { claims } from "#db/schema";
import { type Actor, recordAuditEvent, SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { CLAIM_LEVELS, type ClaimLevel } from "~/domain/vocabulary";
import type { TaskHandler } from "~/jobs/scheduled-tasks.server";
import type { DbOrTx } from "~/utils/db.server";
import { levelSla, rescheduleSlaCheck } from "./claim-sla.server";
import { type ClaimWithAccount, loadClaim, transitionClaim } from "./claim-transition.server";
import { ClaimRuleError } from "./errors";
import { queueClaimEmails } from "./queue-claim-emails.server";
import { assigneeForLevel, requireStaffMayAct, type StaffActor } from "./staff-access.server";

export function nextLevel(level: ClaimLevel): ClaimLevel | null {
  return CLAIM_LEVELS[CLAIM_LEVELS.indexOf(level) + 1] ?? null;
}

async function escalateLoaded(
  tx: DbOrTx,
  actor: Actor,
  loaded: ClaimWithAccount,
  input: { version: number; reason: string | null; automatic: boolean; now: Date },
) {
  const { claim } = loaded;
  const level = nextLevel(claim.level);
  if (!level) throw new ClaimRuleError("claim.top_level");
  const assigneeId = await assigneeForLevel(tx, loaded, level);
  const { dueAt, slaAtRiskAt } = await levelSla(
    tx,
    { country: loaded.country, type: claim.type, segment: loaded.segment },
    level,
    input.now,
  );
  const updated = await transitionClaim(tx, {
    claimId: claim.id,
    version: input.version,
    from: ["open"],
    level: claim.level,
    set: { level, assigneeId, dueAt, slaAtRiskAt, levelStartedAt: input.now },
    now: input.now,
  });
  await rescheduleSlaCheck(tx, claim.id, { level, dueAt });
  await recordAuditEvent(tx, actor, {
    action: "claim.escalated",
    entityType: "claim",
    entityId: claim.id,
    accountId: claim.accountId,
    before: { level: claim.level, assigneeId: claim.assigneeId, dueAt: claim.dueAt! },
    after: { level, assigneeId, dueAt, automatic: input.automatic, reason: input.reason },
  });
  await queueClaimEmails(tx, {
    event: "escalated",
    claim: updated,
    actorUserId: actor.userId ?? null,
    previousAssigneeId: claim.assigneeId,
    now: input.now,
  });
  return updated;
}

/** Staff escalate by hand, with a reason, a claim that is open (not waiting on the customer). */
export async function escalateClaim(
  db: DbOrTx,
  staff: StaffActor,
  input: { claimId: string; version: number; reason: string },
  options: { now: Date },
) {
  return db.transaction(async (tx) => {
    const loaded = await loadClaim(tx, input.claimId);
    await requireStaffMayAct(tx, staff, loaded);
    return escalateLoaded(tx, staff, loaded, { ...input, automatic: false, now: options.now });
  });
}

const SlaPayloadSchema = z.object({ claimId: z.string(), level: z.enum(CLAIM_LEVELS) });

/** The sweeper's handler for CLAIM_SLA_TASK. */
export const handleClaimSlaDue: TaskHandler = async (tx, payload, { now }) => {
  const { claimId, level } = SlaPayloadSchema.parse(payload);
  // Lock the claim so a person acting at the same moment waits (or we wait for them), then re-check.
  const [locked] = await tx.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId)).for("update");
  if (!locked) return;
  const loaded = await loadClaim(tx, claimId);
  const { claim } = loaded;
  if (claim.status !== "open" || claim.level !== level || !claim.dueAt || claim.dueAt > now) return;
  if (nextLevel(level)) {
    await escalateLoaded(tx, SYSTEM_ACTOR, loaded, { version: claim.version, reason: null, automatic: true, now });
    return;
  }
  await recordAuditEvent(tx, SYSTEM_ACTOR, {
    action: "claim.sla_breached",
    entityType: "claim",
    entityId: claim.id,
    accountId: claim.accountId,
    after: { level, dueAt: claim.dueAt },
  });
};
