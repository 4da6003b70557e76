// The columns of the trail's CSV and XLSX exports and each event's cells, shared by both formats:
// the Mexico City wall time and the exact UTC instant, who, what (code and label), the entity, the
// readable changes and the raw before/after JSON (so nothing is lost to the readable form).
import type { TFunction } from "i18next";
import { wallTimeIn } from "~/utils/dates";
import { auditActionLabel, auditEntityLabel, auditFieldLabel, auditValueLabel } from "./audit-labels";
import { type AuditValue, describeAuditChanges, formatAuditChanges } from "./describe-audit-changes";
import type { AuditTrailRow } from "./list-audit-events.server";
import { AUDIT_TIME_ZONE } from "./schemas";

export const AUDIT_EXPORT_COLUMNS = [
  "time",
  "utc",
  "actor",
  "actorName",
  "ip",
  "userAgent",
  "actionCode",
  "action",
  "entityType",
  "entityId",
  "account",
  "accountName",
  "changes",
  "before",
  "after",
  "id",
] as const;
export type AuditExportColumn = (typeof AUDIT_EXPORT_COLUMNS)[number];

export function auditExportHeader(t: TFunction): string[] {
  return AUDIT_EXPORT_COLUMNS.map((c) => t(`audit.columns.${c}`));
}

/**
 * The cells of each exported event. Labels are looked up once per export and key (an export repeats a
 * few dozen actions and fields over up to 100,000 rows, and each translation lookup costs microseconds).
 */
export function createAuditExportCells(t: TFunction): (row: AuditTrailRow) => Record<AuditExportColumn, string> {
  const memo = (fn: (key: string) => string) => {
    const cache = new Map<string, string>();
    return (key: string) => {
      let label = cache.get(key);
      if (label === undefined) cache.set(key, (label = fn(key)));
      return label;
    };
  };
  const action = memo((a) => auditActionLabel(t, a));
  const entity = memo((e) => auditEntityLabel(t, e));
  const field = memo((k) => auditFieldLabel(t, k));
  const values = new Map<string, string>();
  const value = (key: string, v: AuditValue) => {
    // Only codes (roles, kinds, reasons) and yes/no have labels: other text (IDs, names) is shown as stored.
    if (typeof v === "string" && !/^[a-z_]+$/.test(v)) return v;
    const cacheKey = `${key}\u0000${JSON.stringify(v)}`;
    let label = values.get(cacheKey);
    if (label === undefined) values.set(cacheKey, (label = auditValueLabel(t, key, v)));
    return label;
  };
  return (row) => ({
    time: wallTimeIn(row.occurredAt, AUDIT_TIME_ZONE),
    utc: row.occurredAt.toISOString(),
    actor: row.actorEmail ?? row.actorLabel,
    actorName: row.actorName ?? "",
    ip: row.ip ?? "",
    userAgent: row.userAgent ?? "",
    actionCode: row.action,
    action: action(row.action),
    entityType: entity(row.entityType),
    entityId: row.entityId ?? "",
    account: row.accountNumber ?? "",
    accountName: row.accountName ?? "",
    // Values shown as the page shows them (roles, yes/no translated); the JSON columns keep the codes.
    changes: formatAuditChanges(describeAuditChanges(row.before, row.after), {
      key: field,
      value,
    }),
    before: row.before === null || row.before === undefined ? "" : JSON.stringify(row.before),
    after: row.after === null || row.after === undefined ? "" : JSON.stringify(row.after),
    id: row.id,
  });
}
