// The form handling shared by the account admin's users page and the staff customer page:
// invite, change role, revoke — told apart by their intent in one schema (the forms' own), answered
// with conform's reply (field errors as i18n keys, a rule's refusal as a form error) or a toast.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import {
  IdentityRuleError,
  changeGrantRole,
  listAccountUsers,
  revokeGrant,
} from "~/domain/identity/invitations.server";
import { inviteAndNotify } from "~/domain/identity/invite-and-notify.server";
import type { GrantRole } from "~/domain/identity/permissions";
import { AccountUsersSchema } from "~/domain/identity/schemas";
import { getDb } from "./db.server";
import { appBaseUrl } from "./env.server";
import type { Language } from "./i18n";
import { isId } from "./input";
import { consumeRateLimits, rateLimitMessage, retryAfterHeaders } from "./rate-limit.server";
import { redirectWithToast } from "./toast.server";

export async function handleAccountUsersAction(input: {
  request: Request;
  formData: FormData;
  accountId: string;
  actor: Actor;
  inviterName: string;
  t: TFunction;
  language: Language;
  /** Roles this actor may grant (staff invite account admins; an account admin may grant any role). */
  invitableRoles: readonly GrantRole[];
  canEditGrants: boolean;
}) {
  const { request, formData, t } = input;
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
