// The form handling shared by the account admin's users page and the staff customer page:
// invite, change role, revoke — each parsed with its schema and answered with field errors or a toast.
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { IdentityRuleError, changeGrantRole, revokeGrant } from "~/domain/identity/invitations.server";
import { inviteAndNotify } from "~/domain/identity/invite-and-notify.server";
import type { GrantRole } from "~/domain/identity/permissions";
import { ChangeRoleSchema, InviteSchema, RevokeSchema } from "~/domain/identity/schemas";
import { getDb } from "./db.server";
import { appBaseUrl } from "./env.server";
import type { Language } from "./i18n";
import { isId } from "./input";
import { consumeRateLimits, rateLimitMessage, retryAfterHeaders } from "./rate-limit.server";
import { redirectWithToast } from "./toast.server";
import { parseFormData } from "./validation";

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
  const errorMessage = (e: unknown) => {
    if (e instanceof IdentityRuleError && e.code === "self_change") return t("users.cannotChangeSelf");
    throw e;
  };
  const toast = (message: string) =>
    redirectWithToast(request, new URL(request.url).pathname, { kind: "success", message });

  if (intent === "invite") {
    const parsed = parseFormData(InviteSchema, formData, t);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: null }, { status: 400 });
    if (!input.invitableRoles.includes(parsed.data.role))
      return data({ fieldErrors: { role: [t("validation.invalid")] }, formError: null }, { status: 400 });
    const limit = await consumeRateLimits([
      ["invitationsPerUser", input.actor.userId ?? input.actor.label],
      ["invitationsPerAccount", input.accountId],
    ]);
    if (!limit.ok)
      return data(
        { fieldErrors: {}, formError: rateLimitMessage(t, "rateLimit.invitations", limit.retryAfterSeconds) },
        { status: 429, headers: retryAfterHeaders(limit.retryAfterSeconds) },
      );
    // The same answer whoever the address belongs to (new, a customer, already on the account, staff).
    await inviteAndNotify(db, input.actor, {
      email: parsed.data.email,
      accountIds: [input.accountId],
      role: parsed.data.role,
      inviterName: input.inviterName,
      language: input.language,
      baseUrl: appBaseUrl(),
    });
    return toast(t("users.invited", { email: parsed.data.email }));
  }
  if (!input.canEditGrants) throw new Response("Forbidden", { status: 403 });
  // A user ID of a shape no row can have is not a member, like an unknown one.
  if ((intent === "change-role" || intent === "revoke") && !isId(formData.get("userId")))
    throw new Response("Not found", { status: 404 });
  if (intent === "change-role") {
    const parsed = parseFormData(ChangeRoleSchema, formData, t);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: null }, { status: 400 });
    try {
      await changeGrantRole(db, input.actor, {
        accountId: input.accountId,
        userId: parsed.data.userId,
        role: parsed.data.role,
      });
    } catch (e) {
      if (e instanceof IdentityRuleError && e.code === "not_member") throw new Response("Not found", { status: 404 });
      return data({ fieldErrors: {}, formError: errorMessage(e) }, { status: 400 });
    }
    return toast(t("users.roleChanged"));
  }
  if (intent === "revoke") {
    const parsed = parseFormData(RevokeSchema, formData, t);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: null }, { status: 400 });
    try {
      await revokeGrant(db, input.actor, { accountId: input.accountId, userId: parsed.data.userId });
    } catch (e) {
      if (e instanceof IdentityRuleError && e.code === "not_member") throw new Response("Not found", { status: 404 });
      return data({ fieldErrors: {}, formError: errorMessage(e) }, { status: 400 });
    }
    return toast(t("users.removed"));
  }
  throw new Response("Bad request", { status: 400 });
}
