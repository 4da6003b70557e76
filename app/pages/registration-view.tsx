// A registered payment's details, as both sides read them: status, what was registered, the requested
// allocation and what is left on account, the rejection reason, the ledger's applications once
// confirmed, the provisional receipt, the proof and the REPs.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RegistrationStatusBadge } from "~/components/payments";
import { buttonClass } from "~/components/ui/button";
import { formatDate } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import type { PresentedRegistration } from "./payment-registration.server";

const link = "text-brand-700 underline underline-offset-2 hover:no-underline";

export function RegistrationView({
  registration: r,
  links,
  backTo,
  children,
}: {
  registration: PresentedRegistration;
  links: {
    receipt: string;
    proof: string;
    rep: (id: string, format: "xml" | "pdf") => string;
    document?: (id: string) => string;
  };
  backTo: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const money = (v: string) => formatMoney(v, r.currency, r.locale);
  const rows: [string, string][] = [
    [t("registrations.account"), `${r.account.number} · ${r.account.name}`],
    [t("registrations.method"), t(`registrations.methods.${r.method}`)],
    [t("registrations.paidOn"), formatDate(r.paidOn, r.locale)],
    ...(r.depositDate
      ? ([[t("registrations.depositDate"), formatDate(r.depositDate, r.locale)]] as [string, string][])
      : []),
    [t("registrations.amount"), `${money(r.amount)} ${r.currency}`],
    [t("registrations.bank"), r.bank],
    [t("registrations.reference"), r.reference],
    [
      t("registrations.registeredBy"),
      `${r.registeredBy}${r.staffEntered ? ` (${t("registrations.staffEntered")})` : ""}`,
    ],
    ...(r.notes ? ([[t("registrations.notes"), r.notes]] as [string, string][]) : []),
  ];
  return (
    <div className="max-w-3xl space-y-6">
      <Link to={backTo} className={link}>
        {t("registrations.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{r.folio}</h1>
        <RegistrationStatusBadge status={r.status} />
        {r.duplicateDecision ? (
          <span className="text-sm text-slate-600">{t(`registrations.decision.${r.duplicateDecision}`)}</span>
        ) : null}
      </div>
      {r.status === "rejected" && r.rejectionReason ? (
        <div role="status" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <strong>{t("registrations.rejectedReason")}:</strong> {r.rejectionReason}
        </div>
      ) : null}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="text-sm text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      <div className="flex flex-wrap gap-3">
        <Link reloadDocument to={links.receipt} className={buttonClass("secondary")}>
          {t("registrations.receipt")}
        </Link>
        {r.proof ? (
          <Link reloadDocument to={links.proof} className={buttonClass("secondary")}>
            {t("registrations.proofDownload")} ({r.proof.fileName})
          </Link>
        ) : null}
      </div>
      <section aria-labelledby="allocation-title" className="space-y-2">
        <h2 id="allocation-title" className="text-lg font-semibold text-slate-900">
          {t("registrations.allocation")}
        </h2>
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {r.allocations.map((a) => (
            <li key={a.documentId} className="flex justify-between gap-2 p-2 text-sm">
              <span>
                {links.document ? (
                  <Link to={links.document(a.documentId)} className={link}>
                    {a.label}
                  </Link>
                ) : (
                  a.label
                )}{" "}
                · {t("registrations.due")} {formatDate(a.dueDate, r.locale)}
              </span>
              <span className="tabular-nums">{money(a.amount)}</span>
            </li>
          ))}
          <li className="flex justify-between gap-2 p-2 text-sm font-medium">
            <span>{t("registrations.onAccount")}</span>
            <span className="tabular-nums">{money(r.onAccount)}</span>
          </li>
        </ul>
      </section>
      {r.applied.length > 0 ? (
        <section aria-labelledby="applied-title" className="space-y-2">
          <h2 id="applied-title" className="text-lg font-semibold text-slate-900">
            {t("registrations.appliedTitle")}
          </h2>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {r.applied.map((a) => (
              <li key={a.id} className="flex justify-between gap-2 p-2 text-sm">
                <span>
                  {a.label} · {formatDate(a.appliedOn, r.locale)}
                  {a.isReversal || a.reversed ? ` · ${t("registrations.reversed")}` : ""}
                </span>
                <span className="tabular-nums">{money(a.amount)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {r.receipts.length > 0 ? (
        <section aria-labelledby="reps-title" className="space-y-2">
          <h2 id="reps-title" className="text-lg font-semibold text-slate-900">
            {t("registrations.reps")}
          </h2>
          <ul className="space-y-1">
            {r.receipts.map((rep) => (
              <li key={rep.id} className="flex flex-wrap items-center gap-3 text-sm">
                <span>
                  {rep.series}-{rep.folio} · <span className="font-mono text-xs">{rep.uuid}</span>
                </span>
                <Link reloadDocument to={links.rep(rep.id, "xml")} className={link}>
                  {t("registrations.repXml")}
                </Link>
                <Link reloadDocument to={links.rep(rep.id, "pdf")} className={link}>
                  {t("registrations.repPdf")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {children}
    </div>
  );
}
