// One version of minutes in the portal: the meeting, attendees, topics and agreements as sent, and for
// an attendee who has not signed yet the answer: sign (the password again or a one-time code asked for
// by email, the full name and the consent, as a reconciliation is signed), or propose corrections (a text per topic or agreement).
// The first view by an attendee is recorded; after the last signature the PDF is sealed and can be
// downloaded, and each payment-promise agreement is among the account's promises.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { MinutesContent } from "~/components/minutes";
import { SendSigningCodeForm, SignerReauthentication } from "~/components/signer-reauthentication";
import { Button } from "~/components/ui/button";
import {
  PortalMinutesFormSchema,
  ProposeCorrectionsFormSchema,
  SignMinutesFormSchema,
} from "~/domain/signing/minutes-schemas";
import { proposeMinutesCorrections } from "~/domain/signing/propose-minutes-corrections.server";
import { readMinutes } from "~/domain/signing/read-minutes.server";
import { recordEnvelopeView } from "~/domain/signing/record-envelope-view.server";
import { sealEnvelope } from "~/domain/signing/seal-envelope.server";
import { signMinutes } from "~/domain/signing/sign-minutes.server";
import { actorFor } from "~/utils/auth.server";
import { runInBackground } from "~/utils/background.server";
import { getDb } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { formattingLocale } from "~/utils/i18n";
import { requireIdParam } from "~/utils/input";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { presentMinutes, refuseMinutesRule } from "~/utils/minutes-pages.server";
import { pageTitle } from "~/utils/page-title";
import { forbidden, notFound } from "~/utils/permissions.server";
import { consumeRateLimit, rateLimitMessage, tooManyRequests } from "~/utils/rate-limit.server";
import { answerSigningCodeRequest, isSigningCodeRequest, requireEnvelopeCustomer } from "~/utils/signing-pages.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.minute");

