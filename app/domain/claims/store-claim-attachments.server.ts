// Keeps accepted evidence with its claim (and the message it came with): sniffed type, SHA-256,
// size and the bytes, each audited. Call it in the transaction of the change the files belong to.
import { claimAttachments } from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import type { AcceptedEvidence } from "./parse-evidence-upload.server";

export async function storeClaimAttachments(
  tx: DbOrTx,
  actor: Actor,
  input: {
    claimId: string;
    accountId: string;
    messageId: string | null;
    files: readonly AcceptedEvidence[];
    now: Date;
  },
) {
  if (input.files.length === 0) return [];
  const rows = await tx
    .insert(claimAttachments)
    .values(
      input.files.map((f) => ({
        claimId: input.claimId,
        messageId: input.messageId,
        fileName: f.fileName,
        mediaType: f.mediaType,
        sha256: f.sha256,
        size: f.size,
        content: f.bytes,
        uploadedById: actor.userId ?? null,
        createdAt: input.now,
      })),
    )
    .returning({
      id: claimAttachments.id,
      fileName: claimAttachments.fileName,
      mediaType: claimAttachments.mediaType,
      sha256: claimAttachments.sha256,
      size: claimAttachments.size,
    });
  await recordAuditEvents(
    tx,
    actor,
    rows.map((r) => ({
      action: "claim.attachment_added" as const,
      entityType: "claim" as const,
      entityId: input.claimId,
      accountId: input.accountId,
      after: {
        attachmentId: r.id,
        messageId: input.messageId,
        fileName: r.fileName,
        mediaType: r.mediaType,
        sha256: r.sha256,
        size: r.size,
      },
    })),
  );
  return rows;
}
