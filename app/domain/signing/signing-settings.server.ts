// How long a seller's customers have to answer a reconciliation and how often they are reminded
// (signing_settings, one row per seller; the migration and the seed give every seller one). A seller
// without a row reads the defaults.
import { eq } from "drizzle-orm";
import { signingSettings } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";

export const DEFAULT_SIGNING_SETTINGS = { reminderEveryDays: 3, expireAfterDays: 15 } as const;

export interface SigningSettings {
  reminderEveryDays: number;
  expireAfterDays: number;
}

export async function getSigningSettings(db: DbOrTx, sellerId: string): Promise<SigningSettings> {
  const [row] = await db
    .select({ reminderEveryDays: signingSettings.reminderEveryDays, expireAfterDays: signingSettings.expireAfterDays })
    .from(signingSettings)
    .where(eq(signingSettings.sellerId, sellerId));
  return row ?? { ...DEFAULT_SIGNING_SETTINGS };
}

/** Reminder times after `sentAt`: every `reminderEveryDays` strictly before the expiry. */
export function reminderTimes(sentAt: Date, settings: SigningSettings): Date[] {
  const times: Date[] = [];
  for (let day = settings.reminderEveryDays; day < settings.expireAfterDays; day += settings.reminderEveryDays)
    times.push(new Date(sentAt.getTime() + day * 86_400_000));
  return times;
}
