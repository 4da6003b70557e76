// The account's pending payment promises (home, and the staff's customer page): what was promised by
// when, and what has been paid towards it so far.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface PendingPromiseView {
  id: string;
  promised: string;
  date: string;
  paidSoFar: string;
  account: string;
}

export function PendingPromises({
  promises,
  moreTo,
  showAccount = false,
}: {
  promises: PendingPromiseView[];
  moreTo: string | null;
  showAccount?: boolean;
}) {
  const { t } = useTranslation();
  if (promises.length === 0) return null;
  return (
    <section aria-labelledby="pending-promises" className="mt-8 space-y-3">
      <h2 id="pending-promises" className="text-lg font-semibold text-slate-900">
        {t("promises.homeTitle")}
      </h2>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {promises.map((p) => (
          <li key={p.id} className="flex flex-wrap justify-between gap-2 p-3 text-sm">
            <span className="font-medium text-slate-900">
              {t("promises.promisedFor", { amount: p.promised, date: p.date })}
            </span>
            <span className="text-slate-700">{t("promises.paidSoFar", { amount: p.paidSoFar })}</span>
            {showAccount ? <span className="w-full text-slate-600">{p.account}</span> : null}
          </li>
        ))}
      </ul>
      {moreTo ? (
        <Link to={moreTo} className="text-sm underline">
          {t("promises.more")}
        </Link>
      ) : null}
    </section>
  );
}
