// Readable labels of the trail's actions, entity types, fields and values, in the reader's language
// (copy in app/i18n, under audit.*), for the page and the exports alike. Pure.
import type { TFunction } from "i18next";
import { DOCUMENT_KINDS, GRANT_ROLES, SEGMENTS, STAFF_AREAS, STAFF_ROLES } from "~/domain/vocabulary";
import type { es } from "~/i18n/es";
import type { AuditValue } from "./describe-audit-changes";

/** "grant.role_changed" → "Rol cambiado"; an action without copy shows its code. */
export function auditActionLabel(t: TFunction, action: string): string {
  return t(`audit.actions.${action}`, { defaultValue: action });
}

export function auditEntityLabel(t: TFunction, entityType: string): string {
  return t(`audit.entities.${entityType}`, { defaultValue: entityType });
}

/** "failures.source" → "Fallos desde la conexión"; a field without copy shows its key. */
export function auditFieldLabel(t: TFunction, key: string): string {
  const label = t(`audit.fields.${key}`, { defaultValue: key });
  return typeof label === "string" ? label : key;
}

// Codes that have copy of their own; anything else (names, reasons typed by a person, IDs) is shown as is.
const CODED_VALUES = [
  "customer",
  "staff",
  "wrong_password",
  "unknown_user",
  "disabled",
  "staff_email",
  "already_member",
  "invitation",
] as const satisfies readonly (keyof typeof es.audit.values)[];
const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export function auditValueLabel(t: TFunction, key: string, value: AuditValue): string {
  if (value === null) return t("audit.nothing");
  if (typeof value === "boolean") return value ? t("audit.yes") : t("audit.no");
  const text = String(value);
  const field = key.split(".").pop() ?? key;
  if ((field === "role" || field === "staffRole") && isOneOf([...GRANT_ROLES, ...STAFF_ROLES], text))
    return t(`roles.${text}`);
  if (field === "staffArea" && isOneOf(STAFF_AREAS, text)) return t(`areas.${text}`);
  if (field === "segment" && isOneOf(SEGMENTS, text)) return t(`segments.${text}`);
  if (field === "kind" && isOneOf(DOCUMENT_KINDS, text)) return t(`documents.kinds.${text}`);
  if ((field === "kind" || field === "reason" || field === "via") && isOneOf(CODED_VALUES, text))
    return t(`audit.values.${text}`);
  return text;
}
