import type { TFunction } from "i18next";
import { DEFAULT_LANGUAGE, type Language, getFixedT, isLanguage } from "./i18n";
import { readPreferences } from "./session.server";

/** The request's language: the remembered switch, else the user's saved preference, else Spanish. */
export async function getLanguage(request: Request, user?: { language: string | null } | null): Promise<Language> {
  const prefs = await readPreferences(request);
  if (isLanguage(prefs.language)) return prefs.language;
  if (isLanguage(user?.language)) return user.language;
  return DEFAULT_LANGUAGE;
}

export async function getRequestT(
  request: Request,
  user?: { language: string | null } | null,
): Promise<{ language: Language; t: TFunction }> {
  const language = await getLanguage(request, user);
  return { language, t: getFixedT(language) };
}
