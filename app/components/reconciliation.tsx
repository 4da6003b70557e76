// The reconciliation as both sides read it: status, balances and open items per currency, signers,
// and the differences with their claims; and the list of reconciliations. Presentational only.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { EnvelopeStatus } from "~/domain/vocabulary";
import type { EnvelopeView } from "~/utils/signing-pages.server";
import { ScrollRegion, TableHead } from "./ui/table";

const tones: Record<EnvelopeStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  sent: "bg-sky-50 text-sky-800 ring-sky-200",
  viewed: "bg-indigo-50 text-indigo-800 ring-indigo-200",
  signed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  signed_with_differences: "bg-amber-50 text-amber-900 ring-amber-200",
  expired: "bg-red-50 text-red-800 ring-red-200",
  corrections_requested: "bg-amber-50 text-amber-900 ring-amber-200",
  superseded: "bg-slate-100 text-slate-700 ring-slate-200",
};

export function EnvelopeStatusBadge({ status }: { status: EnvelopeStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`}
    >
      {t(`signing.statuses.${status}`)}
    </span>
  );
}

/** What every list of signed documents (reconciliations, minutes) shows of one of them. */
export interface SignedDocumentRow {
  id: string;
  number: number;
  /** Minutes are re-issued as new versions; a reconciliation has none. */
  version?: number;
  status: EnvelopeStatus;
  accountNumber: string;
  accountName: string;
  sentAt: string | null;
  completedAt: string | null;
  href: string;
  sealed: boolean;
}

/** A column a kind of signed document adds after the number (and account) columns. */
export interface SignedDocumentColumn<Row> {
  key: string;
  label: string;
  cell: (row: Row) => ReactNode;
}

/**
 * The list of signed documents: number (with its version), account when several are shown, the
 * kind's own columns, status with "sealed", sent and completed times.
 */
export function SignedDocumentList<Row extends SignedDocumentRow>({
  rows,
  showAccount,
  label,
  empty,
  openLabel,
  columns,
}: {
  rows: Row[];
  showAccount: boolean;
  label: string;
  empty: string;
  openLabel: (row: Row) => string;
  columns: SignedDocumentColumn<Row>[];
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <ScrollRegion label={label}>
      <table className="min-w-full text-sm">
        <TableHead
          columns={[
            { label: t("signing.number") },
            ...(showAccount ? [{ label: t("signing.account") }] : []),
            ...columns.map((c) => ({ key: c.key, label: c.label })),
            { label: t("signing.status") },
            { label: t("signing.sentAt") },
            { label: t("signing.completedAt") },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="px-3 py-2 whitespace-nowrap">
                <Link to={r.href} className="text-brand-700 underline hover:no-underline" aria-label={openLabel(r)}>
                  {r.number}
                </Link>
                {r.version !== undefined && r.version > 1 ? (
                  <span className="text-xs text-slate-600"> · v{r.version}</span>
                ) : null}
              </td>
              {showAccount ? (
                <td className="px-3 py-2">
                  {r.accountName} · {r.accountNumber}
                </td>
              ) : null}
              {columns.map((c) => (
                <td key={c.key} className="px-3 py-2 whitespace-nowrap">
                  {c.cell(r)}
                </td>
              ))}
              <td className="px-3 py-2">
                <EnvelopeStatusBadge status={r.status} />{" "}
                {r.sealed ? <span className="text-xs text-slate-600">· {t("signing.sealed")}</span> : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{r.sentAt ?? "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{r.completedAt ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export interface EnvelopeListRow extends SignedDocumentRow {
  cutoff: string | null;
}

export function EnvelopeList({ rows, showAccount }: { rows: EnvelopeListRow[]; showAccount: boolean }) {
  const { t } = useTranslation();
  return (
    <SignedDocumentList
      rows={rows}
      showAccount={showAccount}
      label={t("signing.title")}
      empty={t("signing.none")}
      openLabel={(r) => t("signing.open", { number: r.number })}
      columns={[{ key: "cutoff", label: t("signing.cutoff"), cell: (r) => r.cutoff }]}
    />
  );
}

export function EnvelopeContent({
  envelope,
  claimsBasePath,
  pdfHref,
}: {
  envelope: EnvelopeView;
  claimsBasePath: string;
  pdfHref: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">{t("signing.one", { number: envelope.number })}</h1>
        <p className="text-slate-700">
          {envelope.seller} · {envelope.accountName}
        </p>
        <p>
          <EnvelopeStatusBadge status={envelope.status} />
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">{t("signing.cutoff")}</dt>
          <dd className="font-medium">{envelope.cutoff}</dd>
        </div>
        {envelope.expiresAt ? (
          <div>
            <dt className="text-slate-600">{t("signing.expiresAt")}</dt>
            <dd>{envelope.expiresAt}</dd>
          </div>
        ) : null}
        {envelope.message ? (
          <div className="sm:col-span-2">
            <dt className="text-slate-600">{t("signing.message")}</dt>
            <dd className="whitespace-pre-line">{envelope.message}</dd>
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <dt className="text-slate-600">{t("signing.contentHash")}</dt>
          <dd className="break-all font-mono text-xs">{envelope.contentSha256}</dd>
        </div>
      </dl>
      {envelope.sections.map((s) => (
        <section key={s.currency} aria-labelledby={`balance-${s.currency}`} className="space-y-2">
          <h2 id={`balance-${s.currency}`} className="text-lg font-semibold text-slate-900">
            {t("signing.balanceAt", { date: envelope.cutoff })}: {s.balance}
          </h2>
          <p className="text-sm text-slate-700">
            {t("signing.openCharges")}: {s.openCharges} · {t("signing.unappliedCredits")}: {s.unappliedCredits}
          </p>
          {s.items.length === 0 ? (
            <p className="text-sm text-slate-600">{t("signing.noItems")}</p>
          ) : (
            <ScrollRegion label={`${t("signing.items")} (${s.currency})`}>
              <table className="min-w-full text-sm">
                <caption className="sr-only">{t("signing.items")}</caption>
                <TableHead
                  columns={[
                    { label: t("signing.document") },
                    { label: t("signing.issueDate") },
                    { label: t("signing.dueDate") },
                    { label: t("signing.amount"), align: "right" },
                    { label: t("signing.openAmount"), align: "right" },
                  ]}
                />
                <tbody className="divide-y divide-slate-100">
                  {s.items.map((i) => (
                    <tr key={i.documentId}>
                      <td className="px-3 py-2 whitespace-nowrap">
                        {t(`documents.kinds.${i.kind}`)} {i.serieFolio}
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap">{i.issueDate}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{i.dueDate}</td>
                      <td className="px-3 py-2 text-right whitespace-nowrap">{i.amount}</td>
                      <td className="px-3 py-2 text-right whitespace-nowrap">
                        {i.effect === "credit" ? "−" : ""}
                        {i.open}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      ))}
      {envelope.signers.length ? (
        <section aria-labelledby="signers" className="space-y-2">
          <h2 id="signers" className="text-lg font-semibold text-slate-900">
            {t("signing.signers")}
          </h2>
          <ul className="space-y-1 text-sm">
            {envelope.signers.map((s) => (
              <li key={s.id}>
                {s.name} ({s.email}) · {t(`roles.${s.role}`)} · {t(`signing.signerStatuses.${s.status}`)}
                {s.signedAt ? ` · ${t("signing.signedBy", { name: s.typedName ?? s.name, time: s.signedAt })}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {envelope.customerBalance ? (
        <p className="text-sm">
          {t("signing.customerBalance")}: <strong>{envelope.customerBalance}</strong>
        </p>
      ) : null}
      {envelope.differences.length ? (
        <section aria-labelledby="differences" className="space-y-2">
          <h2 id="differences" className="text-lg font-semibold text-slate-900">
            {t("signing.differences")}
          </h2>
          <ul className="space-y-2 text-sm">
            {envelope.differences.map((d) => (
              <li key={d.id} className="rounded-md border border-slate-200 bg-white p-2">
                <strong>{t(`signing.differenceKinds.${d.kind}`)}</strong>
                {d.item ? ` · ${d.item}` : ""}
                {d.reference ? ` · ${d.reference}` : ""} · {d.amount} — {d.description} ·{" "}
                <Link to={`${claimsBasePath}/${d.claimId}`} className="text-brand-700 underline hover:no-underline">
                  {t("signing.claimLink", { number: d.claimNumber })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {envelope.status === "signed" || envelope.status === "signed_with_differences" ? (
        envelope.sealed ? (
          <div className="space-y-1 text-sm">
            <Link reloadDocument to={pdfHref} className="font-medium text-brand-700 underline hover:no-underline">
              {t("signing.downloadSealed")}
            </Link>
            <p>
              {t("signing.verificationCode")}: <span className="font-mono">{envelope.verificationCode}</span>
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-600">{t("signing.notSealedYet")}</p>
        )
      ) : null}
    </div>
  );
}
