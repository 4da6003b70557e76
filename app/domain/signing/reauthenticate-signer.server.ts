// The steps every signature shares, whatever is signed (a reconciliation, minutes): the signer
// re-authenticates (its password, or a one-time code emailed for this very envelope), then, inside the
// signature's transaction, the envelope is read locked and checked as still signable with the content
// shown, the user is found among its designated signers with a grant that still allows signing, and its
// signer row is marked signed by a conditional update (a double submit changes no row and aborts). What
// happens at completion differs (differences and claims, promises) and stays with each signing function.
import { and, eq, inArray, sql } from "drizzle-orm";
import { accountGrants, envelopeSigners, envelopes, sellers, users } from "#db/schema";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { verifyPassword } from "~/domain/identity/passwords.server";
import { SIGNING_GRANT_ROLES } from "~/domain/identity/permissions";
import type { EnvelopeKind, SignatureMethod } from "~/domain/vocabulary";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { SigningRuleError } from "./errors";
import { checkSigningCode, consumeSigningCode } from "./signing-codes.server";

export interface SignerReauthentication {
  method: SignatureMethod;
  /** The code that authorised it, consumed by the signature's transaction (null for the password). */
  codeId: string | null;
}

/**
 * Checks the signer's password or its one-time code for `envelopeId`. Runs outside the signature's
 * transaction: argon2 takes tens of milliseconds and holds no lock, and a wrong code's attempt must
 * count even though the signature does not happen. A code asked for another envelope never matches.
 */
export async function reauthenticateSigner(
  db: DbOrTx,
  input: { userId: string; envelopeId: string; method: SignatureMethod; password?: string; code?: string },
  { now }: { now: Date },
): Promise<SignerReauthentication> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash, kind: users.kind, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user || user.kind !== "customer" || user.disabledAt) throw new SigningRuleError("signer.not_allowed");
  if (input.method === "email_code") {
    if (!input.code) throw new SigningRuleError("signer.wrong_code");
    const codeId = await checkSigningCode(
      db,
      { envelopeId: input.envelopeId, userId: input.userId, code: input.code },
      { now },
    );
    return { method: "email_code", codeId };
  }
  if (!user.passwordHash || !input.password || !(await verifyPassword(user.passwordHash, input.password)))
    throw new SigningRuleError("signer.wrong_password");
  return { method: "password", codeId: null };
}

/**
 * Inside the signature's transaction: reads the envelope of `kind` on one of `accountIds`, locked, and
 * refuses it unless it still waits for signatures with the content the signer was shown.
 */
export async function readSignableEnvelope(
  tx: DbOrTx,
  input: { envelopeId: string; kind: EnvelopeKind; accountIds: readonly string[]; contentSha256: string },
  { now }: { now: Date },
) {
  const [envelope] = await tx
    .select({
      id: envelopes.id,
      number: envelopes.number,
      accountId: envelopes.accountId,
      status: envelopes.status,
      expiresAt: envelopes.expiresAt,
      contentSha256: envelopes.contentSha256,
      content: envelopes.content,
      timeZone: sellers.timeZone,
    })
    .from(envelopes)
    .innerJoin(sellers, eq(sellers.id, envelopes.sellerId))
    .where(
      and(
        eq(envelopes.id, input.envelopeId),
        eq(envelopes.kind, input.kind),
        inArray(envelopes.accountId, [...input.accountIds]),
      ),
    )
    .for("update", { of: envelopes });
  if (!envelope) throw new SigningRuleError("envelope.not_found");
  if (envelope.status === "signed" || envelope.status === "signed_with_differences")
    throw new SigningRuleError("envelope.already_signed");
  if (
    !(envelope.status === "sent" || envelope.status === "viewed") ||
    (envelope.expiresAt && envelope.expiresAt <= now)
  )
    throw new SigningRuleError("envelope.not_signable");
  if (input.contentSha256 !== envelope.contentSha256) throw new SigningRuleError("envelope.content_changed");
  return envelope;
}
export type SignableEnvelope = Awaited<ReturnType<typeof readSignableEnvelope>>;

