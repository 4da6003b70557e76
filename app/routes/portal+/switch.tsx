import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { findGroupView } from "~/domain/identity/group-views";
import { grantAllows } from "~/domain/identity/permissions";
import { readForm } from "~/utils/form.server";
import { requireCustomerContext } from "~/utils/permissions.server";
import { equivalentPortalPath } from "~/utils/portal-paths";
import { AccountSwitchSchema } from "~/utils/preference-schemas";
import { safeRedirect } from "~/utils/request.server";
import { commitPreferences } from "~/utils/session.server";

export async function loader() {
  return redirect("/portal");
}

/** Selects an account or a group view, only among what the user was granted, and lands on the equivalent page. */
export async function action({ request }: ActionFunctionArgs) {
  const { grants } = await requireCustomerContext(request);
  const submission = parseWithZod(await readForm(request), { schema: AccountSwitchSchema });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const { selection, redirectTo } = submission.value;
  const allowed =
    grants.some((g) => g.accountId === selection) ||
    (selection.startsWith("group:") && findGroupView(grants, selection.slice("group:".length)) !== null);
  if (!allowed) throw new Response("Not found", { status: 404 });
  const grant = grants.find((g) => g.accountId === selection);
  const to = equivalentPortalPath(safeRedirect(redirectTo, "/portal", ["/portal"]), {
    kind: grant ? "account" : "group",
    canManageUsers: grant ? grantAllows(grant.role, "manage_users") : false,
  });
  return redirect(to, {
    headers: { "Set-Cookie": await commitPreferences(request, { selection }) },
  });
}
