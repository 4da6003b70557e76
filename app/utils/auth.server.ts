// Who is asking: the signed-in user from the session cookie. `get…` may return null; `require…`
// throws a redirect to the login page (or 403/404 responses).
import { redirect } from "@remix-run/node";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import type { StaffRole } from "~/domain/identity/permissions";
import { type SessionIdentity, type SessionUser, getSessionIdentity } from "~/domain/identity/sessions.server";
import { getDb } from "./db.server";
import { perRequest } from "./request-cache.server";
import { assertSameOrigin, getClientIp } from "./request.server";
import { readSessionToken } from "./session.server";

export type User = NonNullable<SessionUser>;
export type StaffUser = User & { kind: "staff"; staffRole: StaffRole };
export type CustomerUser = User & { kind: "customer" };

/**
 * The session's user and (customers) grants, read in one round trip, once per request: the root,
 * layout and page loaders share it (utils/request-cache.server.ts).
 */
export function getIdentity(request: Request): Promise<SessionIdentity | null> {
  return perRequest(request, "identity", async () => {
    const token = await readSessionToken(request);
    return token ? getSessionIdentity(await getDb(), token) : null;
  });
}

export async function getUser(request: Request): Promise<User | null> {
  return (await getIdentity(request))?.user ?? null;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** Every loader and action of a signed-in page starts here; actions also get the same-origin check. */
export async function requireUser(request: Request): Promise<User> {
  assertSameOrigin(request);
  const user = await getUser(request);
  if (!user) loginRedirect(request);
  return user;
}

/** Customers only: staff are sent to their own side. */
export async function requireCustomerUser(request: Request): Promise<CustomerUser> {
  const user = await requireUser(request);
  if (user.kind !== "customer") throw redirect("/staff");
  return user as CustomerUser;
}

/** Staff only: customers are sent to their portal. */
export async function requireStaffUser(request: Request): Promise<StaffUser> {
  const user = await requireUser(request);
  if (user.kind !== "staff" || !user.staffRole) throw redirect("/portal");
  return user as StaffUser;
}

export function homePathFor(user: { kind: "customer" | "staff" }): string {
  return user.kind === "staff" ? "/staff" : "/portal";
}

/** The audit actor for a request: the user, its IP and user agent. */
export function actorFor(request: Request, user: { id: string; email: string } | null): Actor {
  return {
    userId: user?.id ?? null,
    label: user?.email ?? "anonymous",
    ip: getClientIp(request),
    userAgent: request.headers.get("user-agent"),
  };
}
