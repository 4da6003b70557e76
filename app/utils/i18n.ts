// Languages, formatting locales and translation functions, shared by server and browser.
import i18next, { type TFunction } from "i18next";
import { type Country, LANGUAGES, type Language } from "~/domain/vocabulary";
import { en } from "~/i18n/en";
import { es } from "~/i18n/es";

export { LANGUAGES, type Language };
export const DEFAULT_LANGUAGE: Language = "es";
export const resources = { es: { translation: es }, en: { translation: en } };

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Formatting locale for Intl: Spanish follows the account's country (es-MX / es-CO); English is en-US. */
export function formattingLocale(language: Language, country: Country | null | undefined): string {
  if (language === "en") return "en-US";
  return country === "CO" ? "es-CO" : "es-MX";
}

const instances = new Map<Language, TFunction>();

/** A translation function fixed to a language, for loaders, actions, emails and PDFs. */
export function getFixedT(language: Language): TFunction {
  let t = instances.get(language);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      resources,
      initImmediate: false,
      interpolation: { escapeValue: false },
    });
    t = instance.t.bind(instance) as TFunction;
    instances.set(language, t);
  }
  return t;
}

// On the server one instance per language serves every render (its language never changes); creating and
// initialising one per request showed in the profile of the account pages. The browser makes its own.
const serverInstances = new Map<Language, ReturnType<typeof i18next.createInstance>>();

export function createI18nInstance(language: Language) {
  if (typeof document === "undefined") {
    let shared = serverInstances.get(language);
    if (!shared) serverInstances.set(language, (shared = newI18nInstance(language)));
    return shared;
  }
  return newI18nInstance(language);
}

function newI18nInstance(language: Language) {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    resources,
    initImmediate: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}

// One formatter per locale: constructing an Intl.DateTimeFormat costs ~0.2 ms, formatting with one ~4 µs,
// and a twelve-month statement formats two dates on each of thousands of rows.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar date (YYYY-MM-DD) formatted for the locale, without shifting it through a time zone. */
export function formatDate(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  let formatter = dateFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    dateFormatters.set(locale, formatter);
  }
  return formatter.format(new Date(Date.UTC(y, m - 1, d)));
}

const quantityFormatters = new Map<string, Intl.NumberFormat>();

/** A stored quantity ("49.0000", "1.5000") as the locale writes it: "49", "1.5" (es-MX), "1,5" (es-CO). */
export function formatQuantity(quantity: string, locale: string): string {
  let formatter = quantityFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
    quantityFormatters.set(locale, formatter);
  }
  // Intl formats the decimal string exactly (no float in between).
  return formatter.format(quantity as unknown as number);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date in a time zone, as YYYY-MM-DD. (One formatter per zone: every page asks.) */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}
