// Database enums, each built from its list in app/domain/vocabulary.ts (one definition per concept).
import { pgEnum } from "drizzle-orm/pg-core";
import {
  ACCOUNT_STATUSES,
  COUNTRIES,
  CURRENCIES,
  DOCUMENT_EFFECTS,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  FILE_ROLES,
  SEGMENTS,
} from "~/domain/vocabulary";

export const countryEnum = pgEnum("country", COUNTRIES);
export const currencyEnum = pgEnum("currency", CURRENCIES);
export const segmentEnum = pgEnum("segment", SEGMENTS);
export const accountStatusEnum = pgEnum("account_status", ACCOUNT_STATUSES);
export const documentKindEnum = pgEnum("document_kind", DOCUMENT_KINDS);
export const documentEffectEnum = pgEnum("document_effect", DOCUMENT_EFFECTS);
export const documentStatusEnum = pgEnum("document_status", DOCUMENT_STATUSES);
export const fileRoleEnum = pgEnum("file_role", FILE_ROLES);
