// The accounts a user may see. Every customer-data query is scoped by these IDs.
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import {
  ACCENTED,
  UNACCENTED,
  accountGrants,
  customerAccounts,
  customerGroups,
  sellers,
  users,
  zones,
} from "#db/schema";
import type { Country, Currency } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { type GrantRole, type StaffRole, staffAccountReach } from "./permissions";

export interface CustomerGrant {
  accountId: string;
  role: GrantRole;
  number: string;
  legalName: string;
  groupId: string | null;
  groupName: string | null;
  country: Country;
  currency: Currency;
  timeZone: string;
  /** customer_accounts.ledger_version as read with the session: keys the page cache (ledger-cache.server.ts). */
  ledgerVersion: string;
}

export async function listCustomerGrants(db: DbOrTx, userId: string): Promise<CustomerGrant[]> {
  return db
    .select({
      accountId: accountGrants.accountId,
      role: accountGrants.role,
      number: customerAccounts.number,
      legalName: customerAccounts.legalName,
      groupId: customerAccounts.groupId,
      groupName: customerGroups.name,
      country: sellers.country,
      currency: customerAccounts.currency,
      timeZone: sellers.timeZone,
      ledgerVersion: sql<string>`${customerAccounts.ledgerVersion}::text`,
    })
    .from(accountGrants)
    .innerJoin(customerAccounts, eq(customerAccounts.id, accountGrants.accountId))
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .leftJoin(customerGroups, eq(customerGroups.id, customerAccounts.groupId))
    .where(eq(accountGrants.userId, userId))
    .orderBy(asc(customerAccounts.number));
}

/** SQL condition limiting customer_accounts to what a staff member reaches. */
export function staffScope(staff: { id: string; staffRole: StaffRole }) {
  const reach = staffAccountReach(staff.staffRole);
  if (reach === "portfolio") return eq(customerAccounts.collectorId, staff.id);
  if (reach === "team")
    return or(
      eq(customerAccounts.collectorId, staff.id),
      inArray(
        customerAccounts.collectorId,
        sql`(select ${users.id} from ${users} where ${users.supervisorId} = ${staff.id})`,
      ),
    );
  return undefined;
}

/** The account with its seller when the staff member reaches it; null otherwise (one query). */
export async function getStaffReachableAccount(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  accountId: string,
) {
  const [row] = await db
    .select({
      id: customerAccounts.id,
      number: customerAccounts.number,
      legalName: customerAccounts.legalName,
      ledgerVersion: sql<string>`${customerAccounts.ledgerVersion}::text`,
      seller: {
        id: sellers.id,
        country: sellers.country,
        timeZone: sellers.timeZone,
        legalName: sellers.legalName,
      },
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(and(eq(customerAccounts.id, accountId), staffScope(staff)));
  return row ?? null;
}

/** Customer accounts a staff member reaches, filtered by a text search, for the staff customer search. */
const FOLD = new Map([...ACCENTED].map((c, i) => [c, UNACCENTED[i]]));

/** What the staff search compares: accents off, lower case ("LÓPEZ" → "lopez"), like the search_text column. */
export function foldSearchText(text: string): string {
  return [...text]
    .map((c) => FOLD.get(c) ?? c)
    .join("")
    .toLowerCase();
}

export async function searchStaffAccounts(
  db: DbOrTx,
  staff: { id: string; staffRole: StaffRole },
  options: { q?: string; limit?: number },
) {
  const q = options.q ? foldSearchText(options.q.trim()).replace(/[%_\\]/g, "\\$&") : "";
  const collector = sql<
    string | null
  >`(select ${users.name} from ${users} where ${users.id} = ${customerAccounts.collectorId})`;
  return db
    .select({
      id: customerAccounts.id,
      number: customerAccounts.number,
      legalName: customerAccounts.legalName,
      taxId: customerAccounts.taxId,
      segment: customerAccounts.segment,
      currency: customerAccounts.currency,
      country: sellers.country,
      zone: zones.name,
      collectorName: collector,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .innerJoin(zones, eq(zones.id, customerAccounts.zoneId))
    .where(
      and(
        staffScope(staff),
        // Accents and case folded on both sides; the trigram index on search_text serves it.
        q ? sql`${customerAccounts.searchText} like ${`%${q}%`}` : undefined,
      ),
    )
    .orderBy(asc(customerAccounts.number))
    .limit(options.limit ?? 100);
}
