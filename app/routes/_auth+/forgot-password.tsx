import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { requestPasswordReset } from "~/domain/identity/password-reset.server";
import { ForgotPasswordSchema } from "~/domain/identity/schemas";
import { sendPasswordResetEmail } from "~/domain/identity/send-identity-emails.server";
import { actorFor } from "~/utils/auth.server";
import { runInBackground } from "~/utils/background.server";
import { getDb } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { isLanguage } from "~/utils/i18n";
import { getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { assertSameOrigin } from "~/utils/request.server";

export const meta = pageTitle("titles.forgotPassword");

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { language } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ sent: false, result: submission.reply() }, { status: 400 });
  const db = await getDb();
  const actor = actorFor(request, null);
  // Looked up and mailed after the answer: the response takes the same time whether or not the
  // address is registered.
  runInBackground("password reset email", async () => {
    const requested = await requestPasswordReset(db, actor, { email: submission.value.email });
    if (!requested) return;
    await sendPasswordResetEmail({
      to: requested.user.email,
      language: isLanguage(requested.user.language) ? requested.user.language : language,
      baseUrl: appBaseUrl(),
      token: requested.token,
    });
  });
  // The same answer whether or not the email exists, so the form cannot be used to probe for users.
  return data({ sent: true, result: submission.reply({ resetForm: true }) });
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const submitting = useIsSubmitting();
  const [form, fields] = useValidatedForm(ForgotPasswordSchema, {
    id: "forgot-password",
    lastResult: actionData?.result,
  });
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900">{t("forgot.title")}</h1>
      {actionData?.sent ? (
        <p role="status" className="mt-4 rounded-md bg-brand-50 p-3 text-sm text-brand-800">
          {t("forgot.sent")}
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">{t("forgot.intro")}</p>
          <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
            <Field meta={fields.email} type="email" autoComplete="email" label={t("login.email")} />
            <Button type="submit" className="w-full" pending={submitting} pendingLabel={t("forgot.submitting")}>
              {t("forgot.submit")}
            </Button>
          </Form>
        </>
      )}
      <p className="mt-4 text-center text-sm">
        <Link to="/login" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("forgot.back")}
        </Link>
      </p>
    </>
  );
}
