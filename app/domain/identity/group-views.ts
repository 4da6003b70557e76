// The group view: a customer granted several accounts of one corporate group may look at them
// together. The one rule: a group is a view only when the customer holds more than one of its
// accounts (with one, the group view would be that account under another name). Pure.
import type { CustomerGrant } from "./account-access.server";

export interface GroupView {
  groupId: string;
  groupName: string;
  grants: CustomerGrant[];
}

/** The group views the customer may choose, in the order of its grants. */
export function listGroupViews(grants: readonly CustomerGrant[]): GroupView[] {
  const byGroup = new Map<string, GroupView>();
  for (const grant of grants) {
    if (!grant.groupId) continue;
    const view = byGroup.get(grant.groupId) ?? { groupId: grant.groupId, groupName: grant.groupName ?? "", grants: [] };
    view.grants.push(grant);
    byGroup.set(grant.groupId, view);
  }
  return [...byGroup.values()].filter((view) => view.grants.length > 1);
}

/** The group view of `groupId`, or null when the customer may not have one. */
export function findGroupView(grants: readonly CustomerGrant[], groupId: string): GroupView | null {
  return listGroupViews(grants).find((view) => view.groupId === groupId) ?? null;
}
