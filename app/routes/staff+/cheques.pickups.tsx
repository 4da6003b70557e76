// Cheque pickups by day ("recolección de cheques", issue 12 item 9): what customers asked the seller's
// courier to collect, within this staff member's reach, from a day to a day (today and the next two
// weeks by default, at most 62 days), grouped by day; a collector marks one collected when the cheque is
// in hand (a conditional update from requested; auditors read only).
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { InlineDateRange } from "~/components/forms";
import { ActionNotice } from "~/components/ui/action-notice";
import { Button, buttonClass } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { ChequeError } from "~/domain/cheques/errors";
import { getStaffPickup, listStaffPickups } from "~/domain/cheques/read-cheques.server";
import { markPickupCollected } from "~/domain/cheques/request-pickup.server";
import { staffAllows } from "~/domain/identity/permissions";
import { isCalendarDate } from "~/domain/ledger/schemas";
import { actorFor, requireStaffUser } from "~/utils/auth.server";
import { addDays } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate, formattingLocale, todayIn } from "~/utils/i18n";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { forbidden, notFound } from "~/utils/permissions.server";

export const meta = pageTitle("titles.chequePickups");

/** The widest range the page lists at once. */
const MAX_RANGE_DAYS = 62;
const DEFAULT_RANGE_DAYS = 14;

const RangeSchema = z.object({
  from: z.string().refine(isCalendarDate).optional().catch(undefined),
  to: z.string().refine(isCalendarDate).optional().catch(undefined),
});

const CollectSchema = z.object({ intent: z.literal("collected"), pickupId: z.string().trim().min(1).max(64) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  const params = new URL(request.url).searchParams;
  const query = RangeSchema.parse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  const from = query.from ?? todayIn("America/Mexico_City");
  let to = query.to && query.to >= from ? query.to : addDays(from, DEFAULT_RANGE_DAYS - 1);
  if (to > addDays(from, MAX_RANGE_DAYS - 1)) to = addDays(from, MAX_RANGE_DAYS - 1);
  const locale = formattingLocale(await getLanguage(request, user), "MX");
  const rows = await listStaffPickups(await getDb(), user, { from, to });
  const days = new Map<string, typeof rows>();
  for (const row of rows) days.set(row.pickupDate, [...(days.get(row.pickupDate) ?? []), row]);
  return {
    from,
    to,
    canAct: staffAllows(user.staffRole, "apply:payments"),
    days: [...days].map(([date, pickups]) => ({
      date,
      label: formatDate(date, locale),
      pickups: pickups.map((p) => ({
        id: p.id,
        accountId: p.accountId,
        account: `${p.accountNumber} · ${p.accountName}`,
        address: p.address,
        contactName: p.contactName,
        contactPhone: p.contactPhone,
        notes: p.notes,
        status: p.status,
      })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffUser(request);
  if (!staffAllows(user.staffRole, "apply:payments")) forbidden();
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: CollectSchema });
  if (submission.status !== "success") return data({ ok: false as const, error: t("validation.invalid") }, 400);
  const db = await getDb();
  const pickup = await getStaffPickup(db, user, submission.value.pickupId);
  if (!pickup) notFound();
  try {
    await markPickupCollected(db, actorFor(request, user), { pickupId: pickup.id });
  } catch (error) {
    if (!(error instanceof ChequeError)) throw error;
    return data({ ok: false as const, error: t(`cheques.errors.${error.code}`) }, 409);
  }
  return data({ ok: true as const, error: null });
}

export default function StaffChequePickups() {
  const { t } = useTranslation();
  const { from, to, canAct, days } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("cheques.pickups.title")}
        intro={t("cheques.pickups.intro")}
        actions={
          <Link to="/staff/cheques" className={buttonClass("secondary")}>
            {t("cheques.pickups.back")}
          </Link>
        }
      />
      <ActionNotice error={result?.error} done={result?.ok ? t("cheques.pickups.done") : null} />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <InlineDateRange idPrefix="pickups" from={from} to={to} />
        <button type="submit" className={buttonClass("secondary")}>
          {t("cheques.filter")}
        </button>
      </Form>
      {days.length === 0 ? (
        <p className="text-slate-700">{t("cheques.pickups.none")}</p>
      ) : (
        days.map((day) => (
          <section key={day.date} aria-labelledby={`pickups-${day.date}`} className="space-y-2">
            <h2 id={`pickups-${day.date}`} className="text-lg font-semibold text-slate-900">
              {day.label}
            </h2>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {day.pickups.map((p) => (
                <li key={p.id} className="flex flex-wrap items-start justify-between gap-2 p-3 text-sm">
                  <div className="min-w-0 space-y-0.5">
                    <Link to={`/staff/accounts/${p.accountId}`} className="font-medium underline">
                      {p.account}
                    </Link>
                    <p className="break-words text-slate-700">{p.address}</p>
                    <p className="text-slate-700">
                      {t("cheques.pickups.contact", { name: p.contactName, phone: p.contactPhone })}
                    </p>
                    {p.notes ? <p className="break-words text-slate-600">{p.notes}</p> : null}
                  </div>
                  <div className="flex flex-col items-end gap-2">
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800">
                      {t(`cheques.pickups.statuses.${p.status}`)}
                    </span>
                    {canAct && p.status === "requested" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="collected" />
                        <input type="hidden" name="pickupId" value={p.id} />
                        <Button type="submit" variant="secondary">
                          {t("cheques.pickups.collected")}
                          <span className="sr-only"> · {p.account}</span>
                        </Button>
                      </Form>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
