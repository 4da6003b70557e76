// A registration's cheque on its page: status, deposit date, follow-up, the protection check (staff),
// each deposit with its outcome and fee note, and the cheque's history (staff).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PresentedCheque } from "~/pages/registration-cheque.server";

export function ChequePanel({
  cheque: c,
  documentLink,
  manageLink,
}: {
  cheque: PresentedCheque;
  documentLink: (id: string) => string;
  manageLink?: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="cheque-title" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="cheque-title" className="text-lg font-semibold text-slate-900">
          {t("cheques.section")} · {t(`cheques.statuses.${c.status}`)}
        </h2>
        {manageLink ? (
          <Link to={manageLink} className="text-sm text-brand-700 underline">
            {t("cheques.manage")}
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-700">
        {t("cheques.cheque", { number: c.number, bank: c.bank })} · {t("cheques.depositDate", { date: c.depositDate })}
        {c.followUp ? ` · ${t("cheques.followUp", { date: c.followUp })}` : null}
      </p>
      {c.protection ? (
        <p className="text-sm text-slate-700">
          {t("cheques.protectionBy", {
            reference: c.protection.reference,
            name: c.protection.by,
            date: c.protection.on,
          })}
        </p>
      ) : null}
      {c.deposits.length > 0 ? (
        <>
          <h3 className="text-sm font-semibold text-slate-900">{t("cheques.deposits")}</h3>
          <ul className="space-y-1 text-sm text-slate-700">
            {c.deposits.map((d) => (
              <li key={d.id}>
                {t("cheques.depositRow", {
                  number: d.number,
                  date: d.date,
                  status: t(`cheques.depositStatuses.${d.status}`),
                })}
                {d.reason ? ` · ${t(`cheques.reasons.${d.reason}`)}` : null}
                {d.fee ? (
                  <>
                    {" · "}
                    <Link to={documentLink(d.fee.id)} className="underline">
                      {t("cheques.fee", { label: d.fee.label, amount: d.fee.amount })}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.history.length > 0 ? (
        <>
          <h3 className="text-sm font-semibold text-slate-900">{t("cheques.history")}</h3>
          <ol className="space-y-1 text-sm text-slate-700">
            {c.history.map((h) => (
              <li key={h.id}>
                <time dateTime={h.at}>{h.at.slice(0, 16).replace("T", " ")}</time> · {h.action} · {h.actor}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
