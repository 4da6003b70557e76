import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { resetPassword } from "~/domain/identity/password-reset.server";
import { ResetPasswordSchema } from "~/domain/identity/schemas";
import { findUsableToken } from "~/domain/identity/user-tokens.server";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { assertSameOrigin } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = (args) => [
  ...pageTitle("titles.resetPassword")(args),
  // The token in the address never leaves in a Referer to another site; same-origin keeps the Origin
  // header of the form's own POST (no-referrer would send "Origin: null", which the origin check refuses).
  { name: "referrer", content: "same-origin" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const usable = await findUsableToken(await getDb(), "password_reset", params.token ?? "");
  return { valid: Boolean(usable) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema });
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const done = await resetPassword(await getDb(), actorFor(request, null), {
    token: params.token ?? "",
    password: submission.value.password,
  });
  if (!done)
    return data({ result: submission.reply({ formErrors: [t("reset.invalidToken")], hideFields }) }, { status: 400 });
  return redirectWithToast(request, "/login", { kind: "success", message: t("reset.done") });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useIsSubmitting();
  const [form, fields] = useValidatedForm(ResetPasswordSchema, {
    id: "reset-password",
    lastResult: actionData?.result,
  });
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900">{t("reset.title")}</h1>
      {valid ? (
        <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
          <FormError form={form} />
          <Field meta={fields.password} type="password" autoComplete="new-password" label={t("reset.password")} />
          <Field meta={fields.confirm} type="password" autoComplete="new-password" label={t("reset.confirm")} />
          <Button type="submit" className="w-full" pending={submitting} pendingLabel={t("reset.submitting")}>
            {t("reset.submit")}
          </Button>
        </Form>
      ) : (
        <>
          <FormError message={t("reset.invalidToken")} />
          <p className="mt-4 text-sm">
            <Link to="/forgot-password" className="font-medium text-brand-700 underline">
              {t("forgot.title")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}
