// The group view rule, in one place: a group is a view only for a customer holding more than one of
// its accounts. The switcher's options, the switch action and the page scope all ask it.
import { describe, expect, it } from "vitest";
import type { CustomerGrant } from "~/domain/identity/account-access.server";
import { findGroupView, listGroupViews } from "~/domain/identity/group-views";

const grant = (accountId: string, groupId: string | null): CustomerGrant => ({
  accountId,
  role: "viewer",
  number: accountId.toUpperCase(),
  legalName: `Cliente ${accountId}`,
  groupId,
  groupName: groupId ? `Grupo ${groupId}` : null,
  country: "MX",
  currency: "MXN",
  timeZone: "America/Mexico_City",
  ledgerVersion: "1",
});

describe("group views", () => {
  const grants = [grant("a1", "g1"), grant("a2", "g2"), grant("a3", "g1"), grant("a4", null)];
  it("lists only the groups with more than one granted account", () => {
    expect(listGroupViews(grants)).toEqual([{ groupId: "g1", groupName: "Grupo g1", grants: [grants[0], grants[2]] }]);
  });
  it("finds a group view only where the customer holds two or more of its accounts", () => {
    expect(findGroupView(grants, "g1")?.grants.map((g) => g.accountId)).toEqual(["a1", "a3"]);
    expect(findGroupView(grants, "g2")).toBeNull();
    expect(findGroupView(grants, "unknown")).toBeNull();
    expect(findGroupView([], "g1")).toBeNull();
  });
});
