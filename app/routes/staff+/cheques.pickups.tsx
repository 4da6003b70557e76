// Cheque pickups by day ("recolección de cheques", issue 12 item 9): what customers asked the seller's
// courier to collect, within this staff member's reach, from a day to a day (today and the next two
// weeks by default, at most 62 days), grouped by day; a collector marks one collected when the cheque is
// in hand (a conditional update from requested; auditors read only).
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button, buttonClass } from "~/components/ui/button";
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
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("cheques.pickups.title")}</h1>
          <p className="text-slate-600">{t("cheques.pickups.intro")}</p>
        </div>
        <Link to="/staff/cheques" className={buttonClass("secondary")}>
          {t("cheques.pickups.back")}
        </Link>
      </div>
      {result?.error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {result.error}
        </p>
      ) : result?.ok ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("cheques.pickups.done")}
        </p>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="pickups-from" className="block text-sm font-medium text-slate-800">
            {t("cheques.from")}
          </label>
          <input
            id="pickups-from"
            name="from"
            type="date"
            defaultValue={from}
            className="mt-1 block rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
          />
        </div>
        <div>
          <label htmlFor="pickups-to" className="block text-sm font-medium text-slate-800">
            {t("cheques.to")}
          </label>
          <input
            id="pickups-to"
            name="to"
            type="date"
            defaultValue={to}
            className="mt-1 block rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
          />
        </div>
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
