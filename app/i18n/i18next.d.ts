// Types every t() key against the Spanish dictionary (the one written first; en.ts has the same shape
// by its type): a key that does not exist, or a dynamic key outside a known set, fails `tsc`.
import "i18next";
import type { es } from "./es";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof es };
  }
}
