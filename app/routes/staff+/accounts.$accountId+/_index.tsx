import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountOverviewView } from "~/components/account-overview";
import { AccountUsersTable, InviteForm } from "~/components/account-users";
import { PendingPromises } from "~/components/pending-promises";
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { listAccountUsers } from "~/domain/identity/invitations.server";
import { staffAllows } from "~/domain/identity/permissions";
import { presentPendingPromises } from "~/domain/payments/present-pending-promises.server";
import { handleAccountUsersAction } from "~/utils/account-users-action.server";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formattingLocale } from "~/utils/i18n";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { notFound, requireStaffAccount, requireStaffAccountAccess } from "~/utils/permissions.server";
import { passRetryAfter } from "~/utils/rate-limit.server";

/** An action over its budget answers 429 with Retry-After (see utils/rate-limit.server.ts). */
export const headers: HeadersFunction = passRetryAfter;

export const meta = pageTitle("titles.customer");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, account } = await requireStaffAccount(request, accountId);
  const db = await getDb();
  const cache = { ledgerVersions: { [accountId]: account.ledgerVersion } };
  const overview = await getAccountOverview(db, { accountIds: [accountId] }, cache);
  if (overview.accounts.length === 0) notFound();
  return {
    overview,
    activity: await getAccountActivity(db, { accountIds: [accountId], asOf: overview.asOf! }, cache),
    users: await listAccountUsers(db, accountId),
    promises: await presentPendingPromises(
      db,
      [accountId],
      formattingLocale(await getLanguage(request, user), account.seller.country),
      cache.ledgerVersions,
    ),
    canInvite: staffAllows(user.staffRole, "invite:customer_admin"),
    language: await getLanguage(request, user),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const user = await requireStaffAccountAccess(request, accountId, "invite:customer_admin");
  const { t, language } = await getRequestT(request, user);
  return handleAccountUsersAction({
    request,
    formData: await readForm(request),
    accountId,
    actor: actorFor(request, user),
    inviterName: user.name,
    t,
    language,
    invitableRoles: ["account_admin"],
    canEditGrants: false,
  });
}

export default function StaffAccount() {
  const { t } = useTranslation();
  const { overview, activity, users, canInvite, language, promises } = useLoaderData<typeof loader>();
  const account = overview.accounts[0];
  return (
    <div className="space-y-8">
      <AccountOverviewView
        overview={overview}
        activity={activity}
        basePath={`/staff/accounts/${account.id}`}
        language={language}
        title={account.legalName}
      />
      <PendingPromises promises={promises} moreTo="/staff/promises?view=pending" />
      <section aria-labelledby="users-title" className="space-y-4">
        <h2 id="users-title" className="text-lg font-semibold text-slate-900">
          {t("users.title")}
        </h2>
        {canInvite ? <InviteForm roles={["account_admin"]} title={t("staff.inviteAdmin")} /> : null}
        <AccountUsersTable users={users} editable={false} />
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
