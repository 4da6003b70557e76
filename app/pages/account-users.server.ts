// The account users page: the account admin's /portal/users and the users section of the staff
// customer page. `load` lists the account's users; `act` handles invite, change role and revoke — told
// apart by their intent in one schema (the forms' own), answered with conform's reply (field errors as
// i18n keys, a rule's refusal as a form error) or a toast. Who may do what is decided here from the
// scope: a customer needs `manage_users` on the account (and may grant any role and edit grants); staff
// read any account they reach and, with `invite:customer_admin`, invite account admins only.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import {
  IdentityRuleError,
  changeGrantRole,
  listAccountUsers,
  revokeGrant,
} from "~/domain/identity/invitations.server";
import { inviteAndNotify } from "~/domain/identity/invite-and-notify.server";
import { GRANT_ROLES, type GrantRole, grantAllows, staffAllows } from "~/domain/identity/permissions";
import { AccountUsersSchema } from "~/domain/identity/schemas";
import { type AccountScope, type SingleAccountScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { getFixedT } from "~/utils/i18n";
import { isId } from "~/utils/input";
import { forbidden, notFound } from "~/utils/permissions.server";
import { consumeRateLimits, rateLimitMessage, retryAfterHeaders } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";

interface UsersRights {
  /** Roles this reader may grant (staff invite account admins; an account admin may grant any role). */
  invitableRoles: readonly GrantRole[];
  canInvite: boolean;
  canEditGrants: boolean;
}

/** The account the page is about and what the reader may do there; 404 / 403 for anyone else. */
function usersAccess(scope: AccountScope): { scope: SingleAccountScope; rights: UsersRights } {
  if (scope.side === "staff") {
    const canInvite = staffAllows(scope.staffRole, "invite:customer_admin");
    return { scope, rights: { invitableRoles: ["account_admin"], canInvite, canEditGrants: false } };
  }
  // The group view is no account: there is no users page there.
  if (scope.view === "group") notFound();
  if (!grantAllows(scope.grant.role, "manage_users")) forbidden();
  return { scope, rights: { invitableRoles: GRANT_ROLES, canInvite: true, canEditGrants: true } };
}

const pickAccount = ({ legalName, number }: { legalName: string; number: string }) => ({ legalName, number });

export async function load(_request: Request, readerScope: AccountScope) {
  const { scope, rights } = usersAccess(readerScope);
  return {
    account: pickAccount(scope.side === "staff" ? scope.account : scope.grant),
    users: await listAccountUsers(await getDb(), scope.accountId),
    currentUserId: scope.user.id,
    invitableRoles: rights.invitableRoles,
    canInvite: rights.canInvite,
    editable: rights.canEditGrants,
  };
}

export type AccountUsersData = Awaited<ReturnType<typeof load>>;

export async function act(request: Request, readerScope: AccountScope) {
  const { scope, rights } = usersAccess(readerScope);
  if (!rights.canInvite) forbidden();
  return handleUsersForm(request, await readForm(request), scope, rights);
}

async function handleUsersForm(request: Request, formData: FormData, scope: SingleAccountScope, rights: UsersRights) {
  const input = {
    accountId: scope.accountId,
    actor: scope.actor,
    inviterName: scope.user.name,
    language: scope.language,
    invitableRoles: rights.invitableRoles,
    canEditGrants: rights.canEditGrants,
  };
  const t = getFixedT(scope.language);
  const db = await getDb();
  const intent = formData.get("intent");
  const toast = (message: string) =>
    redirectWithToast(request, new URL(request.url).pathname, { kind: "success", message });

  if (intent !== "invite") {
    if (!input.canEditGrants) throw new Response("Forbidden", { status: 403 });
    // A user ID of a shape no row can have is not a member, like an unknown one.
    if ((intent === "change-role" || intent === "revoke") && !isId(formData.get("userId")))
      throw new Response("Not found", { status: 404 });
  }
  const submission = parseWithZod(formData, { schema: AccountUsersSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const refuse = (e: unknown) => {
    if (e instanceof IdentityRuleError && e.code === "not_member") throw new Response("Not found", { status: 404 });
    if (e instanceof IdentityRuleError && e.code === "self_change")
      return data({ result: submission.reply({ formErrors: [t("users.cannotChangeSelf")] }) }, { status: 400 });
    throw e;
  };
  const value = submission.value;

  if (value.intent === "invite") {
    if (!input.invitableRoles.includes(value.role))
      return data({ result: submission.reply({ fieldErrors: { role: ["validation.invalid"] } }) }, { status: 400 });
    // An address with an invitation to this account still pending (listed on the page) is not invited
    // again unasked: the form says so and offers to resend it. This reveals nothing the page does not show.
    if (!value.resend) {
      const address = value.email.toLowerCase();
      const pending = (await listAccountUsers(db, input.accountId)).find(
        (u) => u.invited && u.email.toLowerCase() === address,
      );
      if (pending)
        return data(
          {
            result: submission.reply({
              formErrors: [t("users.alreadyInvited", { email: pending.email, role: t(`roles.${value.role}`) })],
            }),
            pendingInvite: { email: pending.email, role: value.role },
          },
          { status: 409 },
        );
    }
    const limit = await consumeRateLimits([
      ["invitationsPerUser", input.actor.userId ?? input.actor.label],
      ["invitationsPerAccount", input.accountId],
    ]);
    if (!limit.ok)
      return data(
        {
          result: submission.reply({
            formErrors: [rateLimitMessage(t, "rateLimit.invitations", limit.retryAfterSeconds)],
          }),
        },
        { status: 429, headers: retryAfterHeaders(limit.retryAfterSeconds) },
      );
    // The same answer whoever the address belongs to (new, a customer, already on the account, staff).
    await inviteAndNotify(db, input.actor, {
      email: value.email,
      accountIds: [input.accountId],
      role: value.role,
      inviterName: input.inviterName,
      language: input.language,
      baseUrl: appBaseUrl(),
    });
    return toast(t("users.invited", { email: value.email }));
  }
  if (value.intent === "change-role") {
    try {
      await changeGrantRole(db, input.actor, { accountId: input.accountId, userId: value.userId, role: value.role });
    } catch (e) {
      return refuse(e);
    }
    return toast(t("users.roleChanged"));
  }
  try {
    await revokeGrant(db, input.actor, { accountId: input.accountId, userId: value.userId });
  } catch (e) {
    return refuse(e);
  }
  return toast(t("users.removed"));
}
