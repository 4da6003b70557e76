// Cheques in custody (issue 12 item 9): the cheques of the accounts this staff member reaches, held by
// deposit date by default (returned ones by follow-up date, or any status), and the collector's actions
// on each: record the cheque-protection check, deposit (from its deposit date), mark it cleared or
// returned (cheque devuelto: the domain reverses its application, adds the fee and sets a follow-up)
// and redeposit. Each form carries the cheque's id and the version the page showed; the server checks
// the cheque is within the user's reach (404 otherwise) and the role may apply payments (403).
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InlineDateRange } from "~/components/forms";
import { ActionNotice } from "~/components/ui/action-notice";
import { Button, buttonClass } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { ViewLinks } from "~/components/ui/view-links";
import { ChequeActionSchema, ChequeListFiltersSchema } from "~/domain/cheques/cheque-forms";
import { clearCheque } from "~/domain/cheques/clear-cheque.server";
import { depositCheque } from "~/domain/cheques/deposit-cheque.server";
import { ChequeError } from "~/domain/cheques/errors";
import { CHEQUE_LIST_LIMIT, getStaffCheque, listStaffCheques } from "~/domain/cheques/read-cheques.server";
import { recordProtectionCheck } from "~/domain/cheques/record-protection-check.server";
import { returnCheque } from "~/domain/cheques/return-cheque.server";
import { staffAllows } from "~/domain/identity/permissions";
import { CHEQUE_RETURN_REASONS } from "~/domain/vocabulary";
import { actorFor, requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate, formattingLocale, todayIn } from "~/utils/i18n";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { forbidden, notFound } from "~/utils/permissions.server";

export const meta = pageTitle("titles.cheques");

/** The tabs of the list, in order (the filter schema also takes each status by name). */
const VIEWS = ["custody", "deposited", "follow_up", "cleared", "all"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  const params = new URL(request.url).searchParams;
  const filters = ChequeListFiltersSchema.parse({
    view: params.get("view") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    q: params.get("q") ?? undefined,
  });
  const locale = formattingLocale(await getLanguage(request, user), "MX");
  const list = await listStaffCheques(await getDb(), user, filters);
  return {
    filters,
    more: list.more ? CHEQUE_LIST_LIMIT : null,
    canAct: staffAllows(user.staffRole, "apply:payments"),
    rows: list.rows.map((c) => ({
      id: c.id,
      version: c.version,
      registrationId: c.registrationId,
      registration: `RP-${c.registrationNumber}`,
      accountId: c.accountId,
      account: `${c.accountNumber} · ${c.accountName}`,
      number: c.number,
      bank: c.bank,
      amount: formatMoney(c.amount, c.currency, locale),
      depositDate: c.depositDate,
      depositDateLabel: formatDate(c.depositDate, locale),
      followUp: c.followUpOn ? formatDate(c.followUpOn, locale) : null,
      status: c.status,
      protectionReference: c.protectionReference,
    })),
    // The sellers here are Mexican and Colombian; a cheque dated today in either is shown as depositable
    // (the domain checks the seller's own calendar and refuses an early deposit).
    today: todayIn("America/Bogota"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffUser(request);
  if (!staffAllows(user.staffRole, "apply:payments")) forbidden();
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: ChequeActionSchema });
  if (submission.status !== "success")
    return data({ ok: false as const, error: t("validation.invalid"), number: null }, { status: 400 });
  const value = submission.value;
  const db = await getDb();
  const reached = await getStaffCheque(db, user, value.chequeId);
  if (!reached) notFound();
  const actor = { ...actorFor(request, user), userId: user.id };
  const input = { chequeId: reached.id, version: value.version, now: new Date() };
  try {
    switch (value.intent) {
      case "protection":
        await recordProtectionCheck(db, actor, { ...input, reference: value.reference });
        break;
      case "deposit":
        await depositCheque(db, actor, input);
        break;
      case "clear":
        await clearCheque(db, actor, input);
        break;
      case "return":
        await returnCheque(db, actor, { ...input, reason: value.reason });
        break;
    }
  } catch (error) {
    if (!(error instanceof ChequeError)) throw error;
    if (error.code === "cheque.not_found") notFound();
    return data(
      { ok: false as const, error: t(`cheques.errors.${error.code}`), number: null },
      { status: error.code === "cheque.stale" ? 409 : 400 },
    );
  }
  return data({ ok: true as const, error: null, number: reached.number });
}

