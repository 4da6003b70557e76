// The reconciliation portfolio (staff): every account this staff member reaches with the status of
// its latest reconciliation (none, sent, viewed, signed, signed with differences, expired…), filtered
// and paged by keyset; and the month-end send: tick accounts (or take every account the filter
// matches), choose the cut-off, and one reconciliation per account is prepared and sent. The result
// lists what was sent and what was skipped, with the reason.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { FilterInput, FilterSelect, FormError, useIsSubmitting } from "~/components/forms";
import { EnvelopeStatusBadge } from "~/components/reconciliation";
import { Button } from "~/components/ui/button";
import { staffAllows } from "~/domain/identity/permissions";
import {
  BatchSendSchema,
  MAX_BATCH_ACCOUNTS,
  PORTFOLIO_STATUSES,
  parsePortfolioParams,
  portfolioSearchParams,
} from "~/domain/signing/portfolio-schemas";
import {
  listPortfolioAccountIds,
  listReconciliationPortfolio,
} from "~/domain/signing/read-reconciliation-portfolio.server";
import { sendReconciliationBatch } from "~/domain/signing/send-reconciliation-batch.server";
import { SEGMENTS } from "~/domain/vocabulary";
import { actorFor, requireStaffUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formatDate, formattingLocale, todayIn } from "~/utils/i18n";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { forbidden } from "~/utils/permissions.server";
import { instantFormat } from "~/utils/signing-pages.server";

export const meta = pageTitle("titles.portfolioReconciliations");

