// The account pages (home, invoices, statement, downloads) serve customers in /portal and staff in
// /staff/accounts/:accountId. Both resolve to one scope: the account IDs every query is limited to,
// where links point, and the language and formatting locale of the reader.
import { redirect } from "@remix-run/node";
import { type Actor } from "~/domain/audit/record-audit-events.server";
import type { CustomerGrant } from "~/domain/identity/account-access.server";
import type { StaffPermission } from "~/domain/identity/permissions";
import type { LedgerVersions } from "~/domain/ledger/ledger-cache.server";
import type { Country, StaffRole } from "~/domain/vocabulary";
import { actorFor } from "./auth.server";
import { type Language, formattingLocale } from "./i18n";
import { getLanguage } from "./language.server";
import { notFound, requireCustomerContext, requireStaffAccount } from "./permissions.server";

interface ScopeBase {
  /** Every customer-data query of the page is limited to these. */
  accountIds: string[];
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

/** A customer looking at one of its accounts, through its grant on it. */
export interface PortalAccountScope extends ScopeBase {
  side: "portal";
  view: "account";
  accountId: string;
  grant: CustomerGrant;
}

/** A customer looking at a group of its accounts (more than one grant in the group): no single account. */
export interface PortalGroupScope extends ScopeBase {
  side: "portal";
  view: "group";
  accountId: null;
  groupName: string;
}

/** A staff member on a customer's pages (/staff/accounts/:accountId), within its reach. */
export interface StaffAccountScope extends ScopeBase {
  side: "staff";
  view: "account";
  accountId: string;
  staffRole: StaffRole;
  account: { id: string; number: string; legalName: string };
}

/** Who reads an account page and what it may see: the account pages take this, whichever side asks. */
export type AccountScope = PortalAccountScope | PortalGroupScope | StaffAccountScope;
/** A scope about exactly one account (every staff scope; a customer's outside the group view). */
export type SingleAccountScope = PortalAccountScope | StaffAccountScope;

export async function requirePortalScope(request: Request): Promise<PortalAccountScope | PortalGroupScope> {
  const { user, selection, accountIds, ledgerVersions } = await requireCustomerContext(request);
  const grant = selection.kind === "account" ? selection.grant : selection.grants[0];
  const language = await getLanguage(request, user);
  const base = {
    side: "portal" as const,
    accountIds,
    basePath: "/portal",
    language,
    locale: formattingLocale(language, grant.country),
    country: grant.country,
    timeZone: grant.timeZone,
    user,
    actor: actorFor(request, user),
    ledgerVersions,
  };
  return selection.kind === "account"
    ? { ...base, view: "account", accountId: grant.accountId, grant }
    : { ...base, view: "group", accountId: null, groupName: selection.groupName };
}

export async function requireStaffScope(
  request: Request,
  accountId: string | undefined,
  permission?: StaffPermission,
): Promise<StaffAccountScope> {
  if (!accountId) notFound();
  const { user, account } = await requireStaffAccount(request, accountId, permission);
  const seller = account.seller;
  const language = await getLanguage(request, user);
  return {
    side: "staff",
    view: "account",
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
    staffRole: user.staffRole,
    account: { id: account.id, number: account.number, legalName: account.legalName },
  };
}

/** For single-account pages (statement): a customer in the group view is sent to pick an account. */
export function requireSingleAccount(scope: AccountScope): SingleAccountScope {
  if (scope.view === "group") throw redirect(`${scope.basePath}?pick=account`);
  return scope;
}
