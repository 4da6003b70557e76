// The users of one customer account: list, role changes, removal and the invitation form. Each form
// validates with its member of AccountUsersSchema, the schema the action parses.
import { type SubmissionResult, getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ChangeRoleSchema, InviteSchema, RevokeSchema } from "~/domain/identity/schemas";
import { Field, FieldErrors, FormError, SelectField, useIsSubmitting, useValidatedForm } from "./forms";
import { Button, buttonClass } from "./ui/button";
import { TableHead } from "./ui/table";

export interface AccountUserRow {
  userId: string;
  name: string;
  email: string;
  role: "account_admin" | "payer" | "viewer";
  active: boolean;
  /** A pending invitation (no grant yet): shown by the invited address only, with nothing to edit. */
  invited?: boolean;
}

/** What the users action answers when it does not redirect (`act` in app/pages/account-users.server.ts). */
export interface AccountUsersActionData {
  result: SubmissionResult<string[]>;
  /** The invited address already has a pending invitation to this account: offered to resend. */
  pendingInvite?: { email: string; role: AccountUserRow["role"] };
}

/** The action's answer, for the one form on the page that sent it (by intent, and user for a row). */
function useLastResult(intent: string, userId?: string): SubmissionResult<string[]> | undefined {
  const result = useActionData<AccountUsersActionData>()?.result;
  const sent = result?.initialValue;
  if (!sent || sent.intent !== intent || (userId !== undefined && sent.userId !== userId)) return undefined;
  return result;
}

export function InviteForm({
  roles,
  title,
}: {
  roles: readonly ("account_admin" | "payer" | "viewer")[];
  title: string;
}) {
  const { t } = useTranslation();
  const submitting = useIsSubmitting("invite");
  const lastResult = useLastResult("invite");
  const pendingInvite = useActionData<AccountUsersActionData>()?.pendingInvite;
  // The least of the roles this form grants, also after the form is emptied for the next address.
  const [form, fields] = useValidatedForm(InviteSchema, {
    id: "invite",
    lastResult,
    defaultValue: { role: roles[roles.length - 1] },
  });
  // A successful invitation redirects back here (with its toast): the form then starts empty again,
  // ready for the next address. A refused one keeps what was typed, with its errors.
  const navigation = useNavigation();
  const inviting = navigation.state !== "idle" && navigation.formData?.get("intent") === "invite";
  const wasInviting = useRef(false);
  useEffect(() => {
    if (inviting) wasInviting.current = true;
    else if (navigation.state === "idle" && wasInviting.current) {
      wasInviting.current = false;
      if (!lastResult) form.reset();
    }
  }, [inviting, navigation.state, lastResult, form]);
  return (
    <section aria-labelledby="invite-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="invite-title" className="font-medium text-slate-900">
        {title}
      </h2>
      <Form
        method="post"
        className="mt-3 grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end"
        {...getFormProps(form)}
      >
        <input type="hidden" name="intent" value="invite" />
        <Field meta={fields.email} type="email" label={t("users.email")} />
        <SelectField
          meta={fields.role}
          label={t("users.role")}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        {/* Level with the inputs, above the room the fields keep for an error. */}
        <div className="sm:pb-6">
          <Button type="submit" pending={submitting} pendingLabel={t("users.inviting")}>
            {t("users.inviteSubmit")}
          </Button>
        </div>
        <div className="sm:col-span-3">
          <FormError form={form} />
        </div>
      </Form>
      {lastResult && pendingInvite ? (
        <div className="mt-2">
          <ResendForm user={pendingInvite} />
        </div>
      ) : null}
    </section>
  );
}

export function AccountUsersTable({
  users,
  currentUserId,
  editable,
}: {
  users: AccountUserRow[];
  currentUserId?: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("users.title")}</caption>
        <TableHead
          cellClassName="px-4 py-2 font-medium"
          columns={[
            { label: t("users.name") },
            { label: t("users.email") },
            { label: t("users.status") },
            { label: t("users.role") },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={`${u.invited ? "invited" : "member"}-${u.userId}`}>
              <td className="px-4 py-2">{u.name}</td>
              <td className="px-4 py-2">{u.email}</td>
              <td className="px-4 py-2">
                {u.active ? t("users.active") : t("users.pending")}
                {editable && u.invited ? <ResendForm user={u} /> : null}
              </td>
              <td className="px-4 py-2">
                {editable && !u.invited && u.userId !== currentUserId ? <MemberForms user={u} /> : t(`roles.${u.role}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A member's role change and removal; a refusal (e.g. changing oneself) shows beside them. */
function MemberForms({ user }: { user: AccountUserRow }) {
  const { t } = useTranslation();
  const changing = useIsSubmitting("change-role");
  const [roleForm, roleFields] = useValidatedForm(ChangeRoleSchema, {
    id: `role-${user.userId}`,
    lastResult: useLastResult("change-role", user.userId),
    defaultValue: { role: user.role },
  });
  const [revokeForm] = useForm({
    id: `revoke-${user.userId}`,
    lastResult: useLastResult("revoke", user.userId),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RevokeSchema }),
  });
  const { key: roleKey, ...roleProps } = getSelectProps(roleFields.role, { ariaAttributes: true });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Form method="post" className="flex items-center gap-2" {...getFormProps(roleForm)}>
        <input type="hidden" name="intent" value="change-role" />
        <input type="hidden" name="userId" value={user.userId} />
        <label htmlFor={roleFields.role.id} className="sr-only">
          {t("users.changeRole")}: {user.email}
        </label>
        <select
          key={roleKey}
          {...roleProps}
          className="rounded-md border-0 py-1.5 pl-2 pr-8 ring-1 ring-inset ring-slate-300"
        >
          {(["account_admin", "payer", "viewer"] as const).map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" pending={changing}>
          {t("users.saveRole")}
        </Button>
        <FieldErrors id={roleFields.role.errorId} errors={roleFields.role.errors} />
      </Form>
      {/* Removing access asks first (works without JavaScript: a disclosure, then the submit). */}
      <details className="group">
        <summary className={buttonClass("danger", "cursor-pointer list-none")}>{t("users.remove")}</summary>
        <Form
          method="post"
          className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-red-50 p-2"
          {...getFormProps(revokeForm)}
        >
          <input type="hidden" name="intent" value="revoke" />
          <input type="hidden" name="userId" value={user.userId} />
          <p className="text-sm text-red-900">{t("users.removeConfirm", { email: user.email })}</p>
          <Button type="submit" variant="danger">
            {t("users.removeConfirmSubmit")}
          </Button>
        </Form>
      </details>
      <div className="w-full empty:hidden">
        <FormError form={roleForm} />
        <FormError form={revokeForm} />
      </div>
    </div>
  );
}

/** A pending invitation sent again: the invite action with the same address and role (a new link). */
function ResendForm({ user }: { user: Pick<AccountUserRow, "email" | "role"> }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="mt-1">
      <input type="hidden" name="intent" value="invite" />
      <input type="hidden" name="resend" value="yes" />
      <input type="hidden" name="email" value={user.email} />
      <input type="hidden" name="role" value={user.role} />
      <button
        type="submit"
        aria-label={t("users.resendLabel", { email: user.email })}
        className="min-h-6 text-sm text-brand-700 underline underline-offset-2 hover:no-underline"
      >
        {t("users.resend")}
      </button>
    </Form>
  );
}
