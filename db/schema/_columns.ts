// Column helpers shared by every schema file: random IDs, exact money, timestamps.
import { numeric, text, timestamp } from "drizzle-orm/pg-core";

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * A random, non-guessable ID shaped like a cuid2 (24 lowercase base-36 characters, starting with a
 * letter; ~119 random bits from the platform CSPRNG). Not cuid2's createId itself: that one hashes
 * with SHA-3 and BigNumber and costs ~0.6 ms per call, which dominated every bulk insert (lines,
 * applications, audit events).
 */
export function createRandomId(): string {
  let id = ID_ALPHABET[10 + (nextRandomByte() % 26)];
  while (id.length < 24) {
    const b = nextRandomByte();
    // Rejection sampling (bytes < 252 = 7 × 36) keeps every character uniform.
    if (b < 252) id += ID_ALPHABET[b % 36];
  }
  return id;
}

// CSPRNG bytes drawn in blocks (one getRandomValues call per block, not per ID); each byte is used once.
const pool = new Uint8Array(4096);
let poolIndex = pool.length;
function nextRandomByte(): number {
  if (poolIndex === pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolIndex = 0;
  }
  return pool[poolIndex++];
}

/** Random, non-guessable primary key (see createRandomId). */
export const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => createRandomId());

/** Money: numeric(18,2), read and written as exact decimal strings. */
export const money = (name: string) => numeric(name, { precision: 18, scale: 2 });

export const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
