// Evidence downloads of the claim pages, portal and staff: always as an attachment (never rendered by
// the browser), with the type sniffed from the bytes when the file was accepted, and nosniff so the
// browser keeps to it. A claim or file outside the reader's reach answers 404 like a missing one.
import { ClaimRuleError } from "~/domain/claims/errors";
import { readClaimAttachment } from "~/domain/claims/read-claim-attachment.server";
import { requireStaffMaySee } from "~/domain/claims/read-claims.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { requireClaimStaff } from "~/utils/claim-pages.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { notFound } from "~/utils/permissions.server";

/** `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize("NFD")
      .replace(/[^A-Za-z0-9._-]/g, "_")
      .slice(0, 150) || "archivo";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.slice(0, 200))}`;
}

function fileResponse(file: { fileName: string; mediaType: string; content: Uint8Array }) {
  return new Response(file.content as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.content.byteLength),
      "Content-Disposition": attachmentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

export async function downloadPortalClaimAttachment(request: Request, params: Record<string, string | undefined>) {
  const claimId = requireIdParam(params.claimId);
  const attachmentId = requireIdParam(params.attachmentId);
  const scope = await requirePortalScope(request);
  const file = await readClaimAttachment(await getDb(), {
    claimId,
    attachmentId,
    audience: "customer",
    accountIds: scope.accountIds,
  });
  if (!file) notFound();
  return fileResponse(file);
}

export async function downloadStaffClaimAttachment(request: Request, params: Record<string, string | undefined>) {
  const claimId = requireIdParam(params.claimId);
  const attachmentId = requireIdParam(params.attachmentId);
  const staff = await requireClaimStaff(request);
  const db = await getDb();
  try {
    await requireStaffMaySee(db, staff, claimId);
  } catch (error) {
    if (error instanceof ClaimRuleError) notFound();
    throw error;
  }
  const file = await readClaimAttachment(db, { claimId, attachmentId, audience: "staff" });
  if (!file) notFound();
  return fileResponse(file);
}
