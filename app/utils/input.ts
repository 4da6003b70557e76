// Shapes of values that arrive from outside (path params, query params, form fields), checked at the
// edge so nothing PostgreSQL refuses (a NUL byte in text) or cannot match (an over-long or odd ID)
// reaches a query. Shared by server code and zod schemas the browser also imports: no server imports.
import { z } from "zod";

/**
 * Any ID this database holds. Rows get createRandomId() (db/schema/_columns.ts: cuid2-shaped, 24
 * lowercase base-36 characters); the bench data (bench/scale-seed.ts, bench/account-pages.ts) inserts
 * crypto.randomUUID() values (36 characters with hyphens); cuid2's own createId makes 2–32 characters.
 * So: 1–64 ASCII letters, digits, "-" or "_" — which keeps out NUL and every other control character,
 * spaces, slashes and quotes. A value of another shape cannot name a row: it answers like an unknown ID.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const IdSchema = z.string().regex(ID_PATTERN);

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** A route's ID param: one of the wrong shape is not found, like an unknown one (never a 500). */
export function requireIdParam(value: string | undefined): string {
  if (!isId(value)) throw new Response("Not found", { status: 404 });
  return value;
}

/** C0 controls (NUL, CR, LF, TAB…) and DEL: never part of a search, an ID or a URL path. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** One line of text typed into a search box: at most `max` characters, no control characters. */
export const searchText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !hasControlCharacters(v), { message: "control" });
