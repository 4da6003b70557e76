// A collector records minutes of a meeting or call with an account: the meeting, the attendees of
// both sides (the customer's are the account's users who may sign, and each of them signs), the topics
// and the agreements; an agreement may be a payment promise over open documents of the account, checked
// now by the promise rules (open charges, at most what is open, one currency, dated within the promise
// range) and recorded as a promise at the last signature. The content is frozen with its canonical
// hash as a draft envelope of kind "minutes"; sendMinutes sends it. reviseMinutes records the next
// version after the collector accepts proposed corrections: the old one is kept, superseded, linked.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { documents, envelopes, minuteCorrectionResponses, minuteCorrections, users } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { MAX_PROMISE_DAYS } from "~/domain/payments/promise-form";
import type { Currency } from "~/domain/vocabulary";
import { addDays } from "~/utils/dates";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { addMoney, compareMoney } from "~/utils/money";
import { canonicalSha256 } from "./canonical-json";
import { listAccountSigners, readEnvelopeParties } from "./envelope-parties.server";
import { SigningRuleError } from "./errors";
import type { MinutesAgreement, MinutesContent } from "./minutes-content";
import { type RecordMinutesInput, RecordMinutesSchema } from "./minutes-schemas";
import { newVerificationCode } from "./reconciliation-content";
import { emailMinutesSigners, sendMinutesInTransaction } from "./send-minutes.server";

type StaffActor = Actor & { userId: string };

/** `actor.userId` is the staff member; the caller has checked that it reaches the account and may send documents for signature. */
export async function recordMinutes(
  db: DbOrTx,
  actor: StaffActor,
  rawInput: RecordMinutesInput,
  { now }: { now: Date },
) {
  const input = RecordMinutesSchema.parse(rawInput);
  return db.transaction((tx) => insertMinutes(tx, actor, input, now, null));
}

/**
 * Accepts the corrections proposed to minutes (sent, viewed or waiting on corrections, of one of
 * `accountIds`): records the corrected content as the next version, sends it to its attendees, marks
 * the old one superseded (its signatures and corrections stay), and answers each pending correction
 * as accepted, all in one transaction; the attendees are emailed after it commits.
 */
export async function reviseMinutes(
  db: DbOrTx,
  actor: StaffActor,
  input: { supersedesId: string; accountIds: readonly string[]; minutes: RecordMinutesInput; baseUrl: string },
  { now }: { now: Date },
) {
  const minutes = RecordMinutesSchema.parse(input.minutes);
  const { revised, email } = await db.transaction(async (tx) => {
    const [old] = await tx
      .select({
        id: envelopes.id,
        number: envelopes.number,
        kind: envelopes.kind,
        accountId: envelopes.accountId,
        status: envelopes.status,
        version: envelopes.version,
      })
      .from(envelopes)
      .where(and(eq(envelopes.id, input.supersedesId), inArray(envelopes.accountId, [...input.accountIds])))
      .for("update");
    if (!old || old.kind !== "minutes" || old.accountId !== minutes.accountId)
      throw new SigningRuleError("envelope.not_found");
    if (!["sent", "viewed", "corrections_requested"].includes(old.status))
      throw new SigningRuleError("minutes.not_revisable");
    const created = await insertMinutes(tx, actor, minutes, now, old);
    const moved = await tx
      .update(envelopes)
      .set({ status: "superseded" })
      .where(and(eq(envelopes.id, old.id), inArray(envelopes.status, ["sent", "viewed", "corrections_requested"])))
      .returning({ id: envelopes.id });
    if (moved.length !== 1) throw new SigningRuleError("minutes.not_revisable");
    const pending = await tx
      .select({ id: minuteCorrections.id })
      .from(minuteCorrections)
      .leftJoin(minuteCorrectionResponses, eq(minuteCorrectionResponses.correctionId, minuteCorrections.id))
      .where(and(eq(minuteCorrections.envelopeId, old.id), isNull(minuteCorrectionResponses.id)));
    if (pending.length)
      await tx.insert(minuteCorrectionResponses).values(
        pending.map((c) => ({
          correctionId: c.id,
          response: "accepted" as const,
          newEnvelopeId: created.id,
          respondedById: actor.userId,
          createdAt: now,
        })),
      );
    await recordAuditEvent(tx, actor, {
      action: "envelope.superseded",
      entityType: "envelope",
      entityId: old.id,
      accountId: old.accountId,
      before: { status: old.status },
      after: {
        status: "superseded",
        supersededById: created.id,
        number: created.number,
        version: old.version + 1,
        correctionIds: pending.map((c) => c.id),
      },
    });
    const email = await sendMinutesInTransaction(tx, actor, created.id, now);
    return { revised: created, email };
  });
  emailMinutesSigners(email, input.baseUrl);
  return revised;
}

