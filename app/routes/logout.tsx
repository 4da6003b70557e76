import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { LogoutSchema } from "~/domain/identity/schemas";
import { signOut } from "~/domain/identity/sign-out.server";
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
  const [user, token, form] = await Promise.all([getUser(request), readSessionToken(request), readForm(request)]);
  const submission = parseWithZod(form, { schema: LogoutSchema });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const headers = new Headers({ "Set-Cookie": await clearSessionToken(request) });
  if (user && token) {
    const everywhere = submission.value.intent === "logout-all";
    await signOut(await getDb(), actorFor(request, user), { userId: user.id, token, everywhere });
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
