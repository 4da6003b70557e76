// What the claim routes share on the server: who the reader is (customer with its dispute accounts,
// or staff as a claims actor), how times read in the account's time zone, and how a refused claim
// rule answers (not found: 404, as if the claim did not exist; any other: 400 with its words).
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { CustomerActor } from "~/domain/claims/customer-claim-actions.server";
import { ClaimRuleError } from "~/domain/claims/errors";
import { parseEvidenceUpload } from "~/domain/claims/parse-evidence-upload.server";
import type { ClaimDetail } from "~/domain/claims/read-claims.server";
import type { StaffActor } from "~/domain/claims/staff-access.server";
import { grantAllows } from "~/domain/identity/permissions";
import { actorFor, requireStaffUser } from "./auth.server";
import { readForm } from "./form.server";
import { requireIdParam } from "./input";
import { notFound, requireCustomerContext } from "./permissions.server";

/**
 * A claim form, from a multipart body (with evidence files, sniffed and under caps: 413 past them) or
 * a urlencoded one (no files); anything else is refused as readForm refuses it. `refused`: a file was
 * not accepted (its type or size), so the form is answered with an error and nothing is written.
 */
export async function readClaimFormWithEvidence(request: Request) {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") return { fields: await readForm(request), files: [], refused: false };
  const upload = await parseEvidenceUpload(request);
  if (!upload.ok) throw new Response(upload.reason, { status: upload.tooLarge ? 413 : 400 });
  for (const [, value] of upload.fields)
    if (typeof value === "string" && value.includes("\u0000")) throw new Response("Bad request", { status: 400 });
  return { fields: upload.fields, files: upload.files, refused: upload.refused.length > 0 };
}

/** The claim ID of the URL; one of the wrong shape is not found. */
export const claimIdParam = (params: Record<string, string | undefined>) => requireIdParam(params.claimId);

/**
 * The customer as a claims actor: the selected accounts on which its grant allows disputing, or (for one
 * claim's page, reached by an emailed link whatever the switcher shows) every account it holds.
 */
export async function requireClaimCustomer(
  request: Request,
  options: { acrossAccounts?: boolean } = {},
): Promise<CustomerActor> {
  const { user, grants, accountIds } = await requireCustomerContext(request);
  const disputable = grants
    .filter((g) => (options.acrossAccounts || accountIds.includes(g.accountId)) && grantAllows(g.role, "dispute"))
    .map((g) => g.accountId);
  return { ...actorFor(request, user), userId: user.id, accountIds: disputable };
}

export async function requireClaimStaff(request: Request): Promise<StaffActor> {
  const user = await requireStaffUser(request);
  return { ...actorFor(request, user), userId: user.id, staffRole: user.staffRole, staffArea: user.staffArea ?? null };
}

/** Formats instants as the account reads them (its time zone, its locale). */
export function claimTimeFormat(locale: string, timeZone: string) {
  const f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "long", timeStyle: "short" });
  return (d: Date | null) => (d ? f.format(d) : null);
}

/** The claim's page data both sides show, formatted for the reader. */
export function presentClaimDetail(detail: ClaimDetail, format: (d: Date | null) => string | null) {
  const { claim } = detail;
  return {
    id: claim.id,
    number: claim.number,
    type: claim.type,
    status: claim.status,
    level: claim.level,
    version: claim.version,
    description: claim.description,
    due: format(claim.dueAt),
    /** The deadline as an instant (the promise's machine-readable form). */
    dueAt: claim.dueAt?.toISOString() ?? null,
    created: format(claim.createdAt),
    resolution: claim.resolution,
    resolutionReason: claim.resolutionReason,
    acceptedAmount: claim.acceptedAmount,
    account: detail.account,
    assigneeName: detail.assigneeName,
    reopenable: detail.reopenable,
    documents: detail.documents,
    attachments: detail.attachments,
    messages: detail.messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      time: format(m.createdAt) ?? "",
      authorName: m.authorName,
    })),
  };
}

/** A claim rule refused: not found is 404; any other is shown on the form that sent it. */
export function refuseClaimRule(error: unknown, t: TFunction, intent: string) {
  if (!(error instanceof ClaimRuleError)) throw error;
  if (error.code === "claim.not_found") notFound();
  return data(
    { intent, error: t(`claims.errors.${error.code}`) },
    { status: error.code === "claim.stale" ? 409 : 400 },
  );
}
