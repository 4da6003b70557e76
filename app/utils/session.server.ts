// Cookies: the session token, user preferences (language, selected account) and one-time toasts.
import { createCookie } from "@remix-run/node";
import { SESSION_TTL_MS } from "~/domain/identity/sessions.server";
import { sessionSecrets } from "./env.server";
import { isHttps } from "./request.server";

function makeCookies(name: string, maxAge: number | undefined) {
  const base = { httpOnly: true, sameSite: "lax" as const, path: "/", secrets: sessionSecrets(), maxAge };
  return {
    plain: createCookie(name, { ...base, secure: false }),
    secure: createCookie(name, { ...base, secure: true }),
  };
}

const sessionCookies = makeCookies("cartera_session", SESSION_TTL_MS / 1000);
const prefsCookies = makeCookies("cartera_prefs", 60 * 60 * 24 * 365);
const toastCookies = makeCookies("cartera_toast", 60);

const pick = <T>(pair: { plain: T; secure: T }, request: Request) => (isHttps(request) ? pair.secure : pair.plain);

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await pick(sessionCookies, request).parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function commitSessionToken(request: Request, token: string): Promise<string> {
  return pick(sessionCookies, request).serialize(token);
}

export function clearSessionToken(request: Request): Promise<string> {
  return pick(sessionCookies, request).serialize("", { maxAge: 0 });
}

export interface Preferences {
  language?: "es" | "en";
  /** The selected account ID, or `group:<groupId>` for the group view. */
  selection?: string;
}

export async function readPreferences(request: Request): Promise<Preferences> {
  const value = await pick(prefsCookies, request).parse(request.headers.get("cookie"));
  return value && typeof value === "object" ? (value as Preferences) : {};
}

export async function commitPreferences(request: Request, changes: Preferences): Promise<string> {
  const current = await readPreferences(request);
  return pick(prefsCookies, request).serialize({ ...current, ...changes });
}

/** The raw value of the toast cookie (validated by utils/toast.server.ts), or null when there is none. */
export async function readToastCookie(request: Request): Promise<unknown> {
  const value = await pick(toastCookies, request).parse(request.headers.get("cookie"));
  return value ? (value as unknown) : null;
}

/** Sets the toast cookie, or clears it with null. */
export function serializeToastCookie(request: Request, toast: unknown): Promise<string> {
  return toast === null
    ? pick(toastCookies, request).serialize("", { maxAge: 0 })
    : pick(toastCookies, request).serialize(toast);
}
