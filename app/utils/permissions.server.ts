// Permission checks for loaders and actions. The UI may hide what is not allowed, but these are what
// refuse it. A customer asking for an account it was not granted gets 404, never a hint it exists.
import { type CustomerGrant, getStaffReachableAccount } from "~/domain/identity/account-access.server";
import { type CustomerPermission, type StaffPermission, grantAllows, staffAllows } from "~/domain/identity/permissions";
import { type LedgerVersions, ledgerVersionsOf } from "~/domain/ledger/ledger-cache.server";
import { type CustomerUser, type StaffUser, getIdentity, requireCustomerUser, requireStaffUser } from "./auth.server";
import { getDb } from "./db.server";
import { isId } from "./input";
import { perRequest } from "./request-cache.server";
import { readPreferences } from "./session.server";

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export interface CustomerContext {
  user: CustomerUser;
  grants: CustomerGrant[];
  /** What the user is looking at: one account, or a group of its accounts. */
  selection:
    | { kind: "account"; grant: CustomerGrant }
    | { kind: "group"; groupId: string; groupName: string; grants: CustomerGrant[] };
  /** The accounts of the current selection: the scope of every customer-data query on the page. */
  accountIds: string[];
  /** The ledger versions of the granted accounts, read with the session (keys of the page cache). */
  ledgerVersions: LedgerVersions;
}

/** The signed-in customer, its grants and current selection (from the switcher), all scoped. */
export async function requireCustomerContext(request: Request): Promise<CustomerContext> {
  const user = await requireCustomerUser(request);
  const grants = (await getIdentity(request))?.grants ?? [];
  if (grants.length === 0) forbidden();
  const { selection: wanted } = await readPreferences(request);
  if (wanted?.startsWith("group:")) {
    const groupId = wanted.slice("group:".length);
    const inGroup = grants.filter((g) => g.groupId === groupId);
    if (inGroup.length > 1) {
      return {
        user,
        grants,
        selection: { kind: "group", groupId, groupName: inGroup[0].groupName ?? "", grants: inGroup },
        accountIds: inGroup.map((g) => g.accountId),
        ledgerVersions: ledgerVersionsOf(grants),
      };
    }
  }
  const grant = grants.find((g) => g.accountId === wanted) ?? grants[0];
  return {
    user,
    grants,
    selection: { kind: "account", grant },
    accountIds: [grant.accountId],
    ledgerVersions: ledgerVersionsOf(grants),
  };
}

/** The customer's grant on one account with a permission; 404 when not granted, 403 when the role lacks it. */
export async function requireCustomerPermission(request: Request, accountId: string, permission: CustomerPermission) {
  const context = await requireCustomerContext(request);
  const grant = context.grants.find((g) => g.accountId === accountId);
  if (!grant) notFound();
  if (!grantAllows(grant.role, permission)) forbidden();
  return { ...context, grant };
}

/** A staff member with a permission; 403 otherwise. */
export async function requireStaffPermission(request: Request, permission: StaffPermission): Promise<StaffUser> {
  const user = await requireStaffUser(request);
  if (!staffAllows(user.staffRole, permission)) forbidden();
  return user;
}

/**
 * A staff member who reaches the account (its portfolio, team, or all), with the account and its
 * seller; 404 outside its reach, and for an account ID of a shape no row can have (checked before the
 * query, which a NUL byte would fail). The reach is read once per request, however many loaders ask.
 */
export async function requireStaffAccount(
  request: Request,
  accountId: string,
  permission: StaffPermission = "read:account",
) {
  const user = await requireStaffPermission(request, permission);
  if (!isId(accountId)) notFound();
  const account = await perRequest(request, `staff-account:${accountId}`, async () =>
    getStaffReachableAccount(await getDb(), user, accountId),
  );
  if (!account) notFound();
  return { user, account };
}

/** A staff member who reaches the account; 404 outside its reach. */
export async function requireStaffAccountAccess(
  request: Request,
  accountId: string,
  permission: StaffPermission = "read:account",
) {
  return (await requireStaffAccount(request, accountId, permission)).user;
}
