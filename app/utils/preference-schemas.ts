// Form schemas of the language switch and the account switcher, shared by the browser (conform) and
// their actions. Where the switch goes next (redirectTo) is checked by safeRedirect, not here.
import { z } from "zod";
import { LANGUAGES } from "~/domain/vocabulary";

export const LanguageSwitchSchema = z.object({
  language: z.enum(LANGUAGES, { error: "validation.invalid" }),
  redirectTo: z.string().optional(),
});

/** An account ID or "group:<group ID>"; whether the user may see it is the action's check. */
export const AccountSwitchSchema = z.object({
  selection: z.string({ error: "validation.required" }).min(1, "validation.required").max(80, "validation.invalid"),
  redirectTo: z.string().optional(),
});