/** The list spans both sellers: its times read as Mexico City, like the claims queue. */
const LIST_TIME_ZONE = "America/Mexico_City";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffUser(request);
  const locale = formattingLocale(await getLanguage(request, user), "MX");
  const { filters, page } = parsePortfolioParams(new URL(request.url).searchParams, locale);
  const now = new Date();
  const result = await listReconciliationPortfolio(await getDb(), user, { filters, page, now });
  const at = instantFormat(locale, LIST_TIME_ZONE);
  return {
    filters,
    query: portfolioSearchParams(filters).toString(),
    canSend: staffAllows(user.staffRole, "send:reconciliation"),
    today: todayIn(LIST_TIME_ZONE, now),
    nextCursor: result.nextCursor,
    prevCursor: result.prevCursor,
    rows: result.rows.map((r) => ({
      accountId: r.accountId,
      accountNumber: r.accountNumber,
      accountName: r.accountName,
      status: r.status,
      envelopeId: r.envelopeId,
      envelopeNumber: r.envelopeNumber,
      cutoff: r.cutoffDate ? formatDate(r.cutoffDate, locale) : null,
      sentAt: at(r.sentAt),
      completedAt: at(r.completedAt),
      sealed: r.sealed,
      signers: r.signers,
      accountHref: `/staff/accounts/${r.accountId}/reconciliations`,
      href: r.envelopeId ? `/staff/accounts/${r.accountId}/reconciliations/${r.envelopeId}` : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffUser(request);
  if (!staffAllows(user.staffRole, "send:reconciliation")) forbidden();
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: BatchSendSchema });
  if (submission.status !== "success")
    return data(
      {
        error: submission.error?.accountIds ? t("reconciliationOps.batchNoneSelected") : t("validation.invalid"),
        batch: null,
      },
      { status: 400 },
    );
  const form = submission.value;
  const db = await getDb();
  const now = new Date();
  const accountIds =
    form.scope === "matching"
      ? await listPortfolioAccountIds(db, user, {
          filters: { status: form.status, segment: form.segment, q: form.q },
          now,
        })
      : form.accountIds;
  if (accountIds.length === 0)
    return data({ error: t("reconciliationOps.batchNoneSelected"), batch: null }, { status: 400 });
  if (accountIds.length > MAX_BATCH_ACCOUNTS)
    return data(
      { error: t("reconciliationOps.batchTooMany", { max: MAX_BATCH_ACCOUNTS }), batch: null },
      { status: 400 },
    );
  const result = await sendReconciliationBatch(
    db,
    { ...actorFor(request, user), userId: user.id },
    user,
    { accountIds, cutoffDate: form.cutoffDate, message: form.message },
    { now },
  );
  return data({
    error: null,
    batch: {
      sent: result.sent.map((s) => ({
        accountId: s.accountId,
        account: `${s.accountName} · ${s.accountNumber}`,
        number: s.number,
      })),
      // An account out of reach is not named: only its ID the staff member sent comes back.
      skipped: result.skipped.map((s) => ({
        accountId: s.accountId,
        account: s.accountName ? `${s.accountName} · ${s.accountNumber}` : s.accountId,
        reason: t(`reconciliationOps.skipReasons.${s.reason}`),
      })),
    },
  });
}

const inputClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

export default function PortfolioReconciliations() {
  const { t } = useTranslation();
  const { rows, filters, query, canSend, today, nextCursor, prevCursor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const sending = useIsSubmitting("batch-send");
  const listRef = useRef<HTMLUListElement>(null);
  const pageHref = (key: "after" | "before", cursor: string) => {
    const params = new URLSearchParams(query);
    params.set(key, cursor);
    return `?${params.toString()}`;
  };
  const toggleAll = (checked: boolean) => {
    for (const box of listRef.current?.querySelectorAll<HTMLInputElement>('input[name="accountIds"]') ?? [])
      box.checked = checked;
  };
  return (
    <div className="min-w-0 space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("signing.portfolioTitle")}</h1>
        <p className="text-slate-600">{t("reconciliationOps.accountsIntro")}</p>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="status"
          label={t("signing.filterStatus")}
          defaultValue={filters.status}
          anyLabel={t("signing.allStatuses")}
          options={PORTFOLIO_STATUSES.map((s) => ({
            value: s,
            label: s === "none" ? t("reconciliationOps.statusNone") : t(`signing.statuses.${s}`),
          }))}
        />
        <FilterSelect
          id="segment"
          label={t("reconciliationOps.segment")}
          defaultValue={filters.segment}
          anyLabel={t("reconciliationOps.allSegments")}
          options={SEGMENTS.map((s) => ({ value: s, label: t(`segments.${s}`) }))}
        />
        <FilterInput id="q" label={t("reconciliationOps.search")} defaultValue={searchParams.get("q")} />
        <Button type="submit" variant="secondary">
          {t("signing.filter")}
        </Button>
      </Form>

      {actionData?.error ? <FormError message={actionData.error} /> : null}
      {actionData?.batch ? (
        <section
          role="status"
          aria-labelledby="batch-result"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <h2 id="batch-result" className="font-semibold text-slate-900">
            {t("reconciliationOps.batchResult", {
              sent: actionData.batch.sent.length,
              skipped: actionData.batch.skipped.length,
            })}
          </h2>
          {actionData.batch.sent.length ? (
            <div>
              <h3 className="text-sm font-medium text-slate-800">{t("reconciliationOps.batchSent")}</h3>
              <ul className="list-disc pl-5 text-sm">
                {actionData.batch.sent.map((s) => (
                  <li key={s.accountId} className="break-words">
                    {s.account} · {t("signing.one", { number: s.number })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {actionData.batch.skipped.length ? (
            <div>
              <h3 className="text-sm font-medium text-slate-800">{t("reconciliationOps.batchSkipped")}</h3>
              <ul className="list-disc pl-5 text-sm">
                {actionData.batch.skipped.map((s) => (
                  <li key={s.accountId} className="break-words">
                    {s.account}: {s.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      <Form method="post" className="space-y-4">
        <input type="hidden" name="intent" value="batch-send" />
        {(["status", "segment", "q"] as const).map((k) =>
          filters[k] ? <input key={k} type="hidden" name={k} value={String(filters[k])} /> : null,
        )}
        <section aria-labelledby="accounts-title" className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="accounts-title" className="text-lg font-semibold text-slate-900">
              {t("reconciliationOps.accountsTitle")}
            </h2>
            {canSend && rows.length ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" onChange={(e) => toggleAll(e.currentTarget.checked)} />
                {t("reconciliationOps.selectPage")}
              </label>
            ) : null}
          </div>
          {rows.length === 0 ? <p className="text-slate-600">{t("reconciliationOps.noAccounts")}</p> : null}
          <ul
            ref={listRef}
            aria-labelledby="accounts-title"
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
          >
            {rows.map((r) => (
              <li key={r.accountId} className="flex min-w-0 flex-wrap items-start gap-x-4 gap-y-1 px-3 py-2 text-sm">
                {canSend ? (
                  <input
                    type="checkbox"
                    name="accountIds"
                    value={r.accountId}
                    className="mt-1"
                    aria-label={t("reconciliationOps.select", { account: `${r.accountName} · ${r.accountNumber}` })}
                  />
                ) : null}
                <div className="min-w-0 flex-1 basis-48">
                  <Link
                    to={r.accountHref}
                    className="break-words font-medium text-brand-700 underline hover:no-underline"
                  >
                    {r.accountName}
                  </Link>
                  <div className="text-xs text-slate-600">{r.accountNumber}</div>
                </div>
                <div className="basis-40">
                  {r.status === "none" ? (
                    <span className="text-slate-600">{t("reconciliationOps.statusNone")}</span>
                  ) : (
                    <EnvelopeStatusBadge status={r.status} />
                  )}
                  {r.sealed ? <span className="ml-1 text-xs text-slate-600">· {t("signing.sealed")}</span> : null}
                </div>
                {r.href && r.envelopeNumber ? (
                  <dl className="grid min-w-0 flex-1 basis-64 grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-700">
                    <dt>{t("reconciliationOps.lastReconciliation")}</dt>
                    <dd>
                      <Link
                        to={r.href}
                        className="text-brand-700 underline hover:no-underline"
                        aria-label={t("signing.open", { number: r.envelopeNumber })}
                      >
                        {r.envelopeNumber}
                      </Link>
                      {r.cutoff ? ` · ${r.cutoff}` : null}
                    </dd>
                    {r.sentAt ? (
                      <>
                        <dt>{t("signing.sentAt")}</dt>
                        <dd className="break-words">{r.sentAt}</dd>
                      </>
                    ) : null}
                    {r.completedAt ? (
                      <>
                        <dt>{t("signing.completedAt")}</dt>
                        <dd className="break-words">{r.completedAt}</dd>
                      </>
                    ) : null}
                    <dt>{t("reconciliationOps.signersCount")}</dt>
                    <dd>{r.signers}</dd>
                  </dl>
                ) : null}
              </li>
            ))}
          </ul>
          {prevCursor || nextCursor ? (
            <nav aria-label={t("reconciliationOps.pagination")} className="flex gap-4 text-sm">
              {prevCursor ? (
                <Link to={pageHref("before", prevCursor)} className="text-brand-700 underline">
                  {t("reconciliationOps.previous")}
                </Link>
              ) : null}
              {nextCursor ? (
                <Link to={pageHref("after", nextCursor)} className="text-brand-700 underline">
                  {t("reconciliationOps.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
        {canSend ? (
          <fieldset className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <legend className="px-1 font-semibold text-slate-900">{t("reconciliationOps.batchTitle")}</legend>
            <p className="text-sm text-slate-600">{t("reconciliationOps.batchIntro")}</p>
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scope" value="matching" className="mt-1" />
              <span>{t("reconciliationOps.selectMatching")}</span>
            </label>
            <div>
              <label htmlFor="batch-cutoff" className="block text-sm font-medium text-slate-800">
                {t("reconciliationOps.batchCutoff")}
              </label>
              <input
                id="batch-cutoff"
                name="cutoffDate"
                type="date"
                required
                max={today}
                defaultValue={today}
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor="batch-message" className="block text-sm font-medium text-slate-800">
                {t("reconciliationOps.batchMessage")}
              </label>
              <textarea id="batch-message" name="message" rows={2} maxLength={2000} className={inputClass} />
            </div>
            <Button type="submit" pending={sending} pendingLabel={t("common.loading")}>
              {t("reconciliationOps.batchSubmit")}
            </Button>
          </fieldset>
        ) : null}
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
