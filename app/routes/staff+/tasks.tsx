// Administrators: the scheduled tasks that ran out of attempts (dead), with their last error, and a
// retry per task that puts it back in the queue for now (audited; a second click changes nothing).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { listDeadTasks, retryDeadTask } from "~/domain/tasks/dead-tasks.server";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formattingLocale } from "~/utils/i18n";
import { IdSchema } from "~/utils/input";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { requireStaffPermission } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.deadTasks");

const RetryTaskSchema = z.object({ intent: z.literal("retry"), taskId: IdSchema });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "manage:tasks");
  const locale = formattingLocale(await getLanguage(request, user), "MX");
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: "America/Mexico_City",
    dateStyle: "medium",
    timeStyle: "medium",
  });
  const tasks = await listDeadTasks(await getDb());
  return {
    tasks: tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      subjectId: task.subjectId,
      attempts: `${task.attempts} / ${task.maxAttempts}`,
      lastError: task.lastError,
      finished: task.finishedAt ? time.format(task.finishedAt) : "—",
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "manage:tasks");
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: RetryTaskSchema });
  if (submission.status !== "success") return new Response("Bad request", { status: 400 });
  const retried = await retryDeadTask(await getDb(), actorFor(request, user), {
    taskId: submission.value.taskId,
    now: new Date(),
  });
  return redirectWithToast(request, "/staff/tasks", {
    kind: retried ? "success" : "info",
    message: t(retried ? "deadTasks.retried" : "deadTasks.gone"),
  });
}

export default function DeadTasks() {
  const { t } = useTranslation();
  const { tasks } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("deadTasks.title")}</h1>
        <p className="text-slate-600">{t("deadTasks.intro")}</p>
      </div>
      {tasks.length === 0 ? (
        <p className="text-slate-600">{t("deadTasks.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {tasks.map((task) => (
            <li key={task.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                <dt className="text-slate-600">{t("deadTasks.kind")}</dt>
                <dd className="font-mono">{task.kind}</dd>
                <dt className="text-slate-600">{t("deadTasks.subject")}</dt>
                <dd className="break-all font-mono">{task.subjectId ?? "—"}</dd>
                <dt className="text-slate-600">{t("deadTasks.attempts")}</dt>
                <dd>{task.attempts}</dd>
                <dt className="text-slate-600">{t("deadTasks.finished")}</dt>
                <dd>{task.finished}</dd>
                <dt className="text-slate-600">{t("deadTasks.error")}</dt>
                <dd className="whitespace-pre-wrap break-words font-mono text-red-800">{task.lastError ?? "—"}</dd>
              </dl>
              <Form method="post" className="mt-3">
                <input type="hidden" name="taskId" value={task.id} />
                <Button type="submit" name="intent" value="retry" variant="secondary">
                  {t("deadTasks.retry")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
