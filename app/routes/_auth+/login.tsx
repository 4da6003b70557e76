import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { LoginSchema } from "~/domain/identity/schemas";
import { describeSignInRefusal, signIn } from "~/domain/identity/sign-in.server";
import { getUser, homePathFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { assertSameOrigin, getClientIp, safeRedirect } from "~/utils/request.server";
import { commitSessionToken } from "~/utils/session.server";

export const meta = pageTitle("titles.login");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { t } = await getRequestT(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  // The password is never sent back; what else was typed is, so a failed submit keeps it.
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const result = await signIn(await getDb(), {
    email: submission.value.email,
    password: submission.value.password,
    ip: getClientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) {
    const refusal = describeSignInRefusal(result);
    return data(
      { result: submission.reply({ formErrors: [t(refusal.key, refusal.values)], hideFields: ["password"] }) },
      { status: refusal.status },
    );
  }
  const home = homePathFor(result);
  // A customer link never opens the staff side and vice versa.
  const target = safeRedirect(submission.value.redirectTo, home, [home]);
  return redirect(target, { headers: { "Set-Cookie": await commitSessionToken(request, result.token) } });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const submitting = useIsSubmitting();
  const [form, fields] = useValidatedForm(LoginSchema, { id: "login", lastResult: actionData?.result });
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900">{t("login.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("login.intro")}</p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <FormError form={form} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field meta={fields.email} type="email" autoComplete="username" label={t("login.email")} />
        <Field meta={fields.password} type="password" autoComplete="current-password" label={t("login.password")} />
        <Button type="submit" className="w-full" pending={submitting} pendingLabel={t("login.submitting")}>
          {t("login.submit")}
        </Button>
      </Form>
      <p className="mt-4 text-center text-sm">
        <Link to="/forgot-password" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("login.forgot")}
        </Link>
      </p>
    </>
  );
}
