// The pieces of the claim pages shared by the portal and the staff side: the thread, the summary and
// one small form per action (conform + zod, its intent and the version the reader saw).
import { type SubmissionResult, getFormProps, getTextareaProps } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FieldErrors, FilterSelect, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { ScrollRegion, TableHead } from "~/components/ui/table";
import type {
  ClaimLevel,
  ClaimMessageKind,
  ClaimResolution,
  ClaimStatus,
  ClaimType,
  Currency,
} from "~/domain/vocabulary";
import { CLAIM_STATUSES } from "~/domain/vocabulary";
import { formatMoney } from "~/utils/money";

export interface ClaimActionData {
  result?: SubmissionResult<string[]>;
  /** A claim rule the action refused, in words. */
  error?: string;
  intent?: string;
}

export interface ClaimThreadMessage {
  id: string;
  kind: ClaimMessageKind;
  body: string;
  time: string;
  authorName: string | null;
}

export function ClaimThread({ messages }: { messages: ClaimThreadMessage[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="claim-thread" className="space-y-3">
      <h2 id="claim-thread" className="text-lg font-medium text-slate-900">
        {t("claims.thread")}
      </h2>
      {messages.length === 0 ? <p className="text-slate-600">{t("claims.noMessages")}</p> : null}
      <ol className="space-y-3">
        {messages.map((m) => (
          <li
            key={m.id}
            className={`rounded-lg border p-3 ${m.kind === "internal_note" ? "border-amber-200 bg-amber-50" : "border-slate-200 bg-white"}`}
          >
            <p className="text-sm text-slate-600">
              <span className="font-medium text-slate-800">{t(`claims.messageKinds.${m.kind}`)}</span>
              {m.authorName ? ` · ${m.authorName}` : ""} · {m.time}
            </p>
            <p className="mt-1 whitespace-pre-line text-slate-900">{m.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

const textareaClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/** One action on a claim: a hidden intent and version, an optional text field, optional evidence files, and its button. */
export function ClaimActionForm({
  schema,
  intent,
  version,
  text,
  files,
  submitLabel,
  variant = "primary",
  children,
}: {
  schema: z.ZodType<Record<string, unknown>, Record<string, unknown>>;
  intent: string;
  version?: number;
  text?: { name: "body" | "reason"; label: string };
  /** Evidence files sent with it (a multipart form; the action sniffs them, parse-evidence-upload.server.ts). */
  files?: { label: string };
  submitLabel: string;
  variant?: "primary" | "secondary" | "danger";
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const actionData = useActionData<ClaimActionData>();
  const mine = actionData?.intent === intent;
  const [form, fields] = useValidatedForm(schema, {
    id: `claim-${intent}`,
    lastResult: mine ? actionData?.result : undefined,
  });
  const submitting = useIsSubmitting(intent);
  const field = text ? fields[text.name] : null;
  return (
    <Form
      method="post"
      encType={files ? "multipart/form-data" : undefined}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
      {...getFormProps(form)}
    >
      <input type="hidden" name="intent" value={intent} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {mine && actionData?.error ? <FormError message={actionData.error} /> : null}
      {text && field ? (
        <div>
          <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
            {text.label}
          </label>
          <textarea rows={3} className={textareaClass} {...getTextareaProps(field, { ariaAttributes: true })} />
          <FieldErrors id={field.errorId} errors={field.errors} />
        </div>
      ) : null}
      {files ? (
        <div>
          <label htmlFor={`claim-${intent}-evidence`} className="block text-sm font-medium text-slate-800">
            {files.label}
          </label>
          <input id={`claim-${intent}-evidence`} name="evidence" type="file" multiple className="mt-1 block text-sm" />
        </div>
      ) : null}
      {children}
      <Button type="submit" variant={variant} pending={submitting} pendingLabel={t("common.loading")}>
        {submitLabel}
      </Button>
    </Form>
  );
}

/** An extra text input inside a ClaimActionForm (not bound to conform: the action validates it). */
export function ClaimExtraInput({ name, label, type = "text" }: { name: string; label: string; type?: string }) {
  return (
    <div>
      <label htmlFor={`claim-extra-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={`claim-extra-${name}`} name={name} type={type} className={textareaClass} />
    </div>
  );
}

export interface ClaimListRow {
  id: string;
  number: number;
  type: ClaimType;
  status: ClaimStatus;
  level: ClaimLevel;
  dueAt: string | null;
  createdAt: string | null;
  accountNumber: string;
  accountName: string;
}

/** A page of claims as a table, with previous / next links keeping the status filter. */
export function ClaimList({
  rows,
  basePath,
  status,
  page,
  hasMore,
}: {
  rows: ClaimListRow[];
  basePath: string;
  status: string | null;
  page: number;
  hasMore: boolean;
}) {
  const { t } = useTranslation();
  const pageHref = (p: number) => `?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`;
  if (rows.length === 0) return <p className="text-slate-600">{t("claims.empty")}</p>;
  return (
    <div className="space-y-3">
      <ScrollRegion label={t("claims.title")}>
        <table className="min-w-full text-left text-sm">
          <TableHead
            columns={[
              { label: t("claims.numberColumn") },
              { label: t("claims.account") },
              { label: t("claims.type") },
              { label: t("claims.status") },
              { label: t("claims.level") },
              { label: t("claims.due") },
              { label: t("claims.created") },
            ]}
          />
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="px-3 py-2">
                  <Link to={`${basePath}/${r.id}`} className="text-brand-700 underline underline-offset-2">
                    {r.number}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {r.accountName} · {r.accountNumber}
                </td>
                <td className="px-3 py-2">{t(`claims.types.${r.type}`)}</td>
                <td className="px-3 py-2">{t(`claims.statuses.${r.status}`)}</td>
                <td className="px-3 py-2">{r.level}</td>
                <td className="px-3 py-2">{r.dueAt ?? "—"}</td>
                <td className="px-3 py-2">{r.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <nav aria-label={t("claims.title")} className="flex gap-3">
        {page > 1 ? (
          <Link to={pageHref(page - 1)} className="text-brand-700 underline">
            {t("claims.prev")}
          </Link>
        ) : null}
        {hasMore ? (
          <Link to={pageHref(page + 1)} className="text-brand-700 underline">
            {t("claims.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export interface ClaimSummaryData {
  id: string;
  number: number;
  type: ClaimType;
  status: ClaimStatus;
  level: ClaimLevel;
  description: string;
  due: string | null;
  /** The deadline as an ISO instant. */
  dueAt: string | null;
  created: string | null;
  resolution: ClaimResolution | null;
  resolutionReason: string | null;
  acceptedAmount: string | null;
  account: { number: string; legalName: string };
  assigneeName: string | null;
  documents: {
    id: string;
    documentId: string;
    series: string;
    folio: string;
    amount: string;
    currency: Currency;
    /** The disputed line, when the claim disputes lines of the invoice rather than all of it. */
    lineId: string | null;
    lineNo: number | null;
    lineDescription: string | null;
    lineTotal: string | null;
  }[];
  attachments: { id: string; fileName: string; mediaType: string; size: number }[];
}

/** The claim's heading, where it stands, its promise (or paused clock), documents and files. */
export function ClaimSummary({
  claim,
  locale,
  side,
}: {
  claim: ClaimSummaryData;
  locale: string;
  side: "portal" | "staff";
}) {
  const { t } = useTranslation();
  const open = claim.status === "open";
  return (
    <section aria-labelledby="claim-title" className="space-y-3">
      <h1 id="claim-title" className="text-2xl font-semibold text-slate-900">
        {t("claims.number", { number: claim.number })}
      </h1>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">{t("claims.account")}</dt>
        <dd>
          {claim.account.legalName} · {claim.account.number}
        </dd>
        <dt className="text-slate-600">{t("claims.type")}</dt>
        <dd>{t(`claims.types.${claim.type}`)}</dd>
        <dt className="text-slate-600">{t("claims.status")}</dt>
        <dd>{t(`claims.statuses.${claim.status}`)}</dd>
        <dt className="text-slate-600">{t("claims.level")}</dt>
        <dd data-testid="claim-level">{claim.level}</dd>
        <dt className="text-slate-600">{t("claims.created")}</dt>
        <dd>{claim.created}</dd>
        {side === "staff" ? (
          <>
            <dt className="text-slate-600">{t("claims.assignee")}</dt>
            <dd data-testid="claim-assignee">{claim.assigneeName ?? t("claims.unassigned")}</dd>
          </>
        ) : null}
        {claim.resolution ? (
          <>
            <dt className="text-slate-600">{t("claims.resolution")}</dt>
            <dd>{t(`claims.resolutions.${claim.resolution}`)}</dd>
          </>
        ) : null}
        {claim.resolutionReason ? (
          <>
            <dt className="text-slate-600">{t("claims.resolutionReason")}</dt>
            <dd>{claim.resolutionReason}</dd>
          </>
        ) : null}
        {claim.acceptedAmount ? (
          <>
            <dt className="text-slate-600">{t("claims.acceptedAmount")}</dt>
            <dd>{claim.acceptedAmount}</dd>
          </>
        ) : null}
      </dl>
      {open && claim.due ? (
        <p
          className="rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm text-slate-900"
          data-testid="claim-promise"
          data-due-at={claim.dueAt ?? undefined}
        >
          {t("claims.promise", { date: claim.due })}
        </p>
      ) : null}
      {claim.status === "waiting_on_customer" ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {side === "portal" ? t("claims.paused") : t("claims.pausedStaff")}
        </p>
      ) : null}
      <p className="whitespace-pre-line text-slate-900">{claim.description}</p>
      {claim.documents.length > 0 ? (
        <div>
          <h2 className="font-medium text-slate-900">{t("claims.disputed")}</h2>
          <ul className="list-disc pl-5 text-sm">
            {claim.documents.map((d) => (
              <li key={d.id} data-testid="claim-disputed-document">
                {d.series}-{d.folio}
                {d.lineNo !== null ? (
                  <> · {t("claims.lineLabel", { line: d.lineNo, description: d.lineDescription })}</>
                ) : null}{" "}
                · {formatMoney(d.amount, d.currency, locale)}
                {d.lineTotal !== null ? (
                  <span className="text-slate-600">
                    {" "}
                    {t("claims.disputedLineOf", { total: formatMoney(d.lineTotal, d.currency, locale) })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {claim.attachments.length > 0 ? (
        <div>
          <h2 className="font-medium text-slate-900">{t("claims.attachments")}</h2>
          <ul className="list-disc pl-5 text-sm">
            {claim.attachments.map((a) => (
              <li key={a.id}>
                <Link
                  reloadDocument
                  to={`/${side}/claims/${claim.id}/attachments/${a.id}`}
                  className="text-brand-700 underline"
                  aria-label={t("claims.download", { name: a.fileName })}
                >
                  {a.fileName}
                </Link>{" "}
                ({a.mediaType})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** The status filter of a claims list; `anyLabel` names what "no status" shows on that side. */
export function ClaimStatusFilter({ status, anyLabel }: { status: string | null | undefined; anyLabel: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3">
      <FilterSelect
        id="status"
        label={t("claims.status")}
        defaultValue={status ?? ""}
        anyLabel={anyLabel}
        options={CLAIM_STATUSES.map((s) => ({ value: s, label: t(`claims.statuses.${s}`) }))}
      />
      <Button type="submit" variant="secondary">
        {t("claims.filter")}
      </Button>
    </Form>
  );
}
