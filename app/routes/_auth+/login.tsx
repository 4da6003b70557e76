import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, useIsSubmitting } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { LoginSchema } from "~/domain/identity/schemas";
import { signIn } from "~/domain/identity/sign-in.server";
import { getUser, homePathFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getRequestT } from "~/utils/language.server";
import { assertSameOrigin, getClientIp, safeRedirect } from "~/utils/request.server";
import { commitSessionToken } from "~/utils/session.server";
import { parseFormData } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Cartera · Iniciar sesión" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { t } = await getRequestT(request);
  const formData = await readForm(request);
  const parsed = parseFormData(LoginSchema, formData, t);
  const email = String(formData.get("email") ?? "");
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: null, email }, { status: 400 });
  const result = await signIn(await getDb(), {
    email: parsed.data.email,
    password: parsed.data.password,
    ip: getClientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) {
    const formError =
      result.reason === "locked"
        ? t("login.locked", { minutes: result.retryAfterMinutes })
        : result.reason === "ip_limited"
          ? t("login.ipLimited", { minutes: result.retryAfterMinutes })
          : result.reason === "disabled"
            ? t("login.disabled")
            : t("login.invalid");
    return data({ fieldErrors: {}, formError, email }, { status: result.reason === "invalid" ? 401 : 429 });
  }
  const home = homePathFor(result);
  // A customer link never opens the staff side and vice versa.
  const target = safeRedirect(parsed.data.redirectTo, home, [home]);
  return redirect(target, { headers: { "Set-Cookie": await commitSessionToken(request, result.token) } });
}

export default function Login() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const submitting = useIsSubmitting();
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900">{t("login.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("login.intro")}</p>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <FormError message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          label={t("login.email")}
          defaultValue={actionData?.email}
          errors={errors?.email}
          required
        />
        <Field
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          label={t("login.password")}
          errors={errors?.password}
          required
        />
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
