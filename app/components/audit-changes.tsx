// One side (before or after) of an audit event's changes as a description list, "field: value", the
// fields whose value changed struck out (before) or inserted (after), which screen readers announce.
import { useTranslation } from "react-i18next";
import { auditFieldLabel, auditValueLabel } from "~/domain/audit/audit-labels";
import type { AuditChange } from "~/domain/audit/describe-audit-changes";

export function AuditChangesList({ changes, side }: { changes: AuditChange[]; side: "before" | "after" }) {
  const { t } = useTranslation();
  const shown = changes.filter((c) => c[side] !== undefined);
  if (shown.length === 0) return <span className="text-slate-500">{t("audit.nothing")}</span>;
  return (
    <dl className="space-y-0.5">
      {shown.map((c) => {
        const text = auditValueLabel(t, c.key, c[side] ?? null);
        // Only a field on both sides with another value is a change; one side alone is just data.
        const changed = c.changed && c.before !== undefined && c.after !== undefined;
        return (
          <div key={c.key} className="flex flex-wrap gap-x-1">
            <dt className="text-slate-600">{auditFieldLabel(t, c.key)}:</dt>
            <dd className="break-all text-slate-900">
              {!changed ? text : side === "before" ? <del>{text}</del> : <ins className="font-semibold">{text}</ins>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