async function loadMinutes(request: Request, envelopeId: string) {
  const customer = await requireEnvelopeCustomer(request);
  const detail = await readMinutes(await getDb(), customer.readableAccountIds, envelopeId, { now: new Date() });
  // A draft has not been sent: for the customer it does not exist yet.
  if (!detail || detail.status === "draft") notFound();
  return { customer, detail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { customer, detail } = await loadMinutes(request, requireIdParam(params.envelopeId));
  const db = await getDb();
  const mine = detail.signers.find((s) => s.userId === customer.user.id);
  if (mine && mine.status === "pending" && (detail.status === "sent" || detail.status === "viewed"))
    await recordEnvelopeView(db, { ...actorFor(request, customer.user), userId: customer.user.id }, detail, {
      now: new Date(),
    });
  // Sealing normally follows the last signature at once; if it did not (a busy PDF pool, a restart), try again.
  if (detail.status === "signed" && !detail.sealedAt)
    runInBackground(`seal envelope ${detail.id}`, () =>
      sealEnvelope(db, detail.id, { now: new Date(), baseUrl: appBaseUrl() }),
    );
  const grant = customer.grants.find((g) => g.accountId === detail.accountId)!;
  const locale = formattingLocale(await getLanguage(request, customer.user), grant.country);
  const canAnswer =
    Boolean(mine) && mine!.status !== "signed" && customer.signableAccountIds.includes(detail.accountId);
  return {
    minutes: presentMinutes(detail, locale),
    open: detail.status === "sent" || detail.status === "viewed",
    mine: mine ? { status: mine.status } : null,
    canAnswer,
    userName: customer.user.name,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const envelopeId = requireIdParam(params.envelopeId);
  const { customer, detail } = await loadMinutes(request, envelopeId);
  // A viewer (or a user whose grant on the account cannot sign) is refused before anything is read.
  if (!customer.signableAccountIds.includes(detail.accountId)) forbidden();
  const { t } = await getRequestT(request);
  const db = await getDb();
  const actor = { ...actorFor(request, customer.user), userId: customer.user.id };
  const fields = await readForm(request);
  if (isSigningCodeRequest(fields))
    return answerSigningCodeRequest(db, actor, {
      envelopeId,
      kind: "minutes",
      signableAccountIds: customer.signableAccountIds,
      t,
      refuse: refuseMinutesRule,
    });
  const limit = await consumeRateLimit("signature", customer.user.id);
  if (!limit.ok)
    throw tooManyRequests(
      rateLimitMessage(t, "rateLimit.signatures", limit.retryAfterSeconds),
      limit.retryAfterSeconds,
    );
  const submission = parseWithZod(fields, { schema: PortalMinutesFormSchema });
  if (submission.status !== "success")
    return data(
      { result: submission.reply({ hideFields: ["password", "code"] }), error: null, codeSent: null },
      { status: 400 },
    );
  const now = new Date();
  try {
    if (submission.value.intent === "correct") {
      await proposeMinutesCorrections(
        db,
        actor,
        {
          envelopeId,
          accountIds: customer.signableAccountIds,
          contentSha256: submission.value.contentSha256,
          items: submission.value.corrections
            .filter((c) => c.text.length > 0)
            .map((c) => ({
              target: c.target,
              targetId: c.target === "general" ? undefined : c.targetId,
              text: c.text,
            })),
        },
        { now },
      );
      return redirectWithToast(request, `/portal/minutes/${envelopeId}`, {
        kind: "success",
        message: t("minutes.correctedToast"),
      });
    }
    const signed = await signMinutes(
      db,
      actor,
      {
        envelopeId,
        accountIds: customer.signableAccountIds,
        form: submission.value,
        consentText: t("minutes.consent"),
        promiseNote: t("minutes.promiseNote", { number: detail.number }),
      },
      { now },
    );
    if (signed.status === "signed") {
      try {
        await sealEnvelope(db, envelopeId, { now: new Date(), baseUrl: appBaseUrl() });
      } catch (error) {
        // Signed stands; the page tries sealing again when it is next opened.
        console.error(`[signing] sealing minutes ${envelopeId} failed:`, error);
      }
    }
    return redirectWithToast(request, `/portal/minutes/${envelopeId}`, {
      kind: "success",
      message:
        signed.status === "signed"
          ? t("minutes.completedToast", { number: signed.number })
          : t("minutes.signedToast", { number: signed.number }),
    });
  } catch (error) {
    const refused = refuseMinutesRule(error, t);
    return data(
      {
        result: submission.reply({ formErrors: [refused.data.error], hideFields: ["password", "code"] }),
        error: refused.data.error,
        codeSent: null,
      },
      { status: refused.init?.status ?? 400 },
    );
  }
}

const textareaClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600";

export default function PortalMinutes() {
  const { t } = useTranslation();
  const { minutes, open, mine, canAnswer, userName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const intentOf = (actionData?.result?.initialValue as { intent?: unknown } | undefined)?.intent;
  const [signForm, signFields] = useValidatedForm(SignMinutesFormSchema, {
    id: "sign-minutes",
    lastResult: intentOf === "correct" ? undefined : actionData?.result,
    defaultValue: { intent: "sign", contentSha256: minutes.contentSha256, typedName: userName },
  });
  const [correctForm, correctFields] = useValidatedForm(ProposeCorrectionsFormSchema, {
    id: "correct-minutes",
    lastResult: intentOf === "correct" ? actionData?.result : undefined,
  });
  const submitting = useIsSubmitting("sign");
  const correcting = useIsSubmitting("correct");
  const targets = [
    ...minutes.topics.map((x) => ({ target: "topic" as const, id: x.id, label: `${x.id}. ${x.title}` })),
    ...minutes.agreements.map((x) => ({ target: "agreement" as const, id: x.id, label: `${x.id}. ${x.text}` })),
    { target: "general" as const, id: "", label: t("minutes.correctGeneral") },
  ];
  return (
    <div className="space-y-8">
      <MinutesContent
        minutes={minutes}
        basePath="/portal/minutes"
        pdfHref={`/portal/minutes/${minutes.id}/pdf`}
        promisesHref="/portal/promises"
      />
      {minutes.status === "corrections_requested" ? (
        <p role="note" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {t("minutes.waitingCorrections")}
        </p>
      ) : null}
      {open && mine?.status === "signed" ? (
        <p role="note" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {t("minutes.alreadySigned")}
        </p>
      ) : null}
      {open && !canAnswer && mine?.status !== "signed" ? (
        <p role="note" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {t("minutes.cannotSign")}
        </p>
      ) : null}
      {open && canAnswer ? (
        <>
          <Form
            method="post"
            className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            {...getFormProps(signForm)}
          >
            <h2 className="text-lg font-semibold text-slate-900">{t("minutes.signTitle")}</h2>
            <FormError form={signForm} />
            <input type="hidden" name="intent" value="sign" />
            <input type="hidden" name="contentSha256" value={minutes.contentSha256} />
            <Field meta={signFields.typedName} label={t("signing.typedName")} autoComplete="name" />
            <SignerReauthentication fields={signFields} codeSent={actionData?.codeSent} />
            <div>
              <label className="flex items-start gap-2 text-sm">
                <input
                  {...getInputProps(signFields.consent, { type: "checkbox", value: "on", ariaAttributes: true })}
                  className="mt-1"
                />
                <span>{t("minutes.consent")}</span>
              </label>
              <FieldErrors id={signFields.consent.errorId} errors={signFields.consent.errors} />
            </div>
            <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
              {t("minutes.signSubmit")}
            </Button>
          </Form>
          <SendSigningCodeForm />
          <Form
            method="post"
            className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            {...getFormProps(correctForm)}
          >
            <h2 className="text-lg font-semibold text-slate-900">{t("minutes.correctTitle")}</h2>
            <p className="text-sm text-slate-700">{t("minutes.correctIntro")}</p>
            <FormError form={correctForm} />
            <FieldErrors id={correctFields.corrections.errorId} errors={correctFields.corrections.errors} />
            <input type="hidden" name="intent" value="correct" />
            <input type="hidden" name="contentSha256" value={minutes.contentSha256} />
            {targets.map((target, i) => (
              <div key={`${target.target}-${target.id}`}>
                <input type="hidden" name={`corrections[${i}].target`} value={target.target} />
                {target.id ? <input type="hidden" name={`corrections[${i}].targetId`} value={target.id} /> : null}
                <label htmlFor={`correction-${i}`} className="block text-sm font-medium text-slate-800">
                  {target.label}
                </label>
                <textarea id={`correction-${i}`} name={`corrections[${i}].text`} rows={2} className={textareaClass} />
              </div>
            ))}
            <Button type="submit" variant="secondary" pending={correcting} pendingLabel={t("common.loading")}>
              {t("minutes.correctSubmit")}
            </Button>
          </Form>
        </>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
