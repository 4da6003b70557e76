import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountSwitchSchema } from "~/utils/preference-schemas";

export interface SwitcherOption {
  value: string;
  label: string;
}

/** Picks the account (or group view) the customer is looking at, on an explicit submit. Works without JavaScript. */
export function AccountSwitcher({ options, value }: { options: SwitcherOption[]; value: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [form] = useForm({
    id: "account-switcher-form",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AccountSwitchSchema }),
  });
  if (options.length < 2) return null;
  return (
    <Form method="post" action="/portal/switch" className="flex min-w-0 items-center gap-1" {...getFormProps(form)}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <label htmlFor="account-switcher" className="sr-only">
        {t("switcher.choose")}
      </label>
      <select
        id="account-switcher"
        name="selection"
        defaultValue={value}
        key={value}
        className="min-w-0 max-w-40 rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 sm:max-w-72"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {/* Choosing an option changes nothing until this is pressed (WCAG 3.2.2): arrow keys only move
          through the options. */}
      <button
        type="submit"
        className="min-h-8 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-brand-600"
      >
        {t("switcher.submit")}
      </button>
    </Form>
  );
}
