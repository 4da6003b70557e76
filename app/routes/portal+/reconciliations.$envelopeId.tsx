// One reconciliation in the portal: the content as sent, and for its signers the answer: agree and
// sign, or sign with differences (the customer's own balance and each difference, with evidence;
// each becomes a claim). Signing asks for the password again, the full name and the consent. The
// first view by a signer is recorded; after signing the PDF is sealed and can be downloaded.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { EnvelopeContent } from "~/components/reconciliation";
import { SendSigningCodeForm, SignerReauthentication } from "~/components/signer-reauthentication";
import { Button } from "~/components/ui/button";
import { parseEvidenceUpload } from "~/domain/claims/parse-evidence-upload.server";
import type { AcceptedEvidence } from "~/domain/claims/parse-evidence-upload.server";
import { readEnvelope } from "~/domain/signing/read-envelopes.server";
import { recordEnvelopeView } from "~/domain/signing/record-envelope-view.server";
import { SignEnvelopeFormSchema } from "~/domain/signing/schemas";
import { sealEnvelope } from "~/domain/signing/seal-envelope.server";
import { signEnvelope } from "~/domain/signing/sign-envelope.server";
import { DIFFERENCE_KINDS } from "~/domain/vocabulary";
import { actorFor } from "~/utils/auth.server";
import { runInBackground } from "~/utils/background.server";
import { getDb } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { formatDate, formattingLocale } from "~/utils/i18n";
import { requireIdParam } from "~/utils/input";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { forbidden, notFound } from "~/utils/permissions.server";
import { consumeRateLimit, rateLimitMessage, tooManyRequests } from "~/utils/rate-limit.server";
import {
  answerSigningCodeRequest,
  isSigningCodeRequest,
  presentEnvelope,
  refuseSigningRule,
  requireEnvelopeCustomer,
} from "~/utils/signing-pages.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.reconciliation");

