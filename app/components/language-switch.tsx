import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitchSchema } from "~/utils/preference-schemas";

/** Switches between Spanish and English; the choice is remembered in a cookie and on the user. */
export function LanguageSwitch({ className = "" }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const next = i18n.language === "en" ? "es" : "en";
  const [form] = useForm({
    id: "language-switch",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LanguageSwitchSchema }),
  });
  return (
    <Form method="post" action="/language" className={className} {...getFormProps(form)}>
      <input type="hidden" name="language" value={next} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button
        type="submit"
        lang={next}
        className="rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-100"
        aria-label={`${t("language.label")}: ${t("language.switchTo")}`}
      >
        {t("language.switchTo")}
      </button>
    </Form>
  );
}
