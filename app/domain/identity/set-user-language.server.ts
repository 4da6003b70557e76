import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import type { Language } from "~/utils/i18n";

/** Remembers a user's language for emails and later sessions. */
export async function setUserLanguage(db: DbOrTx, userId: string, language: Language): Promise<void> {
  await db.update(users).set({ language }).where(eq(users.id, userId));
}
