// Page titles from the dictionaries, in the reader's language (the root loader's), on the server and
// in the browser alike: "Cartera · Facturas" / "Cartera · Invoices".
import type { MetaFunction } from "@remix-run/node";
import type { ParseKeys } from "i18next";
import { DEFAULT_LANGUAGE, getFixedT, isLanguage } from "./i18n";

type TitleKey = Extract<ParseKeys, `titles.${string}`>;

export function pageTitle(key: TitleKey): MetaFunction {
  return ({ matches }) => {
    const root = matches.find((match) => match.id === "root")?.data as { language?: unknown } | undefined;
    const t = getFixedT(isLanguage(root?.language) ? root.language : DEFAULT_LANGUAGE);
    return [{ title: `${t("app.name")} · ${t(key)}` }];
  };
}
