import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, useIsSubmitting } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { describeInvitation } from "~/domain/identity/describe-invitation.server";
import { acceptInvitation } from "~/domain/identity/invitations.server";
import { AcceptInvitationSchema } from "~/domain/identity/schemas";
import { createSession } from "~/domain/identity/sessions.server";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getRequestT } from "~/utils/language.server";
import { assertSameOrigin, getClientIp } from "~/utils/request.server";
import { commitSessionToken } from "~/utils/session.server";
import { parseFormData } from "~/utils/validation";

export const meta: MetaFunction = () => [
  { title: "Cartera · Invitación" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  return { invitation: await describeInvitation(await getDb(), params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { t } = await getRequestT(request);
  const parsed = parseFormData(AcceptInvitationSchema, await request.formData(), t);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: null }, { status: 400 });
  const db = await getDb();
  const accepted = await acceptInvitation(db, actorFor(request, null), {
    token: params.token ?? "",
    name: parsed.data.name,
    password: parsed.data.password,
  });
  if (!accepted) return data({ fieldErrors: {}, formError: t("invitation.invalidToken") }, { status: 400 });
  const session = await createSession(db, {
    userId: accepted.userId,
    ip: getClientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  return redirect("/portal", { headers: { "Set-Cookie": await commitSessionToken(request, session.token) } });
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useIsSubmitting();
  const errors = actionData?.fieldErrors as Record<string, string[]> | undefined;
  if (!invitation) {
    return (
      <>
        <h1 className="text-2xl font-semibold text-slate-900">{t("invitation.title")}</h1>
        <div className="mt-4">
          <FormError message={t("invitation.invalidToken")} />
        </div>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900">{t("invitation.title")}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("invitation.intro", {
          inviter: invitation.inviterName,
          accounts: invitation.accounts,
          role: t(`roles.${invitation.role}`),
        })}
      </p>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <FormError message={actionData?.formError} />
        <Field
          id="email"
          name="email-display"
          type="email"
          label={t("login.email")}
          value={invitation.email}
          readOnly
          autoComplete="username"
        />
        <Field id="name" name="name" autoComplete="name" label={t("invitation.name")} errors={errors?.name} required />
        <Field
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          label={t("reset.password")}
          errors={errors?.password}
          required
        />
        <Field
          id="confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          label={t("reset.confirm")}
          errors={errors?.confirm}
          required
        />
        <Button type="submit" className="w-full" pending={submitting} pendingLabel={t("invitation.submitting")}>
          {t("invitation.submit")}
        </Button>
      </Form>
    </>
  );
}
