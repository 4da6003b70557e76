// One of the customer's claims: where it stands, the promise of an answer (in the account's time
// zone), the disputed documents, the thread without internal notes, and what the customer may do
// now: answer a request for information (with evidence files), withdraw it, or reopen it within 15 days of its resolution.
// Once settled: the outcome, with a link to the credit note or the new invoice; evidence downloads.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClaimOutcome } from "~/components/claim-settlement";
import { ClaimActionForm, ClaimSummary, ClaimThread } from "~/components/claims";
import {
  AnswerFormSchema,
  CustomerClaimActionSchema,
  ReopenFormSchema,
  WithdrawFormSchema,
} from "~/domain/claims/claim-forms";
import { answerClaim, reopenClaim, withdrawClaim } from "~/domain/claims/customer-claim-actions.server";
import { ClaimRuleError } from "~/domain/claims/errors";
import { readClaimDetail } from "~/domain/claims/read-claims.server";
import { readClaimSettlement } from "~/domain/claims/settle-claim.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import {
  claimIdParam,
  claimTimeFormat,
  presentClaimDetail,
  readClaimFormWithEvidence,
  refuseClaimRule,
  requireClaimCustomer,
} from "~/utils/claim-pages.server";
import { getDb } from "~/utils/db.server";
import { formattingLocale } from "~/utils/i18n";
import { getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { notFound, requireCustomerContext } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.claim");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const claimId = claimIdParam(params);
  const scope = await requirePortalScope(request);
  // A claim of any account the customer holds (an emailed link works whatever the switcher shows).
  const customer = await requireClaimCustomer(request, { acrossAccounts: true });
  const { grants } = await requireCustomerContext(request);
  const now = new Date();
  try {
    const detail = await readClaimDetail(
      await getDb(),
      claimId,
      { audience: "customer", accountIds: grants.map((g) => g.accountId) },
      now,
    );
    const canAct = customer.accountIds.includes(detail.claim.accountId);
    const settlement = await readClaimSettlement(await getDb(), claimId);
    return {
      settlement,
      claim: presentClaimDetail(
        detail,
        claimTimeFormat(formattingLocale(scope.language, detail.country), detail.timeZone),
      ),
      locale: formattingLocale(scope.language, detail.country),
      canAct,
    };
  } catch (error) {
    if (error instanceof ClaimRuleError && error.code === "claim.not_found") notFound();
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const claimId = claimIdParam(params);
  const customer = await requireClaimCustomer(request, { acrossAccounts: true });
  const { t } = await getRequestT(request);
  const form = await readClaimFormWithEvidence(request);
  const submission = parseWithZod(form.fields, { schema: CustomerClaimActionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    return data({ result: submission.reply(), intent: typeof intent === "string" ? intent : "" }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "answer" && form.refused)
    return data({ intent: value.intent, error: t("claims.errors.evidence") }, { status: 400 });
  const db = await getDb();
  const now = { now: new Date() };
  try {
    if (value.intent === "answer") await answerClaim(db, customer, { claimId, ...value, files: form.files }, now);
    else if (value.intent === "withdraw") await withdrawClaim(db, customer, { claimId, ...value }, now);
    else await reopenClaim(db, customer, { claimId, ...value }, now);
  } catch (error) {
    return refuseClaimRule(error, t, value.intent);
  }
  return redirectWithToast(request, `/portal/claims/${claimId}`, { kind: "success", message: t("claims.done") });
}

export default function PortalClaim() {
  const { t } = useTranslation();
  const { claim, locale, canAct, settlement } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <ClaimSummary claim={claim} locale={locale} side="portal" />
      {settlement ? (
        <ClaimOutcome settlement={settlement} href={`/portal/documents/${settlement.documentId}`} locale={locale} />
      ) : null}
      <ClaimThread messages={claim.messages} />
      {canAct ? (
        <div className="grid gap-4 md:grid-cols-2">
          {claim.status === "waiting_on_customer" ? (
            <ClaimActionForm
              schema={AnswerFormSchema}
              intent="answer"
              version={claim.version}
              text={{ name: "body", label: t("claims.message") }}
              files={{ label: t("claims.evidence") }}
              submitLabel={t("claims.answer")}
            />
          ) : null}
          {claim.status === "open" || claim.status === "waiting_on_customer" ? (
            <ClaimActionForm
              schema={WithdrawFormSchema}
              intent="withdraw"
              version={claim.version}
              text={{ name: "reason", label: t("claims.reason") }}
              submitLabel={t("claims.withdraw")}
              variant="danger"
            />
          ) : null}
          {claim.reopenable ? (
            <ClaimActionForm
              schema={ReopenFormSchema}
              intent="reopen"
              version={claim.version}
              text={{ name: "reason", label: t("claims.reason") }}
              submitLabel={t("claims.reopen")}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
