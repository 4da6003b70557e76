// The account's reconciliations (staff): the list with each one's status, a form to prepare one at a
// cut-off date with a message, and sending a prepared one to the customer's signers.
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { EnvelopeList } from "~/components/reconciliation";
import { Button } from "~/components/ui/button";
import { staffAllows } from "~/domain/identity/permissions";
import { prepareReconciliation } from "~/domain/signing/prepare-reconciliation.server";
import { listAccountEnvelopes } from "~/domain/signing/read-envelopes.server";
import { StaffReconciliationFormSchema } from "~/domain/signing/schemas";
import { sendEnvelope } from "~/domain/signing/send-envelope.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { todayIn } from "~/utils/i18n";
import { getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { requireStaffAccount } from "~/utils/permissions.server";
import { instantFormat, presentEnvelopeListRow, refuseSigningRule } from "~/utils/signing-pages.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.reconciliations");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  const { user } = await requireStaffAccount(request, scope.accountId);
  const now = new Date();
  const rows = await listAccountEnvelopes(
    await getDb(),
    { accountIds: scope.accountIds, includeDrafts: true },
    { now },
  );
  const at = instantFormat(scope.locale, scope.timeZone);
  return {
    canSend: staffAllows(user.staffRole, "send:reconciliation"),
    today: todayIn(scope.timeZone, now),
    rows: rows.map((r) =>
      presentEnvelopeListRow(r, { locale: scope.locale, at, href: `${scope.basePath}/reconciliations/${r.id}` }),
    ),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  const { user } = await requireStaffAccount(request, scope.accountId, "send:reconciliation");
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: StaffReconciliationFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const actor = { ...scope.actor, userId: user.id };
  const db = await getDb();
  try {
    if (submission.value.intent === "prepare") {
      const prepared = await prepareReconciliation(
        db,
        actor,
        { accountId: scope.accountId, cutoffDate: submission.value.cutoffDate, message: submission.value.message },
        { now: new Date() },
      );
      return redirectWithToast(request, `${scope.basePath}/reconciliations`, {
        kind: "success",
        message: t("signing.prepared", { number: prepared.number }),
      });
    }
    const sent = await sendEnvelope(
      db,
      actor,
      { envelopeId: submission.value.envelopeId, accountIds: scope.accountIds, baseUrl: appBaseUrl() },
      { now: new Date() },
    );
    return redirectWithToast(request, `${scope.basePath}/reconciliations`, {
      kind: "success",
      message: t("signing.sent", { number: sent.number, count: sent.signers }),
    });
  } catch (error) {
    const refused = refuseSigningRule(error, t);
    return data({ result: submission.reply(), error: refused.data.error }, { status: refused.init?.status ?? 400 });
  }
}

export default function StaffReconciliations() {
  const { t } = useTranslation();
  const { rows, canSend, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(StaffReconciliationFormSchema, {
    id: "prepare-reconciliation",
    lastResult: actionData?.result,
    defaultValue: { intent: "prepare", cutoffDate: today },
  });
  const submitting = useIsSubmitting("prepare");
  const sending = useIsSubmitting("send");
  const drafts = rows.filter((r) => r.status === "draft");
  const f = fields as unknown as Record<"cutoffDate" | "message", Parameters<typeof Field>[0]["meta"]>;
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold text-slate-900">{t("signing.title")}</h2>
        <p className="text-slate-600">{t("signing.staffIntro")}</p>
      </div>
      {actionData?.error ? <FormError message={actionData.error} /> : null}
      {canSend ? (
        <Form
          method="post"
          className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          {...getFormProps(form)}
        >
          <h3 className="font-semibold text-slate-900">{t("signing.prepare")}</h3>
          <input type="hidden" name="intent" value="prepare" />
          <Field meta={f.cutoffDate} label={t("signing.cutoffDate")} max={today} {...{ type: "date" as never }} />
          <div>
            <label htmlFor={f.message.id} className="block text-sm font-medium text-slate-800">
              {t("signing.message")}
            </label>
            <textarea
              rows={3}
              className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
              {...getTextareaProps(f.message as never, { ariaAttributes: true })}
            />
            <FieldErrors id={f.message.errorId} errors={f.message.errors} />
          </div>
          <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
            {t("signing.prepareSubmit")}
          </Button>
        </Form>
      ) : null}
      {canSend && drafts.length ? (
        <ul className="space-y-2">
          {drafts.map((d) => (
            <li key={d.id}>
              <Form method="post" className="flex flex-wrap items-center gap-3">
                <input type="hidden" name="intent" value="send" />
                <input type="hidden" name="envelopeId" value={d.id} />
                <span className="text-sm">
                  {t("signing.one", { number: d.number })} · {d.cutoff}
                </span>
                <Button type="submit" variant="secondary" pending={sending} pendingLabel={t("common.loading")}>
                  {t("signing.send")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <EnvelopeList rows={rows} showAccount={false} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
