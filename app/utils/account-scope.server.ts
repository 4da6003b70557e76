// The account pages (home, invoices, statement, downloads) serve customers in /portal and staff in
// /staff/accounts/:accountId. Both resolve to one scope: the account IDs every query is limited to,
// where links point, and the language and formatting locale of the reader.
import { redirect } from "@remix-run/node";
import { type Actor } from "~/domain/audit/record-audit-events.server";
import type { LedgerVersions } from "~/domain/ledger/ledger-cache.server";
import type { Country } from "~/domain/vocabulary";
import { actorFor } from "./auth.server";
import { type Language, formattingLocale } from "./i18n";
import { getLanguage } from "./language.server";
import { notFound, requireCustomerContext, requireStaffAccount } from "./permissions.server";

export interface AccountScope {
  side: "portal" | "staff";
  /** Every customer-data query of the page is limited to these. */
  accountIds: string[];
  /** The account a single-account page is about (statement, users); null in a customer's group view. */
  accountId: string | null;
  /** Prefix of this scope's links: "/portal" or "/staff/accounts/<id>". */
  basePath: string;
  language: Language;
  /** Intl locale for dates and money: es-MX / es-CO by the seller's country, or en-US. */
  locale: string;
  country: Country;
  timeZone: string;
  user: { id: string; email: string; name: string };
  actor: Actor;
  /** The accounts' ledger versions, read with the session: pass them to the domain reads (page cache). */
  ledgerVersions: LedgerVersions;
}

export async function requirePortalScope(request: Request): Promise<AccountScope> {
  const { user, selection, accountIds, ledgerVersions } = await requireCustomerContext(request);
  const grant = selection.kind === "account" ? selection.grant : selection.grants[0];
  const language = await getLanguage(request, user);
  return {
    side: "portal",
    accountIds,
    accountId: selection.kind === "account" ? grant.accountId : null,
    basePath: "/portal",
    language,
    locale: formattingLocale(language, grant.country),
    country: grant.country,
    timeZone: grant.timeZone,
    user,
    actor: actorFor(request, user),
    ledgerVersions,
  };
}

export async function requireStaffScope(request: Request, accountId: string | undefined): Promise<AccountScope> {
  if (!accountId) notFound();
  const { user, account } = await requireStaffAccount(request, accountId);
  const seller = account.seller;
  const language = await getLanguage(request, user);
  return {
    side: "staff",
    accountIds: [accountId],
    accountId,
    basePath: `/staff/accounts/${accountId}`,
    language,
    locale: formattingLocale(language, seller.country),
    country: seller.country,
    timeZone: seller.timeZone,
    user,
    actor: actorFor(request, user),
    ledgerVersions: { [accountId]: account.ledgerVersion },
  };
}

/** For single-account pages (statement): a customer in the group view is sent to pick an account. */
export function requireSingleAccount(scope: AccountScope): string {
  if (!scope.accountId) throw redirect(`${scope.basePath}?pick=account`);
  return scope.accountId;
}
