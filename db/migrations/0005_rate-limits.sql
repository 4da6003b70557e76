-- Counters of the per-user rate limits (app/utils/rate-limit.server.ts), in the shape rate-limiter-flexible's
-- RateLimiterPostgres uses; created here so every instance finds it, never by the library at run time.
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
