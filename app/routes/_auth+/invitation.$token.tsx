// Accepting an invitation. Nothing is granted until the invitee accepts here: a new invitee sets its
// name and password; an invitee who already has a user accepts while signed in as that user, or signs
// in on this page (with the password it already has) to accept.
import { type Submission, getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, ReadOnlyField, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { describeInvitation } from "~/domain/identity/describe-invitation.server";
import { acceptInvitation, acceptInvitationAsUser } from "~/domain/identity/invitations.server";
import { AcceptInvitationAsUserSchema, AcceptInvitationSchema } from "~/domain/identity/schemas";
import { createSession } from "~/domain/identity/sessions.server";
import { describeSignInRefusal, signIn } from "~/domain/identity/sign-in.server";
import { actorFor, getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { assertSameOrigin, getClientIp } from "~/utils/request.server";
import { commitSessionToken } from "~/utils/session.server";

export const meta: MetaFunction = (args) => [
  ...pageTitle("titles.invitation")(args),
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

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { t } = await getRequestT(request);
  const formData = await readForm(request);
  const token = params.token ?? "";
  const db = await getDb();
  // Passwords are never sent back; the name typed is, so a failed submit keeps it.
  const hideFields = ["password", "confirm"];
  const refuse = (submission: Pick<Submission<unknown>, "reply">, formError: string, init: ResponseInit) =>
    data({ result: submission.reply({ formErrors: [formError], hideFields }) }, init);
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

  if (!invitation || invitation.needsActivation) {
    const submission = parseWithZod(formData, { schema: AcceptInvitationSchema });
    if (!invitation) return refuse(submission, t("invitation.invalidToken"), { status: 400 });
    if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
    const accepted = await acceptInvitation(db, actorFor(request, null), {
      token,
      name: submission.value.name,
      password: submission.value.password,
    });
    if (!accepted) return refuse(submission, t("invitation.invalidToken"), { status: 400 });
    return signedInAs(accepted.userId);
  }

  // An existing user: accept as the signed-in invitee, or sign in as the invitee here first.
  const submission = parseWithZod(formData, { schema: AcceptInvitationAsUserSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  if (submission.value.intent === "accept") {
    const current = await getUser(request);
    // Only the invitee accepts without a password; anyone else is shown the sign-in form.
    if (current?.id !== invitation.userId)
      return data(
        { result: submission.reply({ fieldErrors: { password: ["validation.required"] } }) },
        { status: 400 },
      );
    const accepted = await acceptInvitationAsUser(db, actorFor(request, current), { token, userId: current.id });
    if (!accepted) return refuse(submission, t("invitation.invalidToken"), { status: 400 });
    return redirect("/portal");
  }
  const result = await signIn(db, {
    email: invitation.email,
    password: submission.value.password,
    ip: getClientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  if (!result.ok) {
    const refusal = describeSignInRefusal(result);
    return refuse(submission, t(refusal.key, refusal.values), { status: refusal.status });
  }
  const session = { "Set-Cookie": await commitSessionToken(request, result.token) };
  const accepted = await acceptInvitationAsUser(db, actorFor(request, { id: result.userId, email: invitation.email }), {
    token,
    userId: result.userId,
  });
  if (!accepted) return refuse(submission, t("invitation.invalidToken"), { status: 400, headers: session });
  return redirect("/portal", { headers: session });
}

function EmailDisplay({ email }: { email: string }) {
  const { t } = useTranslation();
  return <ReadOnlyField id="email" type="email" label={t("login.email")} value={email} autoComplete="username" />;
}

/** A new invitee chooses its name and password. */
function ActivateForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const submitting = useIsSubmitting();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(AcceptInvitationSchema, {
    id: "invitation-activate",
    lastResult: actionData?.result,
  });
  return (
    <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
      <FormError form={form} />
      <EmailDisplay email={email} />
      <Field meta={fields.name} autoComplete="name" label={t("invitation.name")} />
      <Field meta={fields.password} type="password" autoComplete="new-password" label={t("reset.password")} />
      <Field meta={fields.confirm} type="password" autoComplete="new-password" label={t("reset.confirm")} />
      <Button type="submit" className="w-full" pending={submitting} pendingLabel={t("invitation.submitting")}>
        {t("invitation.submit")}
      </Button>
    </Form>
  );
}

/** The invitee, signed in, accepts with one click. */
function AcceptForm() {
  const { t } = useTranslation();
  const submitting = useIsSubmitting();
  const actionData = useActionData<typeof action>();
  const [form] = useValidatedForm(AcceptInvitationAsUserSchema, {
    id: "invitation-accept",
    lastResult: actionData?.result,
  });
  return (
    <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
      <FormError form={form} />
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
  );
}

/** An invitee who has a user but is not signed in as it signs in here to accept. */
function SignInForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const submitting = useIsSubmitting();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(AcceptInvitationAsUserSchema, {
    id: "invitation-sign-in",
    lastResult: actionData?.result,
  });
  return (
    <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
      <FormError form={form} />
      <p className="text-sm text-slate-700">{t("invitation.signInIntro")}</p>
      <EmailDisplay email={email} />
      <Field meta={fields.password} type="password" autoComplete="current-password" label={t("login.password")} />
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
  );
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { invitation } = useLoaderData<typeof loader>();
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
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900">
        {invitation.mode === "activate" ? t("invitation.title") : t("invitation.acceptTitle")}
      </h1>
      <p className="mt-1 text-sm text-slate-600">{intro}</p>
      {invitation.mode === "activate" ? (
        <ActivateForm email={invitation.email} />
      ) : invitation.mode === "accept" ? (
        <AcceptForm />
      ) : (
        <SignInForm email={invitation.email} />
      )}
    </>
  );
}
