// Invites a customer user and emails the invitation, for both the account admin and staff flows.
//
// The inviter learns nothing about the address: the answer is the same whether it is new, a customer
// of other accounts, already on this account, or staff (who are sent nothing). The email is sent after
// the answer, not before it, so that sending one (or not) does not show in the response time either.
import { eq, inArray } from "drizzle-orm";
import { customerAccounts, sellers } from "#db/schema";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { runInBackground } from "~/utils/background.server";
import type { DbOrTx } from "~/utils/db.server";
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
): Promise<void> {
  // Read before knowing the outcome, so every outcome does the same work before the answer.
  const allAccounts = await db
    .select({ id: customerAccounts.id, legalName: customerAccounts.legalName, sellerName: sellers.legalName })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(inArray(customerAccounts.id, input.accountIds));
  const invited = await inviteCustomerUser(db, actor, {
    email: input.email,
    accountIds: input.accountIds,
    role: input.role,
  });
  if (invited.outcome !== "invited") return;
  const accounts = allAccounts.filter((a) => invited.accountIds.includes(a.id));
  runInBackground(`invitation email to ${invited.user.email}`, () =>
    sendInvitationEmail({
      to: invited.user.email,
      language: isLanguage(invited.user.language) ? invited.user.language : input.language,
      baseUrl: input.baseUrl,
      token: invited.token,
      inviterName: input.inviterName,
      sellerName: accounts[0]?.sellerName ?? "Cartera",
      accountsLabel: accounts.map((a) => a.legalName).join(", "),
      role: input.role,
      expiresAt: invited.expiresAt,
      existingUser: !invited.needsActivation,
    }),
  );
}
