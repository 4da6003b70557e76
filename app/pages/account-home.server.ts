// The account home: balance, aging, credit line, what falls due, recent activity and pending promises,
// for one account or a customer's group view. The customer's /portal and the staff customer page
// (/staff/accounts/:id) load it through their scope; the reads go through the page cache (the scope's
// ledger versions), so a cached home is one query.
import { getAccountActivity } from "~/domain/accounts/get-account-activity.server";
import { getAccountOverview } from "~/domain/accounts/get-account-overview.server";
import { presentPendingPromises } from "~/domain/payments/present-pending-promises.server";
import type { AccountScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/permissions.server";

export async function load(_request: Request, scope: AccountScope) {
  const db = await getDb();
  const cache = { ledgerVersions: scope.ledgerVersions };
  const overview = await getAccountOverview(db, { accountIds: scope.accountIds }, cache);
  if (overview.accounts.length === 0 || !overview.asOf) notFound();
  return {
    overview,
    activity: await getAccountActivity(db, { accountIds: scope.accountIds, asOf: overview.asOf }, cache),
    // Cached with the ledger's figures: a promise recorded, settled or withdrawn bumps the version (0018).
    promises: await presentPendingPromises(db, scope.accountIds, scope.locale, scope.ledgerVersions),
    basePath: scope.basePath,
    language: scope.language,
    group: scope.view === "group" ? scope.groupName : null,
    promisesTo: scope.side === "portal" ? "/portal/promises" : "/staff/promises?view=pending",
  };
}

export type AccountHomeData = Awaited<ReturnType<typeof load>>;
