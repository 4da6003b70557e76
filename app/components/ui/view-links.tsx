// The views of a list (due today, this week, broken…) as a row of links, the current one marked.
import { Link } from "@remix-run/react";

export function ViewLinks<View extends string>({
  label,
  views,
  current,
  labelOf,
}: {
  /** The navigation's accessible name. */
  label: string;
  views: readonly View[];
  current: string;
  labelOf: (view: View) => string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {views.map((v) => (
          <li key={v}>
            <Link
              to={`?view=${v}`}
              aria-current={v === current ? "page" : undefined}
              className={`inline-block rounded-full px-3 py-1 text-sm ring-1 ring-inset ${
                v === current ? "bg-brand-700 text-white ring-brand-700" : "bg-white text-slate-800 ring-slate-300"
              }`}
            >
              {labelOf(v)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
