// Invites a customer user and emails the invitation, for both the account admin and staff flows.
import { eq, inArray } from "drizzle-orm";
import { customerAccounts, sellers } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import type { Language } from "~/utils/i18n";
import { isLanguage } from "~/utils/i18n";
import { inviteCustomerUser } from "./invitations.server";
import type { GrantRole } from "./permissions";
import { sendInvitationEmail } from "./send-identity-emails.server";

export async function inviteAndNotify(
  db: DbOrTx,
  actor: Actor,
  input: {
    email: string;
    accountIds: string[];
    role: GrantRole;
    inviterName: string;
    language: Language;
    baseUrl: string;
  },
) {
  const invited = await inviteCustomerUser(db, actor, {
    email: input.email,
    accountIds: input.accountIds,
    role: input.role,
  });
  const accounts = await db
    .select({ legalName: customerAccounts.legalName, sellerName: sellers.legalName })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(inArray(customerAccounts.id, invited.accountIds));
  await sendInvitationEmail({
    to: invited.user.email,
    language: isLanguage(invited.user.language) ? invited.user.language : input.language,
    baseUrl: input.baseUrl,
    token: invited.token,
    inviterName: input.inviterName,
    sellerName: accounts[0]?.sellerName ?? "Cartera",
    accountsLabel: accounts.map((a) => a.legalName).join(", "),
    role: input.role,
    expiresAt: invited.expiresAt,
  });
  return invited;
}
