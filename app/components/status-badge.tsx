import { useTranslation } from "react-i18next";
import type { DocumentStatusLabel } from "~/domain/documents/list-documents.server";

const tones: Record<DocumentStatusLabel, string> = {
  open: "bg-sky-50 text-sky-800 ring-sky-200",
  due_soon: "bg-amber-50 text-amber-900 ring-amber-200",
  overdue: "bg-red-50 text-red-800 ring-red-200",
  paid: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  applied: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  cancelled: "bg-slate-100 text-slate-700 ring-slate-200",
};

/** `label` replaces the status's usual word where a page says it better (a credit "con saldo a favor"). */
export function StatusBadge({ status, label }: { status: DocumentStatusLabel; label?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`}
    >
      {label ?? t(`documents.labels.${status}`)}
    </span>
  );
}
