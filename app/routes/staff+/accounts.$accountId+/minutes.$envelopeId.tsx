// One version of the account's minutes (staff): the content, who signed, what the promise agreements
// became, the corrections proposed; a draft is sent from here, a pending correction is answered here
// (a message back, the minutes unchanged) or accepted (a new version, from the form at minutes/new).
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { MinutesContent } from "~/components/minutes";
import { Button } from "~/components/ui/button";
import { staffAllows } from "~/domain/identity/permissions";
import { answerMinutesCorrection } from "~/domain/signing/answer-minutes-correction.server";
import { StaffMinutesActionSchema } from "~/domain/signing/minutes-schemas";
import { readMinutes } from "~/domain/signing/read-minutes.server";
import { sendMinutes } from "~/domain/signing/send-minutes.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { requireIdParam } from "~/utils/input";
import { getRequestT } from "~/utils/language.server";
import { presentMinutes, refuseMinutesRule } from "~/utils/minutes-pages.server";
import { pageTitle } from "~/utils/page-title";
import { notFound, requireStaffAccount } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.minute");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  const { user } = await requireStaffAccount(request, scope.accountId!);
  const envelopeId = requireIdParam(params.envelopeId);
  const detail = await readMinutes(await getDb(), scope.accountIds, envelopeId, { now: new Date() });
  if (!detail) notFound();
  const canAct = staffAllows(user.staffRole, "send:reconciliation");
  return {
    minutes: presentMinutes(detail, scope.locale),
    basePath: scope.basePath,
    canSend: canAct && detail.status === "draft",
    canRespond: canAct && detail.status === "corrections_requested",
    reviseHref: `${scope.basePath}/minutes/new?from=${detail.id}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  const { user } = await requireStaffAccount(request, scope.accountId!, "send:reconciliation");
  const envelopeId = requireIdParam(params.envelopeId);
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: StaffMinutesActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const actor = { ...scope.actor, userId: user.id };
  const db = await getDb();
  const here = `${scope.basePath}/minutes/${envelopeId}`;
  try {
    if (submission.value.intent === "send") {
      const sent = await sendMinutes(
        db,
        actor,
        { envelopeId, accountIds: scope.accountIds, baseUrl: appBaseUrl() },
        { now: new Date() },
      );
      return redirectWithToast(request, here, { kind: "success", message: t("minutes.sent", { count: sent.signers }) });
    }
    await answerMinutesCorrection(
      db,
      actor,
      {
        envelopeId,
        accountIds: scope.accountIds,
        correctionId: submission.value.correctionId,
        message: submission.value.message,
      },
      { now: new Date() },
    );
    return redirectWithToast(request, here, { kind: "success", message: t("minutes.answered") });
  } catch (error) {
    const refused = refuseMinutesRule(error, t);
    return data({ result: submission.reply(), error: refused.data.error }, { status: refused.init?.status ?? 400 });
  }
}

export default function StaffMinutes() {
  const { t } = useTranslation();
  const { minutes, basePath, canSend, canRespond, reviseHref } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = minutes.corrections.filter((c) => c.response === null);
  const sending = useIsSubmitting("send");
  return (
    <div className="space-y-6">
      {actionData?.error ? <FormError message={actionData.error} /> : null}
      <MinutesContent
        minutes={minutes}
        basePath={`${basePath}/minutes`}
        pdfHref={`${basePath}/minutes/${minutes.id}/pdf`}
        promisesHref="/staff/promises"
      />
      {canSend ? (
        <Form method="post">
          <input type="hidden" name="intent" value="send" />
          <Button type="submit" pending={sending} pendingLabel={t("common.loading")}>
            {t("minutes.send")}
          </Button>
        </Form>
      ) : null}
      {canRespond ? (
        <div className="space-y-4">
          {pending.map((c) => (
            <AnswerForm key={c.id} correctionId={c.id} />
          ))}
          <Link
            to={reviseHref}
            className="inline-block rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800"
          >
            {t("minutes.accept")}
          </Link>
        </div>
      ) : null}
    </div>
  );
}

function AnswerForm({ correctionId }: { correctionId: string }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(StaffMinutesActionSchema, {
    id: `answer-${correctionId}`,
    lastResult: actionData?.result,
    defaultValue: { intent: "answer", correctionId },
  });
  const f = fields as unknown as { message: Parameters<typeof getTextareaProps>[0] };
  const submitting = useIsSubmitting("answer");
  return (
    <Form
      method="post"
      className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      {...getFormProps(form)}
    >
      <h2 className="font-semibold text-slate-900">{t("minutes.answer")}</h2>
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="correctionId" value={correctionId} />
      <div>
        <label htmlFor={f.message.id} className="block text-sm font-medium text-slate-800">
          {t("minutes.answerMessage")}
        </label>
        <textarea
          rows={3}
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
          {...getTextareaProps(f.message, { ariaAttributes: true })}
        />
        <FieldErrors id={f.message.errorId} errors={f.message.errors} />
      </div>
      <Button type="submit" variant="secondary" pending={submitting} pendingLabel={t("common.loading")}>
        {t("minutes.answerSubmit")}
      </Button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
