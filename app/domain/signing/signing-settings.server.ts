// How long a seller's customers have to answer a reconciliation and how often they are reminded
// (signing_settings, one row per seller; the migration and the seed give every seller one). A seller
// without a row reads the defaults. Administrators change them (updateSigningSettings, audited).
import { asc, eq } from "drizzle-orm";
import { sellers, signingSettings } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { type SigningSettingsInput, SigningSettingsInputSchema } from "./signing-settings-schemas";

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

/** Every seller with its settings (the defaults for one without a row), by name. */
export async function listSigningSettings(db: DbOrTx) {
  const rows = await db
    .select({
      sellerId: sellers.id,
      legalName: sellers.legalName,
      country: sellers.country,
      timeZone: sellers.timeZone,
      reminderEveryDays: signingSettings.reminderEveryDays,
      expireAfterDays: signingSettings.expireAfterDays,
      updatedAt: signingSettings.updatedAt,
    })
    .from(sellers)
    .leftJoin(signingSettings, eq(signingSettings.sellerId, sellers.id))
    .orderBy(asc(sellers.legalName), asc(sellers.id));
  return rows.map((r) => ({
    sellerId: r.sellerId,
    legalName: r.legalName,
    country: r.country,
    timeZone: r.timeZone,
    reminderEveryDays: r.reminderEveryDays ?? DEFAULT_SIGNING_SETTINGS.reminderEveryDays,
    expireAfterDays: r.expireAfterDays ?? DEFAULT_SIGNING_SETTINGS.expireAfterDays,
    updatedAt: r.updatedAt,
  }));
}

/**
 * An administrator changes a seller's reminder interval and expiry (checked by the schema: the
 * reminders come strictly before the expiry). Written with the audit event in one transaction, the
 * seller's row locked first; a save that changes nothing writes nothing. Envelopes already sent keep
 * the reminders and expiry they were sent with; the new values apply to the next sends.
 * Returns false for a seller that does not exist.
 */
export async function updateSigningSettings(
  db: DbOrTx,
  actor: Actor,
  rawInput: SigningSettingsInput,
  { now }: { now: Date },
): Promise<{ updated: boolean; found: boolean }> {
  const input = SigningSettingsInputSchema.parse(rawInput);
  return db.transaction(async (tx) => {
    const [seller] = await tx
      .select({ id: sellers.id })
      .from(sellers)
      .where(eq(sellers.id, input.sellerId))
      .for("update");
    if (!seller) return { updated: false, found: false };
    const before = await getSigningSettings(tx, seller.id);
    const after = { reminderEveryDays: input.reminderEveryDays, expireAfterDays: input.expireAfterDays };
    if (before.reminderEveryDays === after.reminderEveryDays && before.expireAfterDays === after.expireAfterDays)
      return { updated: false, found: true };
    await tx
      .insert(signingSettings)
      .values({ sellerId: seller.id, ...after, updatedAt: now })
      .onConflictDoUpdate({ target: signingSettings.sellerId, set: { ...after, updatedAt: now } });
    await recordAuditEvent(tx, actor, {
      action: "seller.signing_settings_updated",
      entityType: "seller",
      entityId: seller.id,
      before: { reminderEveryDays: before.reminderEveryDays, expireAfterDays: before.expireAfterDays },
      after,
    });
    return { updated: true, found: true };
  });
}
