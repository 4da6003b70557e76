// Calls Remix loaders and actions directly, as a signed-in user, against the test database; and the
// tenant-isolation check every customer route must pass.
import { expect } from "vitest";
import { createSession } from "~/domain/identity/sessions.server";
import type { Db } from "~/utils/db.server";
import { commitPreferences, commitSessionToken } from "~/utils/session.server";

export const BASE = "http://portal.test";

type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, unknown>;
}) => unknown;

export interface RouteCall {
  method?: "GET" | "POST";
  path: string;
  params?: Record<string, string>;
  form?: Record<string, string>;
  cookie?: string;
  /** Extra request headers (set after the defaults, so they may override Host or Origin). */
  headers?: Record<string, string>;
}

/** Cookie header of a fresh session for the user, optionally with preferences (language, selected account). */
export async function signInCookie(
  db: Db,
  userId: string,
  prefs: { language?: "es" | "en"; selection?: string } = {},
): Promise<string> {
  const { token } = await createSession(db, { userId });
  const base = new Request(BASE);
  const session = (await commitSessionToken(base, token)).split(";")[0];
  const preferences = (await commitPreferences(base, prefs)).split(";")[0];
  return `${session}; ${preferences}`;
}

export function buildRequest(call: RouteCall): Request {
  const method = call.method ?? (call.form ? "POST" : "GET");
  const headers = new Headers({ Origin: BASE, Host: new URL(BASE).host });
  if (call.cookie) headers.set("Cookie", call.cookie);
  for (const [name, value] of Object.entries(call.headers ?? {})) headers.set(name, value);
  return new Request(`${BASE}${call.path}`, {
    method,
    headers,
    body: call.form ? new URLSearchParams(call.form) : undefined,
  });
}

/** Runs a loader or action; a thrown Response is returned like a returned one. */
export async function callRoute(
  handler: Handler,
  call: RouteCall,
): Promise<{ status: number; body: unknown; response?: Response; headers: Headers }> {
  try {
    const result = await handler({ request: buildRequest(call), params: call.params ?? {}, context: {} });
    if (result instanceof Response)
      return { status: result.status, body: await result.clone().text(), response: result, headers: result.headers };
    const maybe = result as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } } | null;
    if (maybe && maybe.type === "DataWithResponseInit")
      return { status: maybe.init?.status ?? 200, body: maybe.data, headers: new Headers(maybe.init?.headers) };
    return { status: 200, body: result, headers: new Headers() };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, body: await thrown.clone().text(), response: thrown, headers: thrown.headers };
    throw thrown;
  }
}

/**
 * Tenant isolation: a customer user of account A asks for account B's resources by ID through a
 * route (loader, action or download). Each attempt must answer 404 (or a redirect away), and nothing
 * it returns may contain any of B's markers (IDs, names, folios).
 */
export async function expectTenantIsolation(input: {
  name: string;
  handler: Handler;
  calls: RouteCall[];
  foreignMarkers: string[];
  allowedStatuses?: number[];
}) {
  const allowed = input.allowedStatuses ?? [404];
  for (const call of input.calls) {
    const result = await callRoute(input.handler, call);
    const text = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
    for (const marker of input.foreignMarkers) {
      expect(text, `${input.name} ${call.method ?? "GET"} ${call.path} leaked ${marker}`).not.toContain(marker);
    }
    if (result.status !== 200) {
      expect(allowed, `${input.name} ${call.method ?? "GET"} ${call.path} answered ${result.status}`).toContain(
        result.status,
      );
    }
  }
}
