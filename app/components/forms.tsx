// Labelled form fields bound to conform's field metadata, with their errors announced to assistive
// technology. Field errors arrive as i18n keys (from the shared zod schemas, in the browser and from
// the action alike) and are translated here, with the parameters a key needs; form-level errors are
// server-only rules (wrong password, locked, rate limited) that the action has already put into words.
import {
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
  getInputProps,
  getSelectProps,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "~/domain/identity/password-policy";
import { MAX_DOCUMENTS_PER_FORM } from "~/domain/payments/document-amounts-form";
import type { es } from "~/i18n/es";

type ValidationKey = `validation.${keyof typeof es.validation}`;

/** The parameters of the validation keys that take one (the schemas name the key only). */
export const VALIDATION_MESSAGE_PARAMS: Record<string, Record<string, unknown>> = {
  "validation.passwordLength": { min: MIN_PASSWORD_LENGTH },
  "validation.tooManyItems": { max: MAX_DOCUMENTS_PER_FORM },
};

/** A schema's message in words; anything that is not one of our keys reads as "invalid value". */
export function translateValidationMessage(t: TFunction, message: string): string {
  const key = (/^validation\.[A-Za-z]+$/.test(message) ? message : "validation.invalid") as ValidationKey;
  // A schema's message that names no key of ours reads as its key (defaultValue keeps t() total).
  return String(t(key, { ...VALIDATION_MESSAGE_PARAMS[key], defaultValue: t("validation.invalid") }));
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  const messages = [...new Set((errors ?? []).map((e) => translateValidationMessage(t, e)))];
  // Always rendered, so a screen reader announces errors as they appear, with room for one line: an
  // error shown on blur does not move the submit button away from a click already under way.
  return (
    <div aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
      {messages.length > 0 ? (
        <ul id={id} className="space-y-0.5">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

type InputType = "email" | "password" | "text" | "date";

/** A text input bound to a conform field: its name, id, constraints, value after a failed submit. */
export function Field({
  label,
  meta,
  type = "text",
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "defaultValue" | "value"> & {
  label: string;
  meta: FieldMetadata<string | undefined>;
  type?: InputType;
}) {
  const { key, ...props } = getInputProps(meta, { type, ariaAttributes: true });
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input key={key} {...props} {...input} className={inputClass} />
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A read-only value shown like a field (not submitted, nothing to validate). */
export function ReadOnlyField({
  id,
  label,
  value,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; value: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} value={value} readOnly {...input} className={inputClass} />
    </div>
  );
}

export function SelectField({
  label,
  meta,
  options,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "defaultValue" | "value"> & {
  label: string;
  meta: FieldMetadata<string | undefined>;
  options: { value: string; label: string }[];
}) {
  const { key, ...props } = getSelectProps(meta, { ariaAttributes: true });
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select key={key} {...props} {...select} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** The form-level errors of a conform form, or one message, as an alert. */
export function FormError({
  form,
  message,
}: {
  form?: Pick<FormMetadata, "errors" | "errorId">;
  message?: string | null;
}) {
  const { t } = useTranslation();
  // A form-level error from a schema (the browser's parse) is still a key; a server rule's is words.
  const messages = (message ? [message] : (form?.errors ?? [])).map((m) =>
    m.startsWith("validation.") ? translateValidationMessage(t, m) : m,
  );
  if (messages.length === 0) return null;
  return (
    <div
      id={form?.errorId}
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

/** True while this form (identified by its intent, or any form when omitted) is submitting. */
export function useIsSubmitting(intent?: string): boolean {
  const navigation = useNavigation();
  if (navigation.state === "idle" || !navigation.formData) return false;
  return intent === undefined || navigation.formData.get("intent") === intent;
}

/**
 * A conform form validated by its zod schema in the browser (on blur, then on input) with the same
 * schema the action parses; `lastResult` is the action's `submission.reply()`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform types a form by any record of fields
export function useValidatedForm<Schema extends z.ZodType<Record<string, any>, Record<string, any>>>(
  schema: Schema,
  options: {
    id: string;
    lastResult?: SubmissionResult<string[]> | null;
    defaultValue?: Record<string, unknown>;
  },
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue as never,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

/** The compact input class of GET filter forms (lists, the audit trail). */
export const filterInputClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/** A labelled input of a GET filter form; its name is its id, its value comes back from the URL. */
export function FilterInput({
  id,
  label,
  type = "text",
  defaultValue,
  error,
  ...rest
}: {
  id: string;
  label: string;
  type?: string;
  defaultValue?: string | null;
  inputMode?: "decimal";
  placeholder?: string;
  autoComplete?: string;
  /** The message of a value the server could not use (already in words). */
  error?: string | null;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={id}
        type={type}
        defaultValue={defaultValue ?? ""}
        className={`${filterInputClass} aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-600`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...rest}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled select of a GET filter form; an empty first option (when given) means "any". */
export function FilterSelect({
  id,
  label,
  defaultValue,
  anyLabel,
  options,
}: {
  id: string;
  label: string;
  defaultValue?: string | null;
  anyLabel?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} name={id} defaultValue={defaultValue ?? ""} className={filterInputClass}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The frame of a GET filter form (lists, queues, the audit trail): a titled form (the title for
 * screen readers), its fields in a responsive grid, then `actions` (apply, clear) below.
 */
export function FilterForm({
  id,
  title,
  actions,
  children,
}: {
  /** The id of the form's (visually hidden) title. */
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Form method="get" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={id}>
      <h2 id={id} className="sr-only">
        {title}
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">{children}</div>
      {actions ? <div className="mt-4 flex flex-wrap gap-2">{actions}</div> : null}
    </Form>
  );
}

/**
 * The "from" and "to" dates of a compact GET filter row (the cheque pages), named `from` and `to`,
 * with ids `${idPrefix}-from` and `${idPrefix}-to`.
 */
export function InlineDateRange({ idPrefix, from, to }: { idPrefix: string; from?: string; to?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {(
        [
          ["from", from, t("cheques.from")],
          ["to", to, t("cheques.to")],
        ] as const
      ).map(([name, value, label]) => (
        <div key={name}>
          <label htmlFor={`${idPrefix}-${name}`} className="block text-sm font-medium text-slate-800">
            {label}
          </label>
          <input
            id={`${idPrefix}-${name}`}
            name={name}
            type="date"
            defaultValue={value}
            className="mt-1 block rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
          />
        </div>
      ))}
    </>
  );
}
