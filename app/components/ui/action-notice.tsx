// What a page says after its action answered: the refusal as an alert, or what was done as a status.
import type { ReactNode } from "react";

export function ActionNotice({ error, done }: { error?: string | null; done?: ReactNode }) {
  if (error)
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {error}
      </p>
    );
  if (done)
    return (
      <p role="status" className="text-sm text-emerald-800">
        {done}
      </p>
    );
  return null;
}
