// Raising a claim: its type, optionally the document it disputes (?documentId=, as linked from the
// document's page; &lineId= ticks one of its lines, as linked from that line) with the amount on the
// whole document or on each disputed line of an invoice, a description and evidence files (sniffed,
// under caps). It goes to the account's collector with its deadline; the page then shows it.
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ClaimActionData } from "~/components/claims";
import { Field, FieldErrors, FormError, SelectField, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { TableHead } from "~/components/ui/table";
import { chosenClaimLines, RaiseClaimFormSchema } from "~/domain/claims/claim-forms";
import { ClaimRuleError } from "~/domain/claims/errors";
import { raiseCustomerClaim } from "~/domain/claims/raise-customer-claim.server";
import { findClaimableDocument, listClaimableLines } from "~/domain/claims/read-claims.server";
import { CLAIM_TYPES } from "~/domain/vocabulary";
import { requirePortalScope } from "~/utils/account-scope.server";
import { readClaimFormWithEvidence, requireClaimCustomer } from "~/utils/claim-pages.server";
import { getDb } from "~/utils/db.server";
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
  const params = new URL(request.url).searchParams;
  const wanted = params.get("documentId");
  const doc = isId(wanted) ? await findClaimableDocument(await getDb(), customer.accountIds, wanted) : null;
  const lines = doc?.kind === "invoice" ? await listClaimableLines(await getDb(), doc.id) : [];
  const wantedLine = params.get("lineId");
  const money = (amount: string) => (doc ? formatMoney(amount, doc.currency, scope.locale) : amount);
  return {
    canDispute: customer.accountIds.length > 0,
    document: doc && {
      id: doc.id,
      label: `${doc.series}-${doc.folio}`,
      currency: doc.currency,
      open: money(doc.openAmount),
      openAmount: doc.openAmount,
      /** The invoice's lines, the one of `lineId` ticked. */
      lines: lines.map((l) => ({
        id: l.id,
        lineNo: l.lineNo,
        sku: l.sku,
        description: l.description,
        total: money(l.total),
        totalAmount: l.total,
        selected: l.id === wantedLine,
      })),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const customer = await requireClaimCustomer(request);
  if (customer.accountIds.length === 0) forbidden();
  const { t } = await getRequestT(request);
  const form = await readClaimFormWithEvidence(request);
  const submission = parseWithZod(form.fields, { schema: RaiseClaimFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const reply = (error: string, status = 400) =>
    data({ result: submission.reply({ formErrors: [error] }), error }, { status });
  if (form.refused) return reply(t("claims.errors.evidence"));
  const lines = chosenClaimLines(submission.value);
  try {
    const claim = await raiseCustomerClaim(
      await getDb(),
      customer,
      { ...submission.value, amount: lines.length ? undefined : submission.value.amount, lines, files: form.files },
      { now: new Date() },
    );
    return redirectWithToast(request, `/portal/claims/${claim.id}`, {
      kind: "success",
      message: t("claims.raised", { number: claim.number }),
    });
  } catch (error) {
    if (!(error instanceof ClaimRuleError)) throw error;
    const fieldErrors = claimRuleFieldErrors(error, submission.value);
    if (fieldErrors) return data({ result: submission.reply({ fieldErrors }) }, { status: 400 });
    return reply(t(`claims.errors.${error.code}`));
  }
}

/** An amount the domain refused, on the field that holds it (that line's amount, or the document's). */
function claimRuleFieldErrors(
  error: ClaimRuleError,
  form: { scope: string; lines: readonly { lineId: string }[] },
): Record<string, string[]> | null {
  const index = error.subject?.lineId ? form.lines.findIndex((l) => l.lineId === error.subject?.lineId) : -1;
  if (error.code === "line.amount_above_total" && index >= 0)
    return { [`lines[${index}].amount`]: ["validation.claimAboveLine"] };
  if (error.code === "document.amount_above_open")
    return form.scope === "lines"
      ? { [index >= 0 ? `lines[${index}].amount` : "lines"]: ["validation.claimAboveOpen"] }
      : { amount: ["validation.claimAboveOpen"] };
  return null;
}

export default function NewClaim() {
  const { t } = useTranslation();
  const { document, canDispute } = useLoaderData<typeof loader>();
  const actionData = useActionData<ClaimActionData>();
  const startsOnLine = document?.lines.some((l) => l.selected) ?? false;
  const [form, fields] = useValidatedForm(RaiseClaimFormSchema, {
    id: "raise-claim",
    lastResult: actionData?.result,
    defaultValue: document
      ? {
          documentId: document.id,
          scope: startsOnLine ? "lines" : "document",
          amount: startsOnLine ? undefined : document.openAmount,
          lines: document.lines.map((l) => ({
            lineId: l.id,
            selected: l.selected ? "on" : undefined,
            amount: l.selected ? l.totalAmount : undefined,
          })),
        }
      : undefined,
  });
  const lineFields = fields.lines.getFieldList();
  // Without JavaScript both parts show and the chosen scope decides; with it, only the chosen part.
  const scope = fields.scope.value ?? (startsOnLine ? "lines" : "document");
  const submitting = useIsSubmitting();
  return (
    <div className="max-w-3xl space-y-6">
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
              {document.lines.length > 0 ? (
                <fieldset>
                  <legend className="text-sm font-medium text-slate-800">{t("claims.scope")}</legend>
                  <div className="mt-1 flex flex-wrap gap-4 text-sm">
                    {(["document", "lines"] as const).map((value) => (
                      <label key={value} className="flex items-center gap-2">
                        <input
                          type="radio"
                          name={fields.scope.name}
                          value={value}
                          defaultChecked={(startsOnLine ? "lines" : "document") === value}
                          className="h-4 w-4"
                        />
                        {t(value === "document" ? "claims.scopeDocument" : "claims.scopeLines")}
                      </label>
                    ))}
                  </div>
                </fieldset>
              ) : (
                <input type="hidden" name={fields.scope.name} value="document" />
              )}
              <div hidden={document.lines.length > 0 && scope === "lines"}>
                <Field
                  meta={fields.amount}
                  label={`${t("claims.amount")} (${document.currency})`}
                  inputMode="decimal"
                />
                <p className="text-xs text-slate-500">{t("claims.amountHint")}</p>
              </div>
              {document.lines.length > 0 ? (
                <div hidden={scope === "document"} className="space-y-2">
                  <p id="claim-lines-hint" className="text-xs text-slate-500">
                    {t("claims.linesHint")}
                  </p>
                  <FieldErrors id={fields.lines.errorId} errors={fields.lines.errors} />
                  <table className="w-full border-collapse text-sm" aria-describedby="claim-lines-hint">
                    <caption className="sr-only">{t("claims.linesCaption")}</caption>
                    <TableHead
                      className="hidden sm:table-header-group"
                      rowClassName="border-b border-slate-200 text-left text-slate-600"
                      cellClassName="py-2"
                      columns={[
                        { label: t("claims.disputeLine"), className: "pr-2" },
                        { label: t("claims.lineColumn"), className: "pr-2" },
                        { label: t("claims.lineTotal"), align: "right", className: "pr-2" },
                        { label: t("claims.lineAmount"), align: "right" },
                      ]}
                    />
                    <tbody>
                      {document.lines.map((l, i) => {
                        const amountErrors = lineFields[i]?.getFieldset().amount.errors;
                        const errorId = `claim-line-amount-${i}-error`;
                        return (
                          <tr key={l.id} className="grid grid-cols-2 gap-1 border-b border-slate-100 py-2 sm:table-row">
                            <td className="py-2 pr-2">
                              <input type="hidden" name={`lines[${i}].lineId`} value={l.id} />
                              <input
                                id={`claim-line-${i}`}
                                type="checkbox"
                                name={`lines[${i}].selected`}
                                defaultChecked={l.selected}
                                className="h-5 w-5"
                                aria-describedby={`claim-line-label-${i}`}
                              />
                              <label htmlFor={`claim-line-${i}`} className="sr-only">
                                {t("claims.lineSelect", { line: l.lineNo })}
                              </label>
                            </td>
                            <td id={`claim-line-label-${i}`} className="py-2 pr-2 text-slate-900">
                              {l.lineNo}. {l.description} <span className="text-xs text-slate-500">{l.sku}</span>
                            </td>
                            <td className="py-2 pr-2 tabular-nums sm:text-right">{l.total}</td>
                            <td className="col-span-2 py-2 sm:text-right">
                              <label htmlFor={`claim-line-amount-${i}`} className="sr-only">
                                {t("claims.lineAmountFor", { line: l.lineNo, currency: document.currency })}
                              </label>
                              <input
                                id={`claim-line-amount-${i}`}
                                name={`lines[${i}].amount`}
                                defaultValue={l.selected ? l.totalAmount : undefined}
                                inputMode="decimal"
                                className="w-36 rounded-md border-0 px-2 py-1 text-right ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                                aria-invalid={amountErrors?.length ? true : undefined}
                                aria-describedby={amountErrors?.length ? errorId : undefined}
                              />{" "}
                              <span className="text-slate-600">{document.currency}</span>
                              <FieldErrors id={errorId} errors={amountErrors} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              ) : null}
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
