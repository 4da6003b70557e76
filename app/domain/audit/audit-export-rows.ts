// The columns of the trail's CSV and XLSX exports and each event's cells, shared by both formats:
// the Mexico City wall time and the exact UTC instant, who, what (code and label), the entity, the
// readable changes and the raw before/after JSON (so nothing is lost to the readable form).
import type { TFunction } from "i18next";
import { wallTimeIn } from "~/utils/dates";
import { describeAuditChanges, formatAuditChanges } from "./describe-audit-changes";
import { auditActionLabel, auditEntityLabel, auditFieldLabel, auditValueLabel } from "./audit-labels";
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

export function auditExportCells(row: AuditTrailRow, t: TFunction): Record<AuditExportColumn, string> {
  return {
    time: wallTimeIn(row.occurredAt, AUDIT_TIME_ZONE),
    utc: row.occurredAt.toISOString(),
    actor: row.actorEmail ?? row.actorLabel,
    actorName: row.actorName ?? "",
    ip: row.ip ?? "",
    userAgent: row.userAgent ?? "",
    actionCode: row.action,
    action: auditActionLabel(t, row.action),
    entityType: auditEntityLabel(t, row.entityType),
    entityId: row.entityId ?? "",
    account: row.accountNumber ?? "",
    accountName: row.accountName ?? "",
    // Values shown as the page shows them (roles, yes/no translated); the JSON columns keep the codes.
    changes: formatAuditChanges(describeAuditChanges(row.before, row.after), {
      key: (key) => auditFieldLabel(t, key),
      value: (key, value) => auditValueLabel(t, key, value),
    }),
    before: row.before === null || row.before === undefined ? "" : JSON.stringify(row.before),
    after: row.after === null || row.after === undefined ? "" : JSON.stringify(row.after),
    id: row.id,
  };
}
