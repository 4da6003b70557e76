// Reads a list page's GET filters field by field: a field that does not parse is reported on that
// field (an i18n key) and left out, while the others still apply; amounts are read in the reader's
// locale by the one amount parser (utils/money.ts); a range typed backwards (min above max, a "from"
// date after its "to") is reported on its upper end and neither bound is applied.
import type { z } from "zod";
import { compareMoney, parseAmount } from "./money";

export interface ListQueryOptions {
  /** The formatting locale of the reader (es-MX, es-CO, en-US): how amounts are typed. */
  locale: string;
  /** Fields holding an amount as typed by a person. */
  amounts?: readonly string[];
  /** [lower, upper] pairs: amounts are compared as decimals, ISO dates as text. */
  ranges?: readonly (readonly [string, string])[];
}

/** The message keys a list query's field can fail with. */
export type ListQueryError =
  "validation.amount" | "validation.amountDecimals" | "validation.rangeInverted" | "validation.invalid";

export interface ListQuery<T> {
  data: T;
  /** Field name → its validation message key. */
  errors: Record<string, ListQueryError>;
}

export function parseListQuery<S extends z.ZodObject>(
  schema: S,
  params: URLSearchParams,
  options: ListQueryOptions,
): ListQuery<z.output<S>> {
  const errors: Record<string, ListQueryError> = {};
  const raw: Record<string, string> = {};
  // Empty form fields arrive as "": they mean "no filter". The first value of a repeated key wins.
  for (const [key, value] of params.entries()) if (value.trim() !== "" && !(key in raw)) raw[key] = value;
  for (const field of options.amounts ?? []) {
    if (raw[field] === undefined) continue;
    const amount = parseAmount(raw[field], options.locale);
    if (amount.ok) raw[field] = amount.value;
    else {
      errors[field] = amount.error === "decimals" ? "validation.amountDecimals" : "validation.amount";
      delete raw[field];
    }
  }
  // Each failing field is dropped in turn; a schema has few fields, so this ends quickly.
  for (let attempt = 0; attempt <= Object.keys(schema.shape).length; attempt++) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      const data = parsed.data as Record<string, unknown>;
      for (const [low, high] of options.ranges ?? []) {
        const a = data[low];
        const b = data[high];
        if (typeof a !== "string" || typeof b !== "string") continue;
        const inverted = (options.amounts ?? []).includes(low) ? compareMoney(a, b) > 0 : a > b;
        if (!inverted) continue;
        errors[high] = "validation.rangeInverted";
        delete data[low];
        delete data[high];
      }
      return { data: data as z.output<S>, errors };
    }
    const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")));
    for (const field of fields) {
      if (field === "" || !(field in raw))
        return { data: schema.parse({}) as z.output<S>, errors: { ...errors, "": "validation.invalid" } };
      errors[field] ??= "validation.invalid";
      delete raw[field];
    }
  }
  return { data: schema.parse({}) as z.output<S>, errors: { ...errors, "": "validation.invalid" } };
}
