// Raising a claim: its type, optionally the document it disputes (?documentId=, as linked from the
// document's page) with the amount, a description and evidence files (sniffed, under caps). It goes
// to the account's collector with its deadline; the page then shows it.
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ClaimActionData } from "~/components/claims";
import { Field, FieldErrors, FormError, SelectField, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { RaiseClaimFormSchema } from "~/domain/claims/claim-forms";
import { ClaimRuleError } from "~/domain/claims/errors";
import { parseEvidenceUpload } from "~/domain/claims/parse-evidence-upload.server";
import { raiseCustomerClaim } from "~/domain/claims/raise-customer-claim.server";
import { findClaimableDocument } from "~/domain/claims/read-claims.server";
import { CLAIM_TYPES } from "~/domain/vocabulary";
import { requirePortalScope } from "~/utils/account-scope.server";
import { requireClaimCustomer } from "~/utils/claim-pages.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { isId } from "~/utils/input";
import { getRequestT } from "~/utils/language.server";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { forbidden } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.newClaim");

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requirePortalScope(request);
  const customer = await requireClaimCustomer(request);
  const wanted = new URL(request.url).searchParams.get("documentId");
  const doc = isId(wanted) ? await findClaimableDocument(await getDb(), customer.accountIds, wanted) : null;
  return {
    canDispute: customer.accountIds.length > 0,
    document: doc && {
      id: doc.id,
      label: `${doc.series}-${doc.folio}`,
      open: formatMoney(doc.openAmount, doc.currency, scope.locale),
      openAmount: doc.openAmount,
    },
  };
}

/** The form, from a multipart body (with evidence) or a urlencoded one; anything else is refused. */
async function readClaimForm(request: Request) {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") return { fields: await readForm(request), files: [], refused: false };
  const upload = await parseEvidenceUpload(request);
  if (!upload.ok) throw new Response(upload.reason, { status: upload.tooLarge ? 413 : 400 });
  for (const [, value] of upload.fields)
    if (typeof value === "string" && value.includes("\u0000")) throw new Response("Bad request", { status: 400 });
  return { fields: upload.fields, files: upload.files, refused: upload.refused.length > 0 };
}

export async function action({ request }: ActionFunctionArgs) {
  const customer = await requireClaimCustomer(request);
  if (customer.accountIds.length === 0) forbidden();
  const { t } = await getRequestT(request);
  const form = await readClaimForm(request);
  const submission = parseWithZod(form.fields, { schema: RaiseClaimFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const reply = (error: string, status = 400) =>
    data({ result: submission.reply({ formErrors: [error] }), error }, { status });
  if (form.refused) return reply(t("claims.errors.evidence"));
  try {
    const claim = await raiseCustomerClaim(
      await getDb(),
      customer,
      { ...submission.value, files: form.files },
      { now: new Date() },
    );
    return redirectWithToast(request, `/portal/claims/${claim.id}`, {
      kind: "success",
      message: t("claims.raised", { number: claim.number }),
    });
  } catch (error) {
    if (error instanceof ClaimRuleError) return reply(t(`claims.errors.${error.code}`));
    throw error;
  }
}

export default function NewClaim() {
  const { t } = useTranslation();
  const { document, canDispute } = useLoaderData<typeof loader>();
  const actionData = useActionData<ClaimActionData>();
  const [form, fields] = useValidatedForm(RaiseClaimFormSchema, {
    id: "raise-claim",
    lastResult: actionData?.result,
    defaultValue: document ? { documentId: document.id, amount: document.openAmount } : undefined,
  });
  const submitting = useIsSubmitting();
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("claims.new")}</h1>
        <p className="text-slate-600">{t("claims.newIntro")}</p>
      </div>
      {canDispute ? (
        <Form
          method="post"
          encType="multipart/form-data"
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          {...getFormProps(form)}
        >
          <FormError form={form} />
          <SelectField
            meta={fields.type}
            label={t("claims.type")}
            options={CLAIM_TYPES.map((c) => ({ value: c, label: t(`claims.types.${c}`) }))}
          />
          {document ? (
            <>
              <input type="hidden" name="documentId" value={document.id} />
              <p className="text-sm text-slate-700">
                {t("claims.document")}: <strong>{document.label}</strong> · {document.open}
              </p>
              <Field meta={fields.amount} label={t("claims.amount")} inputMode="decimal" />
              <p className="text-xs text-slate-500">{t("claims.amountHint")}</p>
            </>
          ) : (
            <p className="text-sm text-slate-700">{t("claims.documentNone")}</p>
          )}
          <div>
            <label htmlFor={fields.description.id} className="block text-sm font-medium text-slate-800">
              {t("claims.description")}
            </label>
            <textarea
              rows={5}
              className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
              {...getTextareaProps(fields.description, { ariaAttributes: true })}
            />
            <FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
          </div>
          <div>
            <label htmlFor="evidence" className="block text-sm font-medium text-slate-800">
              {t("claims.evidence")}
            </label>
            <input id="evidence" name="evidence" type="file" multiple className="mt-1 block text-sm" />
          </div>
          <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
            {t("claims.submit")}
          </Button>
        </Form>
      ) : (
        <p role="alert">{t("claims.errors.claim.not_allowed")}</p>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
