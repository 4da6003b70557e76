// Who may do what. Customer users act through grants on accounts; staff through their role.
// Pure rules: the HTTP layer (app/utils/permissions.server.ts) applies them on every loader and action.

import { GRANT_ROLES, type GrantRole, STAFF_ROLES, type StaffRole } from "~/domain/vocabulary";

export { GRANT_ROLES, type GrantRole, STAFF_ROLES, type StaffRole };

export type CustomerPermission = "read" | "pay" | "sign" | "dispute" | "manage_users";

const GRANT_PERMISSIONS: Record<GrantRole, readonly CustomerPermission[]> = {
  account_admin: ["read", "pay", "sign", "dispute", "manage_users"],
  payer: ["read", "pay", "sign", "dispute"],
  viewer: ["read"],
};

export function grantAllows(role: GrantRole, permission: CustomerPermission): boolean {
  return GRANT_PERMISSIONS[role].includes(permission);
}

/** The grant roles that may sign (reconciliations, minutes): who an envelope is sent to. */
export const SIGNING_GRANT_ROLES: readonly GrantRole[] = GRANT_ROLES.filter((r) => grantAllows(r, "sign"));

/**
 * read:audit is the audit trail of every account and user: auditors and administrators only.
 * read:claims_dashboard is the SLA dashboard of every claim (the escalation levels and those who read);
 * manage:tasks the dead scheduled tasks and their retry (administrators).
 * send:reconciliation: prepare and send balance reconciliations (collectors, supervisors, administrators).
 * apply:payments: confirm, reject and apply registered payments, and enter manual receipts (cash application).
 * decide:payment_plans: accept, counter or reject a customer's payment plan (the collector's decision).
 * approve:payment_plans: approve or reject a plan the collector accepted above the seller's amount
 * (supervisors and administrators: "revisar negociaciones y propuestas de pago con jefe inmediato").
 * read:signing_settings / manage:signing_settings: each seller's signing reminders and expiry (auditors
 * and administrators read them; administrators change them).
 */
export type StaffPermission =
  | "read:account"
  | "invite:customer_admin"
  | "manage:staff"
  | "read:audit"
  | "read:claims_dashboard"
  | "manage:tasks"
  | "send:reconciliation"
  | "apply:payments"
  | "decide:payment_plans"
  | "approve:payment_plans"
  | "read:signing_settings"
  | "manage:signing_settings";

const STAFF_PERMISSIONS: Record<StaffRole, readonly StaffPermission[]> = {
  collector: ["read:account", "invite:customer_admin", "send:reconciliation", "apply:payments", "decide:payment_plans"],
  supervisor: [
    "read:account",
    "invite:customer_admin",
    "read:claims_dashboard",
    "send:reconciliation",
    "apply:payments",
    "decide:payment_plans",
    "approve:payment_plans",
  ],
  area_owner: ["read:account", "read:claims_dashboard"],
  auditor: ["read:account", "read:audit", "read:claims_dashboard", "read:signing_settings"],
  admin: [
    "read:account",
    "invite:customer_admin",
    "manage:staff",
    "read:audit",
    "read:claims_dashboard",
    "manage:tasks",
    "send:reconciliation",
    "apply:payments",
    "decide:payment_plans",
    "approve:payment_plans",
    "read:signing_settings",
    "manage:signing_settings",
  ],
};

export function staffAllows(role: StaffRole, permission: StaffPermission): boolean {
  return STAFF_PERMISSIONS[role].includes(permission);
}

/** Which accounts a staff role reaches: its own portfolio, its collectors' portfolios, or every account. */
export function staffAccountReach(role: StaffRole): "portfolio" | "team" | "all" {
  if (role === "collector") return "portfolio";
  if (role === "supervisor") return "team";
  return "all";
}
