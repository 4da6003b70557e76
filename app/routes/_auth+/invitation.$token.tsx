// Accepting an invitation. Nothing is granted until the invitee accepts here: a new invitee sets its
// name and password; an invitee who already has a user accepts while signed in as that user, or signs
// in on this page (with the password it already has) to accept.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, useIsSubmitting } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { describeInvitation } from "~/domain/identity/describe-invitation.server";
import { acceptInvitation, acceptInvitationAsUser } from "~/domain/identity/invitations.server";
import { AcceptInvitationSchema } from "~/domain/identity/schemas";
import { createSession } from "~/domain/identity/sessions.server";
import { signIn } from "~/domain/identity/sign-in.server";
import { actorFor, getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getRequestT } from "~/utils/language.server";
import { assertSameOrigin, getClientIp } from "~/utils/request.server";
import { commitSessionToken } from "~/utils/session.server";
import { parseFormData } from "~/utils/validation";

export const meta: MetaFunction = () => [
  { title: "Cartera · Invitación" },
  // The token in the address never leaves in a Referer to another site; same-origin keeps the Origin
  // header of the form's own POST (no-referrer would send "Origin: null", which the origin check refuses).
  { name: "referrer", content: "same-origin" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await describeInvitation(await getDb(), params.token ?? "");
  if (!invitation) return { invitation: null };
  const { userId, needsActivation, ...shown } = invitation;
  const signedIn = needsActivation ? null : await getUser(request);
  const mode = needsActivation ? "activate" : signedIn?.id === userId ? "accept" : "sign-in";
  return { invitation: { ...shown, mode } as const };
}

type ActionData = { fieldErrors: Record<string, string[]>; formError: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { t } = await getRequestT(request);
  const formData = await readForm(request);
  const token = params.token ?? "";
  const db = await getDb();
  const invalid = () => data<ActionData>({ fieldErrors: {}, formError: t("invitation.invalidToken") }, { status: 400 });
  const signedInAs = async (userId: string) =>
    redirect("/portal", {
      headers: {
        "Set-Cookie": await commitSessionToken(
          request,
          (
            await createSession(db, {
              userId,
              ip: getClientIp(request),
              userAgent: request.headers.get("user-agent"),
            })
          ).token,
        ),
      },
    });

  const invitation = await describeInvitation(db, token);
  if (!invitation) return invalid();

  if (invitation.needsActivation) {
    const parsed = parseFormData(AcceptInvitationSchema, formData, t);
    if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors, formError: null }, { status: 400 });
    const accepted = await acceptInvitation(db, actorFor(request, null), {
      token,
      name: parsed.data.name,
      password: parsed.data.password,
    });
    if (!accepted) return invalid();
    return signedInAs(accepted.userId);
  }

  // An existing user: accept as the signed-in invitee, or sign in as the invitee here first.
  const current = await getUser(request);
  if (current?.id === invitation.userId && formData.get("intent") === "accept") {
    const accepted = await acceptInvitationAsUser(db, actorFor(request, current), { token, userId: current.id });
    if (!accepted) return invalid();
    return redirect("/portal");
  }
  const password = formData.get("password");
  if (typeof password !== "string" || password.length === 0)
    return data<ActionData>(
      { fieldErrors: { password: [t("validation.required")] }, formError: null },
      { status: 400 },
    );
  const result = await signIn(db, {
    email: invitation.email,
    password,
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
    return data<ActionData>({ fieldErrors: {}, formError }, { status: result.reason === "invalid" ? 401 : 429 });
  }
  const session = { "Set-Cookie": await commitSessionToken(request, result.token) };
  const accepted = await acceptInvitationAsUser(db, actorFor(request, { id: result.userId, email: invitation.email }), {
    token,
    userId: result.userId,
  });
  if (!accepted)
    return data<ActionData>(
      { fieldErrors: {}, formError: t("invitation.invalidToken") },
      { status: 400, headers: session },
    );
  return redirect("/portal", { headers: session });
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const submitting = useIsSubmitting();
  const errors = actionData?.fieldErrors;
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
  const offer = { accounts: invitation.accounts, role: t(`roles.${invitation.role}`) };
  const intro = invitation.inviterName
    ? t("invitation.intro", { inviter: invitation.inviterName, ...offer })
    : t("invitation.introNoInviter", offer);
  const emailField = (
    <Field
      id="email"
      name="email-display"
      type="email"
      label={t("login.email")}
      value={invitation.email}
      readOnly
      autoComplete="username"
    />
  );
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900">
        {invitation.mode === "activate" ? t("invitation.title") : t("invitation.acceptTitle")}
      </h1>
      <p className="mt-1 text-sm text-slate-600">{intro}</p>
      {invitation.mode === "activate" ? (
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <FormError message={actionData?.formError} />
          {emailField}
          <Field
            id="name"
            name="name"
            autoComplete="name"
            label={t("invitation.name")}
            errors={errors?.name}
            required
          />
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
      ) : invitation.mode === "accept" ? (
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <FormError message={actionData?.formError} />
          <p className="text-sm text-slate-700">{t("invitation.acceptIntro")}</p>
          <Button
            type="submit"
            name="intent"
            value="accept"
            className="w-full"
            pending={submitting}
            pendingLabel={t("invitation.accepting")}
          >
            {t("invitation.accept")}
          </Button>
        </Form>
      ) : (
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <FormError message={actionData?.formError} />
          <p className="text-sm text-slate-700">{t("invitation.signInIntro")}</p>
          {emailField}
          <Field
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            label={t("login.password")}
            errors={errors?.password}
            required
          />
          <Button
            type="submit"
            name="intent"
            value="sign-in"
            className="w-full"
            pending={submitting}
            pendingLabel={t("invitation.accepting")}
          >
            {t("invitation.signInAndAccept")}
          </Button>
        </Form>
      )}
    </>
  );
}