async function loadEnvelope(request: Request, envelopeId: string) {
  const customer = await requireEnvelopeCustomer(request);
  const detail = await readEnvelope(await getDb(), customer.readableAccountIds, envelopeId, { now: new Date() });
  // A draft has not been sent: for the customer it does not exist yet.
  if (!detail || detail.status === "draft") notFound();
  return { customer, detail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { customer, detail } = await loadEnvelope(request, requireIdParam(params.envelopeId));
  const db = await getDb();
  const now = new Date();
  const mine = detail.signers.find((s) => s.userId === customer.user.id);
  if (mine && mine.status === "pending" && (detail.status === "sent" || detail.status === "viewed"))
    await recordEnvelopeView(db, { ...actorFor(request, customer.user), userId: customer.user.id }, detail, { now });
  const signed = detail.status === "signed" || detail.status === "signed_with_differences";
  // Sealing normally follows the signature at once; if it did not (a busy PDF pool, a restart), try again.
  if (signed && !detail.sealedAt)
    runInBackground(`seal envelope ${detail.id}`, () =>
      sealEnvelope(db, detail.id, { now: new Date(), baseUrl: appBaseUrl() }),
    );
  const grant = customer.grants.find((g) => g.accountId === detail.accountId)!;
  const locale = formattingLocale(await getLanguage(request, customer.user), grant.country);
  const canSign = Boolean(mine) && customer.signableAccountIds.includes(detail.accountId);
  return {
    envelope: presentEnvelope(detail, locale),
    signable: detail.status === "sent" || detail.status === "viewed",
    canSign,
    userName: customer.user.name,
  };
}

/** The form's fields and each difference's evidence files (multipart), or the fields alone. */
async function readSignForm(request: Request) {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data")
    return { fields: await readForm(request), files: [] as AcceptedEvidence[], refused: false, multipart: false };
  const upload = await parseEvidenceUpload(request);
  if (!upload.ok) throw new Response(upload.reason, { status: upload.tooLarge ? 413 : 400 });
  for (const [, value] of upload.fields)
    if (typeof value === "string" && value.includes("\u0000")) throw new Response("Bad request", { status: 400 });
  return { fields: upload.fields, files: upload.files, refused: upload.refused.length > 0, multipart: true };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const envelopeId = requireIdParam(params.envelopeId);
  const { customer, detail } = await loadEnvelope(request, envelopeId);
  // A viewer (or a user whose grant on the account cannot sign) is refused before anything is read.
  if (!customer.signableAccountIds.includes(detail.accountId)) forbidden();
  const { t } = await getRequestT(request);
  const db = await getDb();
  const actor = { ...actorFor(request, customer.user), userId: customer.user.id };
  // The body is read once (a clone read beside it stalled on a 5 MB field): a code request is a plain
  // form with its own intent; everything else is a signature.
  const form = await readSignForm(request);
  if (!form.multipart && isSigningCodeRequest(form.fields))
    return answerSigningCodeRequest(db, actor, {
      envelopeId,
      kind: "reconciliation",
      signableAccountIds: customer.signableAccountIds,
      t,
    });
  const limit = await consumeRateLimit("signature", customer.user.id);
  if (!limit.ok)
    throw tooManyRequests(
      rateLimitMessage(t, "rateLimit.signatures", limit.retryAfterSeconds),
      limit.retryAfterSeconds,
    );
  const submission = parseWithZod(form.fields, { schema: SignEnvelopeFormSchema });
  if (submission.status !== "success")
    return data(
      { result: submission.reply({ hideFields: ["password", "code"] }), error: null, codeSent: null },
      { status: 400 },
    );
  const reply = (error: string, status = 400) =>
    data(
      { result: submission.reply({ formErrors: [error], hideFields: ["password", "code"] }), error, codeSent: null },
      { status },
    );
  if (form.refused) return reply(t("signing.errors.evidence"));
  const evidence = (submission.value.intent === "disagree" ? submission.value.differences : []).map((_, i) =>
    form.files.filter((f) => f.fieldName === `differences[${i}].evidence`),
  );
  const grant = customer.grants.find((g) => g.accountId === detail.accountId)!;
  const locale = formattingLocale(await getLanguage(request, customer.user), grant.country);
  try {
    const signed = await signEnvelope(
      db,
      actor,
      {
        envelopeId,
        accountIds: customer.signableAccountIds,
        form: submission.value,
        consentText: t("signing.consent"),
        claimTitle: t("signing.claimTitle", {
          number: detail.number,
          cutoff: formatDate(detail.content.cutoffDate, locale),
        }),
        evidence,
      },
      { now: new Date() },
    );
    try {
      await sealEnvelope(db, envelopeId, { now: new Date(), baseUrl: appBaseUrl() });
    } catch (error) {
      // Signed stands; the page tries sealing again when it is next opened.
      console.error(`[signing] sealing envelope ${envelopeId} failed:`, error);
    }
    return redirectWithToast(request, `/portal/reconciliations/${envelopeId}`, {
      kind: "success",
      message:
        signed.differences > 0
          ? t("signing.signedWithDifferencesToast", { number: signed.number, count: signed.differences })
          : t("signing.signedToast", { number: signed.number }),
    });
  } catch (error) {
    const refused = refuseSigningRule(error, t);
    return reply(refused.data.error, refused.init?.status ?? 400);
  }
}

type Meta = FieldMetadata<string | undefined>;
const inputClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

function Labeled({ meta, label, children }: { meta: Meta; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export default function PortalReconciliation() {
  const { t } = useTranslation();
  const { envelope, signable, canSign, userName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fieldsOfUnion] = useValidatedForm(SignEnvelopeFormSchema, {
    id: "sign-envelope",
    lastResult: actionData?.result,
    defaultValue: { intent: "agree", contentSha256: envelope.contentSha256, typedName: userName, differences: [{}] },
  });
  // The union's members share the signature fields; the differences belong to "disagree".
  const fields = fieldsOfUnion as unknown as Record<
    "intent" | "contentSha256" | "method" | "password" | "code" | "typedName" | "consent" | "customerBalance",
    Meta
  > & { differences: FieldMetadata<Record<string, string>[] | undefined> };
  const agreeing = useIsSubmitting("agree");
  const disagreeing = useIsSubmitting("disagree");
  const submitting = agreeing || disagreeing;
  const items = envelope.sections.flatMap((s) => s.items);
  const differences = fields.differences.getFieldList();
  return (
    <div className="space-y-8">
      <EnvelopeContent
        envelope={envelope}
        claimsBasePath="/portal/claims"
        pdfHref={`/portal/reconciliations/${envelope.id}/pdf`}
      />
      {signable && !canSign ? (
        <p role="note" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {t("signing.cannotSign")}
        </p>
      ) : null}
      {signable && canSign ? (
        <Form
          method="post"
          encType="multipart/form-data"
          className="max-w-3xl space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          {...getFormProps(form)}
        >
          <FormError form={form} />
          <input type="hidden" name={fields.contentSha256.name} value={envelope.contentSha256} />
          <fieldset className="space-y-2">
            <legend className="text-lg font-semibold text-slate-900">{t("signing.answer")}</legend>
            {(["agree", "disagree"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={fields.intent.name}
                  value={value}
                  defaultChecked={(fields.intent.initialValue ?? "agree") === value}
                />
                {t(`signing.${value}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="space-y-4">
            <legend className="font-semibold text-slate-900">{t("signing.differences")}</legend>
            <Labeled
              meta={fields.customerBalance}
              label={t("signing.yourBalance", { currency: envelope.accountCurrency })}
            >
              <input
                {...getInputProps(fields.customerBalance, { type: "text", ariaAttributes: true })}
                inputMode="decimal"
                className={inputClass}
              />
            </Labeled>
            {differences.map((difference, index) => {
              const d = difference.getFieldset() as unknown as Record<
                "kind" | "documentId" | "reference" | "amount" | "description",
                Meta
              >;
              return (
                <fieldset key={difference.key} className="space-y-3 rounded-md border border-slate-200 p-3">
                  <legend className="px-1 text-sm font-medium">{t("signing.differenceN", { n: index + 1 })}</legend>
                  <Labeled meta={d.kind} label={t("signing.differenceKind")}>
                    <select {...getSelectProps(d.kind, { ariaAttributes: true })} className={inputClass}>
                      {DIFFERENCE_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`signing.differenceKinds.${k}`)}
                        </option>
                      ))}
                    </select>
                  </Labeled>
                  <Labeled meta={d.documentId} label={t("signing.differenceDocument")}>
                    <select {...getSelectProps(d.documentId, { ariaAttributes: true })} className={inputClass}>
                      <option value="">{t("signing.differenceNoDocument")}</option>
                      {items.map((i) => (
                        <option key={i.documentId} value={i.documentId}>
                          {t(`documents.kinds.${i.kind}`)} {i.serieFolio} · {i.open}
                        </option>
                      ))}
                    </select>
                  </Labeled>
                  <div className="grid gap-3 sm:grid-cols-2">
                    <Labeled meta={d.amount} label={t("signing.differenceAmount")}>
                      <input
                        {...getInputProps(d.amount, { type: "text", ariaAttributes: true })}
                        inputMode="decimal"
                        className={inputClass}
                      />
                    </Labeled>
                    <Labeled meta={d.reference} label={t("signing.differenceReference")}>
                      <input
                        {...getInputProps(d.reference, { type: "text", ariaAttributes: true })}
                        className={inputClass}
                      />
                    </Labeled>
                  </div>
                  <Labeled meta={d.description} label={t("signing.differenceDescription")}>
                    <textarea
                      rows={2}
                      {...getTextareaProps(d.description, { ariaAttributes: true })}
                      className={inputClass}
                    />
                  </Labeled>
                  <div>
                    <label htmlFor={`evidence-${index}`} className="block text-sm font-medium text-slate-800">
                      {t("signing.differenceEvidence")}
                    </label>
                    <input
                      id={`evidence-${index}`}
                      name={`differences[${index}].evidence`}
                      type="file"
                      multiple
                      className="mt-1 block text-sm"
                    />
                  </div>
                  {differences.length > 1 ? (
                    <Button
                      type="submit"
                      variant="secondary"
                      {...form.remove.getButtonProps({ name: fields.differences.name, index })}
                    >
                      {t("signing.removeDifference")}
                    </Button>
                  ) : null}
                </fieldset>
              );
            })}
            <Button
              type="submit"
              variant="secondary"
              {...form.insert.getButtonProps({ name: fields.differences.name })}
            >
              {t("signing.addDifference")}
            </Button>
          </fieldset>
          <fieldset className="space-y-3">
            <legend className="text-lg font-semibold text-slate-900">{t("signing.signTitle")}</legend>
            <Labeled meta={fields.typedName} label={t("signing.typedName")}>
              <input
                {...getInputProps(fields.typedName, { type: "text", ariaAttributes: true })}
                autoComplete="name"
                className={inputClass}
              />
            </Labeled>
            <SignerReauthentication fields={fields} codeSent={actionData?.codeSent} />
            <div>
              <label className="flex items-start gap-2 text-sm">
                <input
                  {...getInputProps(fields.consent, { type: "checkbox", value: "on", ariaAttributes: true })}
                  className="mt-1"
                />
                <span>{t("signing.consent")}</span>
              </label>
              <FieldErrors id={fields.consent.errorId} errors={fields.consent.errors} />
            </div>
          </fieldset>
          <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
            {t("signing.signSubmit")}
          </Button>
        </Form>
      ) : null}
      {signable && canSign ? <SendSigningCodeForm /> : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
