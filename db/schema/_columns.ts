// Column helpers shared by every schema file: random IDs, exact money, timestamps.
import { createId } from "@paralleldrive/cuid2";
import { numeric, text, timestamp } from "drizzle-orm/pg-core";

/** Random, non-guessable primary key (cuid2). */
export const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => createId());

/** Money: numeric(18,2), read and written as exact decimal strings. */
export const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
