// The users of one customer account: list, role changes, removal and the invitation form.
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField, useIsSubmitting } from "./forms";
import { Button } from "./ui/button";

export interface AccountUserRow {
  userId: string;
  name: string;
  email: string;
  role: "account_admin" | "payer" | "viewer";
  active: boolean;
  /** A pending invitation (no grant yet): shown by the invited address only, with nothing to edit. */
  invited?: boolean;
}

export interface InviteActionData {
  fieldErrors?: Record<string, string[]>;
  formError?: string | null;
}

export function InviteForm({
  roles,
  title,
}: {
  roles: readonly ("account_admin" | "payer" | "viewer")[];
  title: string;
}) {
  const { t } = useTranslation();
  const actionData = useActionData<InviteActionData>();
  const submitting = useIsSubmitting("invite");
  return (
    <section aria-labelledby="invite-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="invite-title" className="font-medium text-slate-900">
        {title}
      </h2>
      <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-[1fr_14rem_auto] sm:items-end" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <Field
          id="invite-email"
          name="email"
          type="email"
          label={t("users.email")}
          errors={actionData?.fieldErrors?.email}
          required
        />
        <SelectField
          id="invite-role"
          name="role"
          label={t("users.role")}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          errors={actionData?.fieldErrors?.role}
        />
        <Button type="submit" pending={submitting} pendingLabel={t("users.inviting")}>
          {t("users.inviteSubmit")}
        </Button>
        <div className="sm:col-span-3">
          <FormError message={actionData?.formError} />
        </div>
      </Form>
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
  const changing = useIsSubmitting("change-role");
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("users.title")}</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              {t("users.name")}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t("users.email")}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t("users.status")}
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              {t("users.role")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={`${u.invited ? "invited" : "member"}-${u.userId}`}>
              <td className="px-4 py-2">{u.name}</td>
              <td className="px-4 py-2">{u.email}</td>
              <td className="px-4 py-2">{u.active ? t("users.active") : t("users.pending")}</td>
              <td className="px-4 py-2">
                {editable && !u.invited && u.userId !== currentUserId ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <Form method="post" className="flex items-center gap-2">
                      <input type="hidden" name="userId" value={u.userId} />
                      <label htmlFor={`role-${u.userId}`} className="sr-only">
                        {t("users.changeRole")}: {u.email}
                      </label>
                      <select
                        id={`role-${u.userId}`}
                        name="role"
                        defaultValue={u.role}
                        className="rounded-md border-0 py-1.5 pl-2 pr-8 ring-1 ring-inset ring-slate-300"
                      >
                        {(["account_admin", "payer", "viewer"] as const).map((r) => (
                          <option key={r} value={r}>
                            {t(`roles.${r}`)}
                          </option>
                        ))}
                      </select>
                      <Button type="submit" name="intent" value="change-role" variant="secondary" pending={changing}>
                        {t("users.saveRole")}
                      </Button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.userId} />
                      <Button type="submit" name="intent" value="revoke" variant="danger">
                        {t("users.remove")}
                      </Button>
                    </Form>
                  </div>
                ) : (
                  t(`roles.${u.role}`)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
