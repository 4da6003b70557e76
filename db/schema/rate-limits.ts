// Counters of the per-user rate limits (app/utils/rate-limit.server.ts), shared by every instance on
// PostgreSQL. The shape is the one rate-limiter-flexible's RateLimiterPostgres reads and writes
// (key = "<limiter>:<subject>", points consumed in the window, expire = window end in epoch ms); we
// create the table here so it exists before any request, instead of letting the library create it.
import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});
