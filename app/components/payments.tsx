// Pieces the payment pages share: the status badge of a registration ("en revisión", confirmed,
// rejected) and the allocation table (the invoices a payment may be applied to, with an amount input
// each, the oldest-due-first suggestion and the running total of what is left on account).
import Decimal from "decimal.js";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { allocateOldestFirst } from "~/domain/payments/allocate-oldest-first";
import type { PaymentRegistrationStatus } from "~/domain/vocabulary";
import { formatDate } from "~/utils/i18n";
import { type Currency, formatMoney } from "~/utils/money";
import { buttonClass } from "./ui/button";

const tones: Record<PaymentRegistrationStatus, string> = {
  in_review: "bg-amber-50 text-amber-900 ring-amber-200",
  confirmed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  rejected: "bg-red-50 text-red-800 ring-red-200",
};

export function RegistrationStatusBadge({ status }: { status: PaymentRegistrationStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`}
    >
      {t(`registrations.statuses.${status}`)}
    </span>
  );
}

export interface AllocationInvoice {
  id: string;
  label: string;
  issueDate: string;
  dueDate: string;
  currency: Currency;
  openAmount: string;
  disputedAmount: string;
  payable: string;
}

const isMoney = (v: string) => /^\d{1,16}(\.\d{1,2})?$/.test(v.trim());

/**
 * The allocation inputs (allocations[i].documentId / .amount) for the invoices in `currency`. While the
 * reader has not edited them, they follow the oldest-first suggestion for `amount`.
 */
export function AllocationTable({
  invoices,
  amount,
  currency,
  locale,
  initial,
}: {
  invoices: AllocationInvoice[];
  amount: string;
  currency: Currency;
  locale: string;
  /** Amounts already chosen (a registration being adjusted); otherwise the suggestion. */
  initial?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const rows = useMemo(() => invoices.filter((i) => i.currency === currency), [invoices, currency]);
  // Until the reader edits an amount, the inputs show the suggestion for the current amount; after,
  // what the reader typed ("Sugerir" goes back to the suggestion).
  const [manual, setManual] = useState<Record<string, string> | null>(initial ?? null);
  const suggestion = useMemo(() => {
    const { allocations } = allocateOldestFirst(isMoney(amount) ? amount : "0", currency, rows);
    return Object.fromEntries(allocations.map((a) => [a.documentId, a.amount]));
  }, [amount, currency, rows]);
  const values = manual ?? suggestion;
  const allocated = rows.reduce((s, r) => (isMoney(values[r.id] ?? "") ? s.plus(values[r.id]) : s), new Decimal(0));
  const left = isMoney(amount) ? new Decimal(amount).minus(allocated) : new Decimal(0);
  const money = (v: Decimal.Value) => formatMoney(new Decimal(v).toFixed(2), currency, locale);
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">{t("registrations.allocation")}</legend>
      <p className="text-xs text-slate-600">{t("registrations.allocationHint")}</p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("registrations.noInvoices")}</p>
      ) : (
        <>
          <button type="button" className={buttonClass("secondary")} onClick={() => setManual(null)}>
            {t("registrations.suggest")}
          </button>
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
            {rows.map((r, i) => (
              <li key={r.id} className="grid grid-cols-2 items-center gap-2 p-2 text-sm sm:grid-cols-5">
                <input type="hidden" name={`allocations[${i}].documentId`} value={r.id} />
                <span className="font-medium">{r.label}</span>
                <span>
                  {t("registrations.due")} {formatDate(r.dueDate, locale)}
                </span>
                <span>
                  {t("registrations.open")} {money(r.openAmount)}
                </span>
                <span className={new Decimal(r.disputedAmount).gt(0) ? "text-amber-800" : "text-slate-500"}>
                  {new Decimal(r.disputedAmount).gt(0)
                    ? `${t("registrations.disputed")} ${money(r.disputedAmount)}`
                    : `${t("registrations.payable")} ${money(r.payable)}`}
                </span>
                <label className="col-span-2 sm:col-span-1">
                  <span className="sr-only">{t("registrations.applyTo", { document: r.label })}</span>
                  <input
                    name={`allocations[${i}].amount`}
                    inputMode="decimal"
                    value={values[r.id] ?? ""}
                    onChange={(e) => setManual({ ...values, [r.id]: e.target.value })}
                    className="block w-full rounded-md border-0 px-2 py-1 text-right ring-1 ring-inset ring-slate-300"
                  />
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="text-sm text-slate-800" aria-live="polite">
        {t("registrations.allocated")}: <strong>{money(allocated)}</strong> · {t("registrations.onAccount")}:{" "}
        <strong>{money(Decimal.max(left, 0))}</strong>
      </p>
    </fieldset>
  );
}
