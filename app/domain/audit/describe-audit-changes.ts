// Turns an event's before/after JSON into readable lines, "key: value" with nested objects flattened
// ("period.from"), for the trail page and the exports. Pure.

export type AuditValue = string | number | boolean | null;

export interface AuditChange {
  /** Dotted path of the field: "role", "failures.source". */
  key: string;
  /** Undefined when the field is not in that side. */
  before?: AuditValue;
  after?: AuditValue;
  /** In both sides with different values, or in only one of them. */
  changed: boolean;
}

function flatten(value: unknown, prefix: string, out: Map<string, AuditValue>) {
  if (value === null || value === undefined) {
    if (prefix) out.set(prefix, null);
    return;
  }
  if (Array.isArray(value)) {
    const scalars = value.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
    out.set(prefix || "value", scalars ? value.map((v) => String(v)).join(", ") : JSON.stringify(value));
    return;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, null);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.set(prefix || "value", value);
    return;
  }
  out.set(prefix || "value", String(value));
}

/** One line per field of either side, in the order the fields appear (after's first, then before-only ones). */
export function describeAuditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = new Map<string, AuditValue>();
  const a = new Map<string, AuditValue>();
  if (before !== null && before !== undefined) flatten(before, "", b);
  if (after !== null && after !== undefined) flatten(after, "", a);
  const keys = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  return keys.map((key) => {
    const inBefore = b.has(key);
    const inAfter = a.has(key);
    return {
      key,
      ...(inBefore ? { before: b.get(key) } : {}),
      ...(inAfter ? { after: a.get(key) } : {}),
      changed: !(inBefore && inAfter) || b.get(key) !== a.get(key),
    };
  });
}

/** "role: payer → viewer; sessionsEnded: 2" — one line of text for a CSV or XLSX cell. */
export function formatAuditChanges(
  changes: AuditChange[],
  label: { key?: (key: string) => string; value?: (key: string, value: AuditValue) => string } = {},
): string {
  const key = label.key ?? ((k: string) => k);
  const show = label.value ?? ((_k: string, v: AuditValue) => (v === null ? "—" : String(v)));
  return changes
    .map((c) => {
      const name = key(c.key);
      if (c.before !== undefined && c.after !== undefined)
        return c.changed
          ? `${name}: ${show(c.key, c.before)} → ${show(c.key, c.after)}`
          : `${name}: ${show(c.key, c.after)}`;
      if (c.after !== undefined) return `${name}: ${show(c.key, c.after)}`;
      return `${name}: ${show(c.key, c.before ?? null)} → —`;
    })
    .join("; ");
}
