// The account users page's view: the users of one account with, for those who may, the invitation form
// and the role and removal controls. The customer's /portal/users is this page alone; the staff
// customer page shows it as a section (`embedded`).
import { useTranslation } from "react-i18next";
import { AccountUsersTable, InviteForm } from "~/components/account-users";
import type { AccountUsersData } from "./account-users.server";

export function Page({ data, embedded = false }: { data: AccountUsersData; embedded?: boolean }) {
  const { t } = useTranslation();
  const inviteTitle = data.editable ? t("users.invite") : t("staff.inviteAdmin");
  const body = (
    <>
      {data.canInvite ? <InviteForm roles={data.invitableRoles} title={inviteTitle} /> : null}
      <AccountUsersTable users={data.users} currentUserId={data.currentUserId} editable={data.editable} />
    </>
  );
  return embedded ? (
    <section aria-labelledby="users-title" className="space-y-4">
      <h2 id="users-title" className="text-lg font-semibold text-slate-900">
        {t("users.title")}
      </h2>
      {body}
    </section>
  ) : (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("users.title")}</h1>
        <p className="text-slate-600">
          {t("users.intro", { account: `${data.account.legalName} (${data.account.number})` })}
        </p>
      </div>
      {body}
    </div>
  );
}
