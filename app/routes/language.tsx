import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setUserLanguage } from "~/domain/identity/set-user-language.server";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { LanguageSwitchSchema } from "~/utils/preference-schemas";
import { assertSameOrigin, safeRedirect } from "~/utils/request.server";
import { commitPreferences } from "~/utils/session.server";

export async function loader() {
  return redirect("/");
}

/** Remembers the chosen language in a cookie and, when signed in, on the user. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseWithZod(await readForm(request), { schema: LanguageSwitchSchema });
  if (submission.status !== "success") return Response.json({ result: submission.reply() }, { status: 400 });
  const { language, redirectTo } = submission.value;
  const user = await getUser(request);
  if (user) await setUserLanguage(await getDb(), user.id, language);
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await commitPreferences(request, { language }) },
  });
}
