// Ends a user's session (or every session of the user) and records it, in one transaction.
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { deleteAllSessions, deleteSession } from "./sessions.server";

/** Deletes the session of `token`, or with `everywhere` all of the user's sessions; returns how many ended. */
export async function signOut(
  db: DbOrTx,
  actor: Actor,
  input: { userId: string; token: string; everywhere: boolean },
): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = input.everywhere
      ? await deleteAllSessions(tx, input.userId)
      : (await deleteSession(tx, input.token), 1);
    await recordAuditEvent(tx, actor, {
      action: input.everywhere ? "auth.signed_out_everywhere" : "auth.signed_out",
      entityType: "user",
      entityId: input.userId,
      after: { sessionsEnded: ended },
    });
    return ended;
  });
}
