// Where the account switcher lands: the page of the new selection that matches the one the customer
// was on. A list stays a list (its filters kept, its page cursor and account filter dropped: they
// belong to the old selection); a detail becomes its list (the document may be another account's);
// a page the new selection has no such page for (statement or users in the group view, users
// without the permission) becomes the home. Never a foreign detail, never a 404.

/** Portal pages that exist for any selection, by their first path segment. */
const LIST_PAGES = new Set(["invoices", "payments"]);
/** Detail segments and the list they belong to. */
const DETAIL_LISTS: Record<string, string> = { documents: "invoices", payments: "payments" };
/** List query params that belong to the selection switched away from. */
const SELECTION_PARAMS = ["after", "before", "account"];

export function equivalentPortalPath(
  redirectTo: string,
  target: { kind: "account" | "group"; canManageUsers: boolean },
): string {
  let url: URL;
  try {
    url = new URL(redirectTo, "http://portal.invalid");
  } catch {
    return "/portal";
  }
  if (url.origin !== "http://portal.invalid") return "/portal";
  const [root, first, ...rest] = url.pathname.split("/").filter(Boolean);
  if (root !== "portal" || !first) return "/portal";
  if (rest.length === 0 && LIST_PAGES.has(first)) {
    for (const key of SELECTION_PARAMS) url.searchParams.delete(key);
    const search = url.searchParams.toString();
    return `/portal/${first}${search ? `?${search}` : ""}`;
  }
  if (DETAIL_LISTS[first]) {
    // A detail's list, with the list's filters the detail carried back ("Volver a la lista").
    const back = new URLSearchParams(url.searchParams.get("back") ?? "");
    for (const key of SELECTION_PARAMS) back.delete(key);
    const search = back.toString();
    return `/portal/${DETAIL_LISTS[first]}${search ? `?${search}` : ""}`;
  }
  if (rest.length === 0 && first === "statement" && target.kind === "account") return "/portal/statement";
  if (rest.length === 0 && first === "users" && target.kind === "account" && target.canManageUsers)
    return "/portal/users";
  return "/portal";
}
