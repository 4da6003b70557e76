// Users, their grants on customer accounts, sessions and single-use tokens.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { GRANT_ROLES, LANGUAGES, STAFF_AREAS, STAFF_ROLES, TOKEN_PURPOSES, USER_KINDS } from "~/domain/vocabulary";
import { createdAt, id } from "./_columns";
import { customerAccounts } from "./organization";

export const userKindEnum = pgEnum("user_kind", USER_KINDS);
export const staffRoleEnum = pgEnum("staff_role", STAFF_ROLES);
export const staffAreaEnum = pgEnum("staff_area", STAFF_AREAS);
export const grantRoleEnum = pgEnum("grant_role", GRANT_ROLES);
export const tokenPurposeEnum = pgEnum("token_purpose", TOKEN_PURPOSES);
export const languageEnum = pgEnum("language", LANGUAGES);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    kind: userKindEnum("kind").notNull(),
    staffRole: staffRoleEnum("staff_role"),
    staffArea: staffAreaEnum("staff_area"),
    supervisorId: text("supervisor_id").references((): AnyPgColumn => users.id),
    language: languageEnum("language"),
    disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_uq").on(sql`lower(${t.email})`)],
);

export const accountGrants = pgTable(
  "account_grants",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    accountId: text("account_id")
      .notNull()
      .references(() => customerAccounts.id),
    role: grantRoleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.accountId] }), index("account_grants_account_idx").on(t.accountId)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const userTokens = pgTable(
  "user_tokens",
  {
    id: id(),
    purpose: tokenPurposeEnum("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdById: text("created_by_id").references(() => users.id),
    payload: jsonb("payload"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId)],
);

/**
 * Sign-in attempts: the throttling budgets (per user and source, per user, per source) are counted
 * from these rows (domain/identity/sign-in.server.ts). `email` is as typed, lower-cased, whether or
 * not such a user exists; `succeeded` 1 also marks a completed password reset.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id(),
    ip: text("ip").notNull(),
    email: text("email").notNull(),
    succeeded: integer("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_ip_at_idx").on(t.ip, t.at), index("login_attempts_email_at_idx").on(t.email, t.at)],
);
