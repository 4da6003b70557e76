// Where the account switcher lands (utils/portal-paths.ts): the equivalent page of the new selection.
import { describe, expect, it } from "vitest";
import { equivalentPortalPath } from "~/utils/portal-paths";

const group = { kind: "group" as const, canManageUsers: false };
const admin = { kind: "account" as const, canManageUsers: true };
const payer = { kind: "account" as const, canManageUsers: false };

describe("equivalentPortalPath", () => {
  it.each([
    // a detail becomes its list (the document may be another account's), with the list's filters
    ["/portal/documents/abc123", group, "/portal/invoices"],
    [
      "/portal/documents/abc123?back=tab%3Dnotes%26status%3Doverdue",
      payer,
      "/portal/invoices?tab=notes&status=overdue",
    ],
    ["/portal/documents/abc123/pdf", group, "/portal/invoices"],
    // a list stays a list; its page cursor and account filter belong to the old selection
    ["/portal/invoices?status=overdue&after=Zm9v&account=acc1", group, "/portal/invoices?status=overdue"],
    ["/portal/invoices", payer, "/portal/invoices"],
    ["/portal/payments?q=P-1", payer, "/portal/payments?q=P-1"],
    // pages the new selection does not have become the home
    ["/portal/users", group, "/portal"],
    ["/portal/users", payer, "/portal"],
    ["/portal/users", admin, "/portal/users"],
    ["/portal/statement?from=2026-01-01&to=2026-01-31", group, "/portal"],
    ["/portal/statement", payer, "/portal/statement"],
    ["/portal", group, "/portal"],
    ["/portal/no-such-page", payer, "/portal"],
    ["/staff", payer, "/portal"],
    ["https://evil.example/portal/invoices", payer, "/portal"],
  ])("%s → %s", (from, target, expected) => {
    expect(equivalentPortalPath(from, target)).toBe(expected);
  });
});
