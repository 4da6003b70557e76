import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export interface ToastData {
  id: string;
  kind: "success" | "error" | "info";
  message: string;
}

/** Shows the one-time toast that the previous action left, announced politely to screen readers. */
export function Toaster({ toast }: { toast: ToastData | null }) {
  const { t } = useTranslation();
  // The toast shown is the latest one the server sent, until it is dismissed or times out.
  const [dismissedId, setDismissedId] = useState<string | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setDismissedId(toast.id), 8000);
    return () => clearTimeout(timer);
  }, [toast]);
  const visible = toast && toast.id !== dismissedId ? toast : null;
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      {visible ? (
        <div
          role="status"
          className={`pointer-events-auto flex max-w-md items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 ${
            visible.kind === "error" ? "bg-red-50 text-red-900 ring-red-200" : "bg-white text-slate-900 ring-slate-200"
          }`}
        >
          <span>{visible.message}</span>
          <button
            type="button"
            onClick={() => setDismissedId(visible.id)}
            className="ml-2 rounded text-slate-500 hover:text-slate-800"
            aria-label={t("toast.close")}
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
