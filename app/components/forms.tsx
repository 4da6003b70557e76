// Labelled form fields with their errors announced to assistive technology.
import { useNavigation } from "@remix-run/react";
import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";

export function FieldErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  if (!errors || errors.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

export function Field({
  label,
  errors,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; id: string; errors?: string[] | null }) {
  const errorId = `${input.id}-error`;
  const invalid = Boolean(errors && errors.length);
  return (
    <div>
      <label htmlFor={input.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        {...input}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={inputClass}
      />
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  errors,
  options,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  id: string;
  errors?: string[] | null;
  options: { value: string; label: string }[];
}) {
  const errorId = `${select.id}-error`;
  const invalid = Boolean(errors && errors.length);
  return (
    <div>
      <label htmlFor={select.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        {...select}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </div>
  );
}

/** True while this form (identified by its intent, or any form when omitted) is submitting. */
export function useIsSubmitting(intent?: string): boolean {
  const navigation = useNavigation();
  if (navigation.state === "idle" || !navigation.formData) return false;
  return intent === undefined || navigation.formData.get("intent") === intent;
}
