// Someone who may read the envelope downloaded its sealed PDF: audited (the file does not change).
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";

export async function recordEnvelopeDownload(db: DbOrTx, actor: Actor, envelope: { id: string; accountId: string }) {
  await recordAuditEvent(db, actor, {
    action: "envelope.downloaded",
    entityType: "envelope",
    entityId: envelope.id,
    accountId: envelope.accountId,
    after: { file: "sealed" },
  });
}
