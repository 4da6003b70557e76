// Parses form data with a zod schema whose messages are i18n keys, returning translated field errors.
import type { TFunction } from "i18next";
import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

export function parseFormData<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  t: TFunction,
): ParseResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    raw[key] = key in raw ? ([] as unknown[]).concat(raw[key], value) : value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "form";
    const [messageKey, param] = issue.message.split("|");
    const message = String(
      messageKey.startsWith("validation.") ? t(messageKey, param ? JSON.parse(param) : {}) : t("validation.invalid"),
    );
    const messages = (fieldErrors[key] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  return { ok: false, fieldErrors };
}