export default function StaffCheques() {
  const { t } = useTranslation();
  const { filters, more, canAct, rows, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const view = (VIEWS as readonly string[]).includes(filters.view) ? filters.view : "all";
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("cheques.title")}
        intro={t("cheques.intro")}
        actions={
          <Link to="/staff/cheques/pickups" className={buttonClass("secondary")}>
            {t("cheques.pickupsLink")}
          </Link>
        }
      />
      <ActionNotice error={result?.error} done={result?.ok ? t("cheques.done", { number: result.number }) : null} />
      <ViewLinks
        label={t("cheques.viewsLabel")}
        views={VIEWS}
        current={view}
        labelOf={(v) => t(`cheques.views.${v}`)}
      />
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="view" value={filters.view} />
        <InlineDateRange idPrefix="cheques" from={filters.from} to={filters.to} />
        <div className="w-full sm:w-auto sm:min-w-48 sm:flex-1">
          <label htmlFor="cheques-q" className="block text-sm font-medium text-slate-800">
            {t("cheques.search")}
          </label>
          <input
            id="cheques-q"
            name="q"
            type="search"
            maxLength={100}
            defaultValue={filters.q}
            className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("cheques.filter")}
        </button>
      </Form>
      {!canAct ? <p className="text-sm text-slate-600">{t("cheques.readOnly")}</p> : null}
      {rows.length === 0 ? (
        <p className="text-slate-700">{t("cheques.none")}</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          aria-label={t("cheques.listLabel", { view: t(`cheques.views.${filters.view}`) })}
        >
          {rows.map((c) => (
            <li key={c.id} className="space-y-2 p-3 text-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="space-y-0.5">
                  <p className="font-medium text-slate-900">
                    {t("cheques.cheque", { number: c.number, bank: c.bank })} ·{" "}
                    <span className="tabular-nums">{c.amount}</span>
                  </p>
                  <p className="text-slate-700">
                    <Link to={`/staff/accounts/${c.accountId}`} className="underline">
                      {c.account}
                    </Link>{" "}
                    ·{" "}
                    <Link to={`/staff/payments/${c.registrationId}`} className="underline">
                      {c.registration}
                    </Link>
                  </p>
                  <p className="text-slate-700">
                    {t("cheques.depositDate", { date: c.depositDateLabel })}
                    {c.followUp ? ` · ${t("cheques.followUp", { date: c.followUp })}` : null}
                  </p>
                  <p className="text-slate-600">
                    {c.protectionReference
                      ? t("cheques.protection", { reference: c.protectionReference })
                      : t("cheques.noProtection")}
                  </p>
                </div>
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800">
                  {t(`cheques.statuses.${c.status}`)}
                </span>
              </div>
              {canAct ? <ChequeActions cheque={c} today={today} /> : null}
            </li>
          ))}
        </ul>
      )}
      {more ? <p className="text-sm text-slate-600">{t("cheques.more", { count: more })}</p> : null}
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function ChequeActions({ cheque: c, today }: { cheque: Row; today: string }) {
  const { t } = useTranslation();
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="chequeId" value={c.id} />
      <input type="hidden" name="version" value={c.version} />
    </>
  );
  return (
    <div className="flex flex-wrap items-end gap-3">
      {c.status === "in_custody" || c.status === "returned" ? (
        c.depositDate <= today || c.status === "returned" ? (
          <Form method="post">
            {hidden("deposit")}
            <Button type="submit">
              {c.status === "returned" ? t("cheques.redeposit") : t("cheques.deposit")}
              <span className="sr-only"> · {c.number}</span>
            </Button>
          </Form>
        ) : (
          <p className="text-slate-600">{t("cheques.notYet", { date: c.depositDateLabel })}</p>
        )
      ) : null}
      {c.status === "deposited" ? (
        <>
          <Form method="post">
            {hidden("clear")}
            <Button type="submit">
              {t("cheques.clear")}
              <span className="sr-only"> · {c.number}</span>
            </Button>
          </Form>
          <Form method="post" className="flex flex-wrap items-end gap-2">
            {hidden("return")}
            <div>
              <label htmlFor={`return-reason-${c.id}`} className="block text-slate-800">
                {t("cheques.returnReason")}
                <span className="sr-only"> · {c.number}</span>
              </label>
              <select
                id={`return-reason-${c.id}`}
                name="reason"
                className="mt-1 block rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
              >
                {CHEQUE_RETURN_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`cheques.reasons.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="danger">
              {t("cheques.return")}
              <span className="sr-only"> · {c.number}</span>
            </Button>
          </Form>
        </>
      ) : null}
      {c.status !== "cleared" ? (
        <Form method="post" className="flex flex-wrap items-end gap-2">
          {hidden("protection")}
          <div>
            <label htmlFor={`protection-${c.id}`} className="block text-slate-800">
              {t("cheques.protectionReference")}
              <span className="sr-only"> · {c.number}</span>
            </label>
            <input
              id={`protection-${c.id}`}
              name="reference"
              required
              maxLength={100}
              className="mt-1 block w-44 rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300"
            />
          </div>
          <Button type="submit" variant="secondary">
            {t("cheques.recordProtection")}
            <span className="sr-only"> · {c.number}</span>
          </Button>
        </Form>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
