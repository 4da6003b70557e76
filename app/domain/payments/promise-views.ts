// The staff promises list's views (read-promises.server.ts reads them). Pure: the page imports it.
export const STAFF_PROMISE_VIEWS = ["today", "week", "pending", "broken", "partly_kept", "kept"] as const;
export type StaffPromiseView = (typeof STAFF_PROMISE_VIEWS)[number];
