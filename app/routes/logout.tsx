import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { LogoutSchema } from "~/domain/identity/schemas";
import { deleteAllSessions, deleteSession } from "~/domain/identity/sessions.server";
import { actorFor, getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getRequestT } from "~/utils/language.server";
import { assertSameOrigin } from "~/utils/request.server";
import { clearSessionToken, readSessionToken } from "~/utils/session.server";
import { createToastHeaders } from "~/utils/toast.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const db = await getDb();
  const [user, token, form] = await Promise.all([getUser(request), readSessionToken(request), readForm(request)]);
  const submission = parseWithZod(form, { schema: LogoutSchema });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const headers = new Headers({ "Set-Cookie": await clearSessionToken(request) });
  if (user && token) {
    const everywhere = submission.value.intent === "logout-all";
    const ended = everywhere ? await deleteAllSessions(db, user.id) : (await deleteSession(db, token), 1);
    await recordAuditEvent(db, actorFor(request, user), {
      action: everywhere ? "auth.signed_out_everywhere" : "auth.signed_out",
      entityType: "user",
      entityId: user.id,
      after: { sessionsEnded: ended },
    });
    if (everywhere) {
      const { t } = await getRequestT(request, user);
      headers.append(
        "Set-Cookie",
        (await createToastHeaders(request, { kind: "info", message: t("toast.loggedOutAll") })).get("Set-Cookie")!,
      );
    }
  }
  return redirect("/login", { headers });
}
