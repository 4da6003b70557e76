// What the plan pages share: the status badge, a table of instalments (with, once in force, each
// instalment's promise status and what was paid), and the instalment rows of the proposal and counter
// forms (a date and an amount per row; empty rows are ignored).
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/forms";
import { TableHead } from "~/components/ui/table";
import type { PlanStatus, PromiseStatus } from "~/domain/vocabulary";

export interface InstalmentView {
  date: string;
  amount: string;
  status?: PromiseStatus | null;
  paid?: string | null;
}

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  const tone =
    status === "active"
      ? "bg-green-100 text-green-900"
      : status === "rejected" || status === "declined" || status === "cancelled" || status === "withdrawn"
        ? "bg-slate-100 text-slate-800"
        : "bg-amber-100 text-amber-900";
  return <span className={`rounded-full px-2 py-0.5 text-sm ${tone}`}>{t(`plans.status.${status}`)}</span>;
}

export function InstalmentTable({ caption, rows }: { caption: string; rows: InstalmentView[] }) {
  const { t } = useTranslation();
  const withStatus = rows.some((r) => r.status);
  return (
    <table className="w-full max-w-xl text-left text-sm">
      <caption className="mb-1 text-left font-medium text-slate-900">{caption}</caption>
      <TableHead
        className=""
        rowClassName="border-b border-slate-200 text-slate-600"
        cellClassName="py-1 font-medium"
        columns={[
          { label: "#", className: "pr-3" },
          { label: t("plans.dateColumn"), className: "pr-3" },
          { label: t("plans.amountColumn"), align: "right", className: "pr-3" },
          ...(withStatus
            ? [
                { label: t("plans.statusColumn"), className: "pr-3" },
                { label: t("plans.paidColumn"), align: "right" as const },
              ]
            : []),
        ]}
      />
      <tbody>
        {rows.map((row, i) => (
          <tr key={`${row.date}-${i}`} className="border-b border-slate-100">
            <td className="py-1 pr-3">{i + 1}</td>
            <td className="py-1 pr-3">{row.date}</td>
            <td className="py-1 pr-3 text-right tabular-nums">{row.amount}</td>
            {withStatus ? (
              <>
                <td className="py-1 pr-3">{row.status ? t(`promises.status.${row.status}`) : null}</td>
                <td className="py-1 text-right tabular-nums">{row.paid}</td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type InstalmentRowFields = FieldMetadata<{ dueDate?: string; amount?: string }[] | undefined>;

/** MAX rows of a date and an amount, named instalments[i].dueDate / .amount, with their errors. */
export function InstalmentInputs({
  idPrefix,
  field,
  rows,
  today,
  hint,
  defaults = [],
}: {
  idPrefix: string;
  field: InstalmentRowFields;
  rows: number;
  today: string;
  hint: string;
  defaults?: { dueDate: string; amount: string }[];
}) {
  const { t } = useTranslation();
  const list = field.getFieldList();
  const hintId = `${idPrefix}-instalments-hint`;
  return (
    <fieldset className="space-y-2" aria-describedby={hintId}>
      <legend className="text-sm font-medium text-slate-800">{t("plans.instalmentsCaption")}</legend>
      <p id={hintId} className="text-xs text-slate-600">
        {hint}
      </p>
      <FieldErrors id={field.errorId} errors={field.errors} />
      <ol className="space-y-2">
        {Array.from({ length: rows }, (_, i) => {
          const fields = list[i]?.getFieldset();
          const dateErrors = fields?.dueDate.errors;
          const amountErrors = fields?.amount.errors;
          const number = i + 1;
          return (
            <li key={i} className="flex flex-wrap items-start gap-3 text-sm">
              <span className="w-28 pt-2 text-slate-700">{t("plans.instalmentNumber", { number })}</span>
              <div>
                <label htmlFor={`${idPrefix}-date-${i}`} className="sr-only">
                  {t("plans.instalmentDate", { number })}
                </label>
                <input
                  id={`${idPrefix}-date-${i}`}
                  name={`instalments[${i}].dueDate`}
                  type="date"
                  min={today}
                  defaultValue={defaults[i]?.dueDate}
                  className="rounded-md border-0 px-2 py-1 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                  aria-invalid={dateErrors?.length ? true : undefined}
                  aria-describedby={dateErrors?.length ? `${idPrefix}-date-${i}-error` : undefined}
                />
                <FieldErrors id={`${idPrefix}-date-${i}-error`} errors={dateErrors} />
              </div>
              <div>
                <label htmlFor={`${idPrefix}-amount-${i}`} className="sr-only">
                  {t("plans.instalmentAmount", { number })}
                </label>
                <input
                  id={`${idPrefix}-amount-${i}`}
                  name={`instalments[${i}].amount`}
                  inputMode="decimal"
                  defaultValue={defaults[i]?.amount}
                  className="w-36 rounded-md border-0 px-2 py-1 text-right ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                  aria-invalid={amountErrors?.length ? true : undefined}
                  aria-describedby={amountErrors?.length ? `${idPrefix}-amount-${i}-error` : undefined}
                />
                <FieldErrors id={`${idPrefix}-amount-${i}-error`} errors={amountErrors} />
              </div>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
