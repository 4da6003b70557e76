// Who may do what (app/domain/identity/permissions.ts): customer users through the role of their grant
// on an account, staff through their staff role. The full matrices, so a permission added to or dropped
// from a role shows up here.
import { describe, expect, it } from "vitest";
import {
  type CustomerPermission,
  GRANT_ROLES,
  type GrantRole,
  grantAllows,
  type StaffPermission,
  type StaffRole,
  staffAccountReach,
  staffAllows,
} from "~/domain/identity/permissions";

const CUSTOMER_PERMISSIONS: CustomerPermission[] = ["read", "pay", "sign", "dispute", "manage_users"];
const STAFF_PERMISSIONS: StaffPermission[] = [
  "read:account",
  "invite:customer_admin",
  "manage:staff",
  "apply:payments",
  "decide:payment_plans",
  "approve:payment_plans",
  "read:signing_settings",
  "manage:signing_settings",
];
const STAFF_ROLES: StaffRole[] = ["collector", "supervisor", "area_owner", "auditor", "admin"];

describe("customer grants", () => {
  const allowed: Record<GrantRole, CustomerPermission[]> = {
    account_admin: ["read", "pay", "sign", "dispute", "manage_users"],
    payer: ["read", "pay", "sign", "dispute"],
    viewer: ["read"],
  };

  it("the grant roles are account admin, payer and viewer", () => {
    expect([...GRANT_ROLES]).toEqual(["account_admin", "payer", "viewer"]);
  });

  it.each(GRANT_ROLES.flatMap((role) => CUSTOMER_PERMISSIONS.map((p) => [role, p] as const)))(
    "%s: %s is allowed only if the role lists it",
    (role, permission) => {
      expect(grantAllows(role, permission)).toBe(allowed[role].includes(permission));
    },
  );

  it("only an account admin manages the account's users", () => {
    expect(GRANT_ROLES.filter((r) => grantAllows(r, "manage_users"))).toEqual(["account_admin"]);
  });

  it("a viewer may read but not pay, sign or dispute", () => {
    expect(CUSTOMER_PERMISSIONS.filter((p) => grantAllows("viewer", p))).toEqual(["read"]);
  });
});

describe("staff roles", () => {
  const allowed: Record<StaffRole, StaffPermission[]> = {
    collector: ["read:account", "invite:customer_admin", "apply:payments", "decide:payment_plans"],
    supervisor: [
      "read:account",
      "invite:customer_admin",
      "apply:payments",
      "decide:payment_plans",
      "approve:payment_plans",
    ],
    area_owner: ["read:account"],
    auditor: ["read:account", "read:signing_settings"],
    admin: [
      "read:account",
      "invite:customer_admin",
      "manage:staff",
      "apply:payments",
      "decide:payment_plans",
      "approve:payment_plans",
      "read:signing_settings",
      "manage:signing_settings",
    ],
  };

  it.each(STAFF_ROLES.flatMap((role) => STAFF_PERMISSIONS.map((p) => [role, p] as const)))(
    "%s: %s is allowed only if the role lists it",
    (role, permission) => {
      expect(staffAllows(role, permission)).toBe(allowed[role].includes(permission));
    },
  );

  it("every staff role reads accounts; only the admin manages staff; the auditor changes nothing", () => {
    expect(STAFF_ROLES.every((r) => staffAllows(r, "read:account"))).toBe(true);
    expect(STAFF_ROLES.filter((r) => staffAllows(r, "manage:staff"))).toEqual(["admin"]);
    expect(STAFF_PERMISSIONS.filter((p) => staffAllows("auditor", p))).toEqual([
      "read:account",
      "read:signing_settings",
    ]);
  });

  it("signing settings: auditors and administrators read them, only administrators change them", () => {
    expect(STAFF_ROLES.filter((r) => staffAllows(r, "read:signing_settings"))).toEqual(["auditor", "admin"]);
    expect(STAFF_ROLES.filter((r) => staffAllows(r, "manage:signing_settings"))).toEqual(["admin"]);
  });

  it("reach: a collector its own portfolio, a supervisor its collectors' portfolios, everyone else all accounts", () => {
    expect(Object.fromEntries(STAFF_ROLES.map((r) => [r, staffAccountReach(r)]))).toEqual({
      collector: "portfolio",
      supervisor: "team",
      area_owner: "all",
      auditor: "all",
      admin: "all",
    });
  });
});
