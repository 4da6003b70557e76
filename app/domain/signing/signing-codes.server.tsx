// One-time codes by email, the alternative to the password when signing: a signer of a waiting
// envelope (a reconciliation or minutes) asks for a code (the route rate-limits the asking), gets six digits by email, and types
// them when it signs. Only an HMAC of the code is stored (keyed with the session secret and bound to
// the code's row, so a copy of the table is no list of codes); a code expires after ten minutes,
// allows five attempts (each counted before it is compared, by a conditional update), and is consumed
// by the signature it authorised, in the signature's transaction (recordSignerSignature, for
// signEnvelope and signMinutes alike). A code belongs to one envelope: it signs nothing else. Asking again
// withdraws the codes asked before.
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { createElement } from "react";
import { customerAccounts, envelopeSigners, envelopes, signingCodes, users } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { SigningCodeEmail } from "#emails/signing-code-email";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { EnvelopeKind } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { sessionSecrets } from "~/utils/env.server";
import { type Language, getFixedT, isLanguage } from "~/utils/i18n";
import { SigningRuleError } from "./errors";
import { SIGNING_CODE_DIGITS, SIGNING_CODE_MAX_ATTEMPTS, SIGNING_CODE_TTL_MINUTES } from "./schemas";

export { SIGNING_CODE_DIGITS, SIGNING_CODE_MAX_ATTEMPTS, SIGNING_CODE_TTL_MINUTES };

function hashCode(codeId: string, code: string): string {
  return createHmac("sha256", sessionSecrets()[0]).update(`signing-code:${codeId}:${code}`).digest("hex");
}

/**
 * Emails a new code to `actor` for the envelope of `kind`, which must be waiting and name it as a
 * signer who has not signed on one of `accountIds` (its signing grants). Returns where it went and until when.
 */
export async function requestSigningCode(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { envelopeId: string; kind: EnvelopeKind; accountIds: readonly string[] },
  { now }: { now: Date },
) {
  if (input.accountIds.length === 0) throw new SigningRuleError("envelope.not_found");
  const code = String(randomInt(0, 10 ** SIGNING_CODE_DIGITS)).padStart(SIGNING_CODE_DIGITS, "0");
  const expiresAt = new Date(now.getTime() + SIGNING_CODE_TTL_MINUTES * 60_000);
  const issued = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        accountId: envelopes.accountId,
        number: envelopes.number,
        status: envelopes.status,
        expiresAt: envelopes.expiresAt,
        signerStatus: envelopeSigners.status,
        accountName: customerAccounts.legalName,
        email: users.email,
        language: users.language,
      })
      .from(envelopes)
      .innerJoin(customerAccounts, eq(customerAccounts.id, envelopes.accountId))
      .innerJoin(
        envelopeSigners,
        and(eq(envelopeSigners.envelopeId, envelopes.id), eq(envelopeSigners.userId, actor.userId)),
      )
      .innerJoin(users, eq(users.id, envelopeSigners.userId))
      .where(
        and(
          eq(envelopes.id, input.envelopeId),
          eq(envelopes.kind, input.kind),
          inArray(envelopes.accountId, [...input.accountIds]),
        ),
      );
    if (!row) throw new SigningRuleError("signer.not_allowed");
    if (row.status === "signed" || row.status === "signed_with_differences" || row.signerStatus === "signed")
      throw new SigningRuleError("envelope.already_signed");
    if (!(row.status === "sent" || row.status === "viewed") || !row.expiresAt || row.expiresAt <= now)
      throw new SigningRuleError("envelope.not_signable");
    // Codes asked before are withdrawn: only the latest one works.
    await tx
      .update(signingCodes)
      .set({ consumedAt: now })
      .where(
        and(
          eq(signingCodes.envelopeId, input.envelopeId),
          eq(signingCodes.userId, actor.userId),
          isNull(signingCodes.consumedAt),
        ),
      );
    const id = createRandomId();
    await tx.insert(signingCodes).values({
      id,
      envelopeId: input.envelopeId,
      userId: actor.userId,
      codeHash: hashCode(id, code),
      expiresAt,
      createdAt: now,
    });
    await recordAuditEvent(tx, actor, {
      action: "envelope.code_sent",
      entityType: "envelope",
      entityId: input.envelopeId,
      accountId: row.accountId,
      after: { codeId: id, expiresAt },
    });
    return row;
  });
  const language: Language = isLanguage(issued.language) ? issued.language : "es";
  const t = getFixedT(language);
  const vars = { number: issued.number, account: issued.accountName, minutes: SIGNING_CODE_TTL_MINUTES };
  await sendEmail({
    to: issued.email,
    subject: t(input.kind === "minutes" ? "minutes.codeEmailSubject" : "reconciliationOps.codeEmailSubject", vars),
    react: createElement(SigningCodeEmail, { t, language, code, kind: input.kind, ...vars }),
  });
  return { email: issued.email, expiresAt };
}

/**
 * Checks a typed code against the signer's latest live code for the envelope, counting the attempt
 * first (committed whatever the outcome). Returns the code's ID for signEnvelope to consume.
 */
export async function checkSigningCode(
  db: DbOrTx,
  input: { envelopeId: string; userId: string; code: string },
  { now }: { now: Date },
): Promise<string> {
  const [live] = await db
    .select({ id: signingCodes.id })
    .from(signingCodes)
    .where(
      and(
        eq(signingCodes.envelopeId, input.envelopeId),
        eq(signingCodes.userId, input.userId),
        isNull(signingCodes.consumedAt),
        gt(signingCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(signingCodes.createdAt))
    .limit(1);
  if (!live) throw new SigningRuleError("signer.code_expired");
  const [counted] = await db
    .update(signingCodes)
    .set({ attempts: sql`${signingCodes.attempts} + 1` })
    .where(
      and(
        eq(signingCodes.id, live.id),
        isNull(signingCodes.consumedAt),
        lt(signingCodes.attempts, SIGNING_CODE_MAX_ATTEMPTS),
      ),
    )
    .returning({ codeHash: signingCodes.codeHash });
  if (!counted) throw new SigningRuleError("signer.code_attempts");
  const expected = Buffer.from(counted.codeHash, "hex");
  const given = Buffer.from(hashCode(live.id, input.code), "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new SigningRuleError("signer.wrong_code");
  return live.id;
}

/** Inside the signature's transaction: the code is used once, or the signature rolls back. */
export async function consumeSigningCode(tx: DbOrTx, codeId: string, { now }: { now: Date }) {
  const used = await tx
    .update(signingCodes)
    .set({ consumedAt: now })
    .where(and(eq(signingCodes.id, codeId), isNull(signingCodes.consumedAt)))
    .returning({ id: signingCodes.id });
  if (used.length !== 1) throw new SigningRuleError("signer.code_expired");
}
