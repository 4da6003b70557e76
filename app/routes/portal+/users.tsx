import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountUsersTable, InviteForm } from "~/components/account-users";
import { listAccountUsers } from "~/domain/identity/invitations.server";
import { GRANT_ROLES } from "~/domain/identity/permissions";
import { handleAccountUsersAction } from "~/utils/account-users-action.server";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { notFound, requireCustomerContext, requireCustomerPermission } from "~/utils/permissions.server";
import { passRetryAfter } from "~/utils/rate-limit.server";

/** An action over its budget answers 429 with Retry-After (see utils/rate-limit.server.ts). */
export const headers: HeadersFunction = passRetryAfter;

export const meta = pageTitle("titles.users");

/** The account admin manages the users of the selected account. */
async function requireManagedAccount(request: Request) {
  const { selection } = await requireCustomerContext(request);
  if (selection.kind !== "account") notFound();
  return requireCustomerPermission(request, selection.grant.accountId, "manage_users");
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, grant } = await requireManagedAccount(request);
  const users = await listAccountUsers(await getDb(), grant.accountId);
  return { users, account: { legalName: grant.legalName, number: grant.number }, currentUserId: user.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, grant } = await requireManagedAccount(request);
  const { t, language } = await getRequestT(request, user);
  return handleAccountUsersAction({
    request,
    formData: await readForm(request),
    accountId: grant.accountId,
    actor: actorFor(request, user),
    inviterName: user.name,
    t,
    language,
    invitableRoles: GRANT_ROLES,
    canEditGrants: true,
  });
}

export default function PortalUsers() {
  const { t } = useTranslation();
  const { users, account, currentUserId } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("users.title")}</h1>
        <p className="text-slate-600">{t("users.intro", { account: `${account.legalName} (${account.number})` })}</p>
      </div>
      <InviteForm roles={GRANT_ROLES} title={t("users.invite")} />
      <AccountUsersTable users={users} currentUserId={currentUserId} editable />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