async function insertMinutes(
  tx: Tx,
  actor: StaffActor,
  input: ReturnType<typeof RecordMinutesSchema.parse>,
  now: Date,
  supersedes: { id: string; number: number; version: number } | null,
) {
  const parties = await readEnvelopeParties(tx, input.accountId);
  const today = todayIn(parties.timeZone, now);
  if (input.meetingDate > today) throw new SigningRuleError("minutes.meeting_future");

  // The customer's attendees: users of the account whose grant may sign (never a viewer), enabled.
  const attendeeIds = [...new Set(input.customerAttendeeIds)];
  const attendees = (await listAccountSigners(tx, parties.account.id, { userIds: attendeeIds })).map((a) => ({
    userId: a.userId,
    name: a.name,
    email: a.email,
  }));
  if (attendees.length !== attendeeIds.length) throw new SigningRuleError("minutes.attendee_not_signer");

  const agreements = await checkAgreements(tx, parties.account.id, input.agreements, today);
  const [preparer] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, actor.userId));
  const envelopeId = createRandomId();
  const version = supersedes ? supersedes.version + 1 : 1;
  const content: MinutesContent = {
    kind: "minutes",
    envelopeId,
    version,
    supersedes: supersedes ? { envelopeId: supersedes.id, number: supersedes.number } : null,
    seller: parties.seller,
    account: parties.account,
    meetingDate: input.meetingDate,
    channel: input.channel,
    place: input.place,
    customerAttendees: attendees,
    sellerAttendees: input.sellerAttendees,
    topics: input.topics.map((t, i) => ({ id: `T${i + 1}`, title: t.title, notes: t.notes })),
    agreements,
    preparedBy: { name: preparer?.name ?? actor.label, email: preparer?.email ?? actor.label },
    preparedAt: now.toISOString(),
  };
  const contentSha256 = canonicalSha256(content);
  const [envelope] = await tx
    .insert(envelopes)
    .values({
      id: envelopeId,
      kind: "minutes",
      sellerId: parties.sellerId,
      accountId: parties.account.id,
      message: "",
      content,
      contentSha256,
      verificationCode: newVerificationCode(),
      preparedById: actor.userId,
      version,
      supersedesId: supersedes?.id ?? null,
      createdAt: now,
    })
    .returning({ id: envelopes.id, number: envelopes.number, status: envelopes.status });
  await recordAuditEvent(tx, actor, {
    action: "envelope.prepared",
    entityType: "envelope",
    entityId: envelope.id,
    accountId: parties.account.id,
    after: {
      kind: "minutes",
      number: envelope.number,
      cutoffDate: null,
      contentSha256,
      balances: [],
      version,
      supersedesId: supersedes?.id ?? null,
      meetingDate: input.meetingDate,
      attendees: attendees.map((a) => a.userId),
      agreements: agreements.length,
      promises: agreements.flatMap((a) =>
        a.promise
          ? [{ agreementId: a.id, amount: a.promise.amount, currency: a.promise.currency, promisedDate: a.dueDate }]
          : [],
      ),
    },
  });
  return { ...envelope, contentSha256, version };
}

/** The agreements with their IDs; promise agreements checked against the ledger now (the same rules apply again at the last signature). */
async function checkAgreements(
  tx: Tx,
  accountId: string,
  input: ReturnType<typeof RecordMinutesSchema.parse>["agreements"],
  today: string,
): Promise<MinutesAgreement[]> {
  const ids = [...new Set(input.flatMap((a) => a.promiseItems.map((i) => i.documentId)))];
  const docs = ids.length
    ? await tx
        .select({
          id: documents.id,
          series: documents.series,
          folio: documents.folio,
          currency: documents.currency,
          open: documents.openAmount,
          effect: documents.effect,
          status: documents.status,
        })
        .from(documents)
        .where(and(inArray(documents.id, ids), eq(documents.accountId, accountId)))
    : [];
  const byId = new Map(docs.map((d) => [d.id, d]));
  const promised = new Set<string>();
  return input.map((a, index) => {
    let promise: MinutesAgreement["promise"] = null;
    if (a.promiseItems.length) {
      if (a.dueDate < today || a.dueDate > addDays(today, MAX_PROMISE_DAYS))
        throw new SigningRuleError("minutes.promise_date");
      const currencies = new Set<Currency>();
      const items = a.promiseItems.map((item) => {
        const doc = byId.get(item.documentId);
        if (!doc || doc.effect !== "charge" || doc.status !== "issued" || compareMoney(doc.open, "0") <= 0)
          throw new SigningRuleError("minutes.promise_document");
        if (compareMoney(item.amount, doc.open) > 0) throw new SigningRuleError("minutes.promise_amount");
        if (promised.has(doc.id)) throw new SigningRuleError("minutes.promise_twice");
        promised.add(doc.id);
        currencies.add(doc.currency);
        return {
          documentId: doc.id,
          serieFolio: doc.series ? `${doc.series}-${doc.folio}` : doc.folio,
          amount: addMoney(item.amount),
        };
      });
      if (currencies.size !== 1) throw new SigningRuleError("minutes.promise_currency");
      promise = { currency: [...currencies][0], amount: addMoney(...items.map((i) => i.amount)), documents: items };
    }
    return { id: `A${index + 1}`, text: a.text, owner: a.owner, dueDate: a.dueDate, promise };
  });
}
