// The top of a page: its title, a line saying what the page is for, and (on the right, wrapping
// below on a phone) the links or buttons that lead elsewhere from it.
import type { ReactNode } from "react";

export function PageHeader({ title, intro, actions }: { title: ReactNode; intro?: ReactNode; actions?: ReactNode }) {
  const heading = (
    <div>
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {intro ? <p className="text-slate-600">{intro}</p> : null}
    </div>
  );
  if (!actions) return heading;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      {heading}
      {actions}
    </div>
  );
}