/** The user's signer row of the envelope, if it is a designated signer whose grant on the account still allows signing. */
export async function findDesignatedSigner(
  tx: DbOrTx,
  input: { envelopeId: string; accountId: string; userId: string },
) {
  const [signer] = await tx
    .select({ id: envelopeSigners.id, status: envelopeSigners.status })
    .from(envelopeSigners)
    .innerJoin(
      accountGrants,
      and(eq(accountGrants.userId, envelopeSigners.userId), eq(accountGrants.accountId, input.accountId)),
    )
    .where(
      and(
        eq(envelopeSigners.envelopeId, input.envelopeId),
        eq(envelopeSigners.userId, input.userId),
        inArray(accountGrants.role, [...SIGNING_GRANT_ROLES]),
      ),
    );
  return signer ?? null;
}

/**
 * Marks the actor's signer row of the envelope signed, with what the signature records, and consumes
 * the code that authorised it: the actor must be a designated signer whose grant on the account still
 * allows signing (a viewer never does), and must not have signed before.
 */
export async function recordSignerSignature(
  tx: DbOrTx,
  actor: Actor & { userId: string },
  input: {
    envelope: SignableEnvelope;
    auth: SignerReauthentication;
    typedName: string;
    consentText: string;
  },
  { now }: { now: Date },
): Promise<{ signerId: string }> {
  const { envelope } = input;
  const signer = await findDesignatedSigner(tx, {
    envelopeId: envelope.id,
    accountId: envelope.accountId,
    userId: actor.userId,
  });
  if (!signer) throw new SigningRuleError("signer.not_allowed");
  const signed = await tx
    .update(envelopeSigners)
    .set({
      status: "signed",
      signedAt: now,
      signedTimeZone: envelope.timeZone,
      typedName: input.typedName,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
      consentText: input.consentText,
      contentSha256: envelope.contentSha256,
      method: input.auth.method,
      viewedAt: sql`coalesce(${envelopeSigners.viewedAt}, ${now})`,
    })
    .where(and(eq(envelopeSigners.id, signer.id), sql`${envelopeSigners.status} <> 'signed'`))
    .returning({ id: envelopeSigners.id });
  if (signed.length !== 1) throw new SigningRuleError("envelope.already_signed");
  // The code is used once, or the signature rolls back with it.
  if (input.auth.codeId) await consumeSigningCode(tx, input.auth.codeId, { now });
  return { signerId: signer.id };
}

/**
 * A signature from start to its signer row: re-authenticates the signer (outside the transaction),
 * then in one transaction reads the envelope locked and signable, records the signer's signature, and
 * hands both to `complete`, which does what the kind does next (completion, differences, promises).
 */
export async function signAsDesignatedSigner<T>(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: {
    envelopeId: string;
    kind: EnvelopeKind;
    accountIds: readonly string[];
    form: { method: SignatureMethod; password?: string; code?: string; contentSha256: string; typedName: string };
    consentText: string;
  },
  { now }: { now: Date },
  complete: (
    tx: Tx,
    signed: { envelope: SignableEnvelope; signerId: string; auth: SignerReauthentication },
  ) => Promise<T>,
): Promise<T> {
  const { form } = input;
  const auth = await reauthenticateSigner(
    db,
    {
      userId: actor.userId,
      envelopeId: input.envelopeId,
      method: form.method,
      password: form.password,
      code: form.code,
    },
    { now },
  );
  return db.transaction(async (tx) => {
    const envelope = await readSignableEnvelope(
      tx,
      {
        envelopeId: input.envelopeId,
        kind: input.kind,
        accountIds: input.accountIds,
        contentSha256: form.contentSha256,
      },
      { now },
    );
    const { signerId } = await recordSignerSignature(
      tx,
      actor,
      { envelope, auth, typedName: form.typedName, consentText: input.consentText },
      { now },
    );
    return complete(tx, { envelope, signerId, auth });
  });
}
