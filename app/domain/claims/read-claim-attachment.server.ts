// One evidence file of a claim, for download: a customer reaches it only through a claim of one of
// its accounts (and never a file attached to an internal note); staff only through a claim they may
// see (the caller checks that first with requireStaffMaySee). Anything else is null (404).
import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import { claimAttachments, claimMessages, claims } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";

export async function readClaimAttachment(
  db: DbOrTx,
  input: { claimId: string; attachmentId: string } & (
    { audience: "customer"; accountIds: readonly string[] } | { audience: "staff" }
  ),
) {
  const customer = input.audience === "customer";
  if (customer && input.accountIds.length === 0) return null;
  const [row] = await db
    .select({
      fileName: claimAttachments.fileName,
      mediaType: claimAttachments.mediaType,
      size: claimAttachments.size,
      content: claimAttachments.content,
    })
    .from(claimAttachments)
    .innerJoin(claims, eq(claims.id, claimAttachments.claimId))
    .leftJoin(claimMessages, eq(claimMessages.id, claimAttachments.messageId))
    .where(
      and(
        eq(claimAttachments.id, input.attachmentId),
        eq(claimAttachments.claimId, input.claimId),
        customer ? inArray(claims.accountId, [...input.accountIds]) : undefined,
        customer ? or(isNull(claimAttachments.messageId), ne(claimMessages.kind, "internal_note")) : undefined,
      ),
    );
  if (!row || !row.content) return null;
  return { ...row, content: row.content };
}
