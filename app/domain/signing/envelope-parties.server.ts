// Who an envelope is between, read the same way by every kind (reconciliation, minutes): the seller
// and the account as frozen into the content when it is prepared, the account's users who may sign
// (enabled customer users whose grant allows signing, never a viewer), and the projection of an
// envelope with the names of its account and seller that sending reads.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { accountGrants, customerAccounts, envelopeSigners, envelopes, sellers, users } from "#db/schema";
import { SIGNING_GRANT_ROLES } from "~/domain/identity/permissions";
import type { GrantRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { SigningRuleError } from "./errors";

/** The seller and the account of a new envelope, as its content records them. */
export async function readEnvelopeParties(tx: DbOrTx, accountId: string) {
  const [head] = await tx
    .select({
      accountId: customerAccounts.id,
      number: customerAccounts.number,
      legalName: customerAccounts.legalName,
      taxId: customerAccounts.taxId,
      currency: customerAccounts.currency,
      sellerId: sellers.id,
      sellerLegalName: sellers.legalName,
      sellerTaxId: sellers.taxId,
      country: sellers.country,
      timeZone: sellers.timeZone,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(eq(customerAccounts.id, accountId));
  if (!head) throw new SigningRuleError("envelope.not_found", "account not found");
  return {
    sellerId: head.sellerId,
    timeZone: head.timeZone,
    seller: {
      legalName: head.sellerLegalName,
      taxId: head.sellerTaxId,
      country: head.country,
      timeZone: head.timeZone,
    },
    account: {
      id: head.accountId,
      number: head.number,
      legalName: head.legalName,
      taxId: head.taxId,
      currency: head.currency,
    },
  };
}

/**
 * The account's users who may sign now: enabled customer users whose grant allows signing, only
 * `userIds` when given; by email (the order signers are fixed and shown in) or by name (a picker).
 */
export function listAccountSigners(
  db: DbOrTx,
  accountId: string,
  { userIds, orderBy = "email" }: { userIds?: readonly string[]; orderBy?: "email" | "name" } = {},
) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      language: users.language,
      role: accountGrants.role,
    })
    .from(accountGrants)
    .innerJoin(users, eq(users.id, accountGrants.userId))
    .where(
      and(
        eq(accountGrants.accountId, accountId),
        userIds ? inArray(accountGrants.userId, [...userIds]) : undefined,
        inArray(accountGrants.role, [...SIGNING_GRANT_ROLES]),
        eq(users.kind, "customer"),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(...(orderBy === "name" ? [asc(users.name), asc(users.email)] : [asc(users.email)]));
}

/** An envelope with its account's and seller's names, for sending it and emailing its signers; join `customerAccounts` and `sellers`. */
export const envelopeWithPartiesColumns = {
  id: envelopes.id,
  number: envelopes.number,
  accountId: envelopes.accountId,
  sellerId: envelopes.sellerId,
  status: envelopes.status,
  accountName: customerAccounts.legalName,
  accountNumber: customerAccounts.number,
  sellerName: sellers.legalName,
  country: sellers.country,
};

/**
 * Moves a draft envelope to sent by a conditional update (a double click sends once) and fixes its
 * signers, each emailed now.
 */
export async function markEnvelopeSent(
  tx: DbOrTx,
  input: { envelopeId: string; signers: readonly { userId: string; role: GrantRole }[]; expiresAt: Date },
  { now }: { now: Date },
) {
  const moved = await tx
    .update(envelopes)
    .set({ status: "sent", sentAt: now, expiresAt: input.expiresAt })
    .where(and(eq(envelopes.id, input.envelopeId), eq(envelopes.status, "draft")))
    .returning({ id: envelopes.id });
  if (moved.length !== 1) throw new SigningRuleError("envelope.not_sendable");
  await tx.insert(envelopeSigners).values(
    input.signers.map((s) => ({
      envelopeId: input.envelopeId,
      userId: s.userId,
      role: s.role,
      emailedAt: now,
      createdAt: now,
    })),
  );
}
