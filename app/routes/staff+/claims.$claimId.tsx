// One claim for staff who may see it (404 otherwise): its thread with internal notes, and the actions
// of whoever may act on it: take, reassign, reply, internal note, request information, escalate,
// resolve (with what settles it in the ledger, and then its outcome). Auditors read only.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AssigneeSelect, ClaimOutcome, SettlementSelect } from "~/components/claim-settlement";
import { ClaimActionForm, ClaimExtraInput, ClaimSummary, ClaimThread } from "~/components/claims";
import {
  EscalateFormSchema,
  NoteFormSchema,
  ReassignFormSchema,
  ReplyFormSchema,
  RequestInfoFormSchema,
  ResolveFormSchema,
  StaffClaimActionSchema,
  TakeFormSchema,
} from "~/domain/claims/claim-forms";
import { loadClaim } from "~/domain/claims/claim-transition.server";
import { ClaimRuleError } from "~/domain/claims/errors";
import { escalateClaim } from "~/domain/claims/escalate-claim.server";
import { listClaimAssignees } from "~/domain/claims/list-claim-assignees.server";
import { readClaimDetail, requireStaffMaySee } from "~/domain/claims/read-claims.server";
import { readClaimSettlement } from "~/domain/claims/settle-claim.server";
import { staffMayAct } from "~/domain/claims/staff-access.server";
import {
  addInternalNote,
  reassignClaim,
  replyToClaim,
  requestClaimInfo,
  resolveClaim,
  takeClaim,
} from "~/domain/claims/staff-claim-actions.server";
import { CLAIM_RESOLUTIONS } from "~/domain/vocabulary";
import { requireStaffUser } from "~/utils/auth.server";
import {
  claimIdParam,
  claimTimeFormat,
  presentClaimDetail,
  refuseClaimRule,
  requireClaimStaff,
} from "~/utils/claim-pages.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formattingLocale } from "~/utils/i18n";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { notFound } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.claim");

async function requireVisibleClaim(request: Request, claimId: string) {
  const staff = await requireClaimStaff(request);
  const db = await getDb();
  try {
    await requireStaffMaySee(db, staff, claimId);
  } catch (error) {
    if (error instanceof ClaimRuleError) notFound();
    throw error;
  }
  return { staff, db };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const claimId = claimIdParam(params);
  const { staff, db } = await requireVisibleClaim(request, claimId);
  const user = await requireStaffUser(request);
  const detail = await readClaimDetail(db, claimId, { audience: "staff" }, new Date());
  const loaded = await loadClaim(db, claimId);
  const locale = formattingLocale(await getLanguage(request, user), detail.country);
  const canAct = await staffMayAct(db, staff, loaded);
  const settlement = await readClaimSettlement(db, claimId);
  const assignees = canAct
    ? (await listClaimAssignees(db, claimId)).filter((a) => a.id !== detail.claim.assigneeId)
    : [];
  return {
    claim: presentClaimDetail(detail, claimTimeFormat(locale, detail.timeZone)),
    locale,
    canAct,
    assignees: assignees.map((a) => ({ id: a.id, name: a.name })),
    settlement,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const claimId = claimIdParam(params);
  const { staff, db } = await requireVisibleClaim(request, claimId);
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: StaffClaimActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    return data({ result: submission.reply(), intent: typeof intent === "string" ? intent : "" }, { status: 400 });
  }
  const value = submission.value;
  const now = { now: new Date() };
  try {
    switch (value.intent) {
      case "take":
        await takeClaim(db, staff, { claimId, version: value.version }, now);
        break;
      case "reassign":
        await reassignClaim(db, staff, { claimId, version: value.version, assigneeId: value.assigneeId }, now);
        break;
      case "reply":
        await replyToClaim(db, staff, { claimId, version: value.version, body: value.body }, now);
        break;
      case "note":
        await addInternalNote(db, staff, { claimId, body: value.body }, now);
        break;
      case "request_info":
        await requestClaimInfo(db, staff, { claimId, version: value.version, body: value.body }, now);
        break;
      case "escalate":
        await escalateClaim(db, staff, { claimId, version: value.version, reason: value.reason }, now);
        break;
      case "resolve":
        await resolveClaim(db, staff, { ...value, claimId }, now);
        break;
    }
  } catch (error) {
    if (error instanceof ClaimRuleError && error.code === "claim.not_allowed") notFound();
    return refuseClaimRule(error, t, value.intent);
  }
  return redirectWithToast(request, `/staff/claims/${claimId}`, { kind: "success", message: t("claims.done") });
}

export default function StaffClaim() {
  const { t } = useTranslation();
  const { claim, locale, canAct, assignees, settlement } = useLoaderData<typeof loader>();
  const active = claim.status === "open" || claim.status === "waiting_on_customer";
  return (
    <div className="space-y-6">
      <ClaimSummary claim={claim} locale={locale} side="staff" />
      {settlement ? (
        <ClaimOutcome
          settlement={settlement}
          href={`/staff/accounts/${settlement.accountId}/documents/${settlement.documentId}`}
          locale={locale}
        />
      ) : null}
      <ClaimThread messages={claim.messages} />
      {canAct ? (
        <div className="grid gap-4 md:grid-cols-2">
          {active ? (
            <ClaimActionForm
              schema={TakeFormSchema}
              intent="take"
              version={claim.version}
              submitLabel={t("claims.take")}
            />
          ) : null}
          {active && assignees.length > 0 ? (
            <ClaimActionForm
              schema={ReassignFormSchema}
              intent="reassign"
              version={claim.version}
              submitLabel={t("claims.reassign")}
              variant="secondary"
            >
              <AssigneeSelect assignees={assignees} />
            </ClaimActionForm>
          ) : null}
          {claim.status === "open" ? (
            <ClaimActionForm
              schema={ReplyFormSchema}
              intent="reply"
              version={claim.version}
              text={{ name: "body", label: t("claims.message") }}
              submitLabel={t("claims.reply")}
            />
          ) : null}
          <ClaimActionForm
            schema={NoteFormSchema}
            intent="note"
            text={{ name: "body", label: t("claims.note") }}
            submitLabel={t("claims.addNote")}
            variant="secondary"
          />
          {claim.status === "open" ? (
            <ClaimActionForm
              schema={RequestInfoFormSchema}
              intent="request_info"
              version={claim.version}
              text={{ name: "body", label: t("claims.message") }}
              submitLabel={t("claims.requestInfo")}
            />
          ) : null}
          {claim.status === "open" && claim.level !== "L3" ? (
            <ClaimActionForm
              schema={EscalateFormSchema}
              intent="escalate"
              version={claim.version}
              text={{ name: "reason", label: t("claims.reason") }}
              submitLabel={t("claims.escalate")}
              variant="secondary"
            />
          ) : null}
          {active ? (
            <ClaimActionForm
              schema={ResolveFormSchema}
              intent="resolve"
              version={claim.version}
              text={{ name: "reason", label: t("claims.reason") }}
              submitLabel={t("claims.resolve")}
            >
              <div>
                <label htmlFor="claim-resolution" className="block text-sm font-medium text-slate-800">
                  {t("claims.resolution")}
                </label>
                <select id="claim-resolution" name="resolution" className="mt-1 block w-full rounded-md text-sm">
                  {CLAIM_RESOLUTIONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`claims.resolutions.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <ClaimExtraInput name="acceptedAmount" label={t("claims.acceptedAmount")} />
              <SettlementSelect />
            </ClaimActionForm>
          ) : null}
        </div>
      ) : (
        <p className="text-slate-600">{t("claims.readOnly")}</p>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
