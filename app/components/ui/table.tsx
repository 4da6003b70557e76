// The pieces every data table of the portal shares: the framed region that scrolls sideways on a
// phone (and takes keyboard focus so it can be scrolled without a mouse), and the header row built
// from a list of columns. Rows stay each table's own.
import type { ReactNode } from "react";

export interface TableColumn {
  /** React key of the column (defaults to its position). */
  key?: string;
  label: ReactNode;
  /** Amounts are right-aligned, their header too. */
  align?: "right";
  /** A column whose header is only for screen readers (a row's actions). */
  srOnly?: boolean;
  className?: string;
}

/**
 * A bordered box whose table scrolls sideways when it is wider than the screen. Named by `label` or by
 * the id of its caption (`labelledBy`): a scrollable region must be focusable and named (axe's
 * scrollable-region-focusable and region rules).
 */
export function ScrollRegion({
  label,
  labelledBy,
  className = "",
  children,
}: {
  label?: string;
  labelledBy?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      aria-labelledby={labelledBy}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that scrolls sideways (phones) must take focus or a keyboard cannot scroll it (axe: scrollable-region-focusable)
      tabIndex={0}
      className={`overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}
    >
      {children}
    </div>
  );
}

/**
 * The header row of a table: one `th scope="col"` per column. `className` styles the `thead` (the
 * framed tables' grey band), `rowClassName` its row (the unframed tables' bottom rule).
 */
export function TableHead({
  columns,
  className = "bg-slate-50 text-left text-slate-700",
  rowClassName,
  cellClassName = "px-3 py-2 font-medium",
}: {
  columns: readonly TableColumn[];
  className?: string;
  rowClassName?: string;
  cellClassName?: string;
}) {
  return (
    <thead className={className || undefined}>
      <tr className={rowClassName}>
        {columns.map((column, index) => (
          <th
            key={column.key ?? index}
            scope="col"
            className={[
              cellClassName,
              column.align === "right" ? "text-right" : "",
              column.srOnly ? "sr-only" : "",
              column.className ?? "",
            ]
              .filter(Boolean)
              .join(" ")}
          >
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
