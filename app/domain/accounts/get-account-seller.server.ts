import { eq } from "drizzle-orm";
import { customerAccounts, sellers } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";

/** The seller behind an account: its country and time zone decide dates and formats. */
export async function getAccountSeller(db: DbOrTx, accountId: string) {
  const [row] = await db
    .select({ id: sellers.id, country: sellers.country, timeZone: sellers.timeZone, legalName: sellers.legalName })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(eq(customerAccounts.id, accountId));
  return row ?? null;
}
