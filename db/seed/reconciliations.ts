// Demo reconciliations: one story per state on the demo customers' accounts, written through the
// signing domain at driven times before `anchor` (prepared, sent, viewed, signed or signed with a
// difference, expired by its timer), and the signed ones sealed, so each demo customer (Elena on
// MX-0001, Ricardo on MX-0003, Camila on CO-0001) has a sealed PDF to download and verify. Sends go
// through sendEnvelopeInTransaction: their emails are history, not news (none is queued); reminders
// of the waiting ones are scheduled as a real send leaves them. The one difference is a payment not
// applied, with no document: its claim is a general one and disputes no document, so the ledger's
// and the documents' figures other tests read stay as they were. Each seller gets its signing
// settings (Mexico reminds every 3 days and expires after 15, Colombia every 5 and after 20).
import { and, asc, eq, inArray } from "drizzle-orm";
import { accountGrants, customerAccounts, envelopes, sellers, signingSettings, users } from "#db/schema";
import { handleEnvelopeExpiryDue, cancelEnvelopeTimers } from "~/domain/signing/envelope-timers.server";
import { prepareReconciliation } from "~/domain/signing/prepare-reconciliation.server";
import { recordEnvelopeView } from "~/domain/signing/record-envelope-view.server";
import { sealEnvelope } from "~/domain/signing/seal-envelope.server";
import { sendEnvelopeInTransaction } from "~/domain/signing/send-envelope.server";
import { signEnvelope } from "~/domain/signing/sign-envelope.server";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { getFixedT, todayIn } from "~/utils/i18n";
import { DEMO_PASSWORD } from "./demo-credentials";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Story =
  | { account: string; state: "sent" | "viewed"; sentBefore: number }
  | { account: string; state: "signed" | "signed_with_differences"; sentBefore: number; signedAfter: number }
  | { account: string; state: "expired"; sentBefore: number };

// Oldest first, so each account's latest reconciliation is the one its portfolio row shows.
const STORIES: Story[] = [
  { account: "MX-0004", state: "expired", sentBefore: 40 * DAY },
  { account: "MX-0001", state: "signed", sentBefore: 35 * DAY, signedAfter: 2 * DAY },
  { account: "CO-0001", state: "signed", sentBefore: 33 * DAY, signedAfter: 3 * DAY },
  { account: "MX-0003", state: "signed_with_differences", sentBefore: 30 * DAY, signedAfter: 4 * DAY },
  { account: "MX-0002", state: "viewed", sentBefore: 26 * HOUR },
  { account: "MX-0004", state: "sent", sentBefore: 2 * HOUR },
];

/** The last day of the month before `date`'s (both YYYY-MM-DD). */
const endOfPreviousMonth = (date: string) => addDays(`${date.slice(0, 8)}01`, -1);

export async function seedDemoReconciliations(db: Db, options: { anchor: Date; log?: (msg: string) => void }) {
  const sellerRows = await db.select({ id: sellers.id, country: sellers.country }).from(sellers);
  await db
    .insert(signingSettings)
    .values(
      sellerRows.map((s) =>
        s.country === "CO"
          ? { sellerId: s.id, reminderEveryDays: 5, expireAfterDays: 20 }
          : { sellerId: s.id, reminderEveryDays: 3, expireAfterDays: 15 },
      ),
    )
    .onConflictDoNothing();

  const accounts = await db
    .select({
      id: customerAccounts.id,
      number: customerAccounts.number,
      collectorId: customerAccounts.collectorId,
      timeZone: sellers.timeZone,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(inArray(customerAccounts.number, [...new Set(STORIES.map((s) => s.account))]));
  const byNumber = new Map(accounts.map((a) => [a.number, a]));
  const t = getFixedT("es");
  let written = 0;
  for (const story of STORIES) {
    const account = byNumber.get(story.account);
    if (!account?.collectorId) continue;
    const [collector] = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.id, account.collectorId));
    const [signer] = await db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(accountGrants)
      .innerJoin(users, eq(users.id, accountGrants.userId))
      .where(and(eq(accountGrants.accountId, account.id), inArray(accountGrants.role, ["payer", "account_admin"])))
      .orderBy(asc(users.email))
      .limit(1);
    if (!collector || !signer) continue;
    const staff = { userId: collector.id, label: collector.email, ip: "192.0.2.20", userAgent: "Cartera demo" };
    const customer = { userId: signer.id, label: signer.email, ip: "192.0.2.30", userAgent: "Cartera demo" };
    const sentAt = new Date(options.anchor.getTime() - story.sentBefore);
    const today = todayIn(account.timeZone, sentAt);
    const cutoff = endOfPreviousMonth(today);
    const prepared = await prepareReconciliation(
      db,
      staff,
      {
        accountId: account.id,
        cutoffDate: cutoff,
        message: "Favor de confirmar el saldo al cierre de mes o indicarnos las diferencias.",
      },
      { now: new Date(sentAt.getTime() - HOUR) },
    );
    await db.transaction((tx) =>
      sendEnvelopeInTransaction(tx, staff, { envelopeId: prepared.id, accountIds: [account.id] }, { now: sentAt }),
    );
    written += 1;
    if (story.state === "sent") continue;
    const viewedAt = new Date(sentAt.getTime() + 5 * HOUR);
    await recordEnvelopeView(db, customer, { id: prepared.id, accountId: account.id }, { now: viewedAt });
    if (story.state === "viewed") continue;
    if (story.state === "expired") {
      // What the sweeper does at the deadline: expired, its reminders (all in the past) withdrawn.
      const [row] = await db
        .select({ expiresAt: envelopes.expiresAt })
        .from(envelopes)
        .where(eq(envelopes.id, prepared.id));
      const deadline = row.expiresAt!;
      await db.transaction(async (tx) => {
        await handleEnvelopeExpiryDue(
          tx,
          { envelopeId: prepared.id },
          {
            now: deadline,
            task: {
              id: "seed",
              kind: "envelope.expiry",
              subjectId: prepared.id,
              payload: { envelopeId: prepared.id },
              dueAt: deadline,
              attempts: 1,
              maxAttempts: 5,
            },
          },
        );
        await cancelEnvelopeTimers(tx, prepared.id);
      });
      continue;
    }
    if (story.state !== "signed" && story.state !== "signed_with_differences") continue;
    const signedAt = new Date(sentAt.getTime() + story.signedAfter);
    const base = {
      contentSha256: prepared.contentSha256,
      method: "password" as const,
      password: DEMO_PASSWORD,
      typedName: signer.name,
      consent: "on" as const,
    };
    await signEnvelope(
      db,
      customer,
      {
        envelopeId: prepared.id,
        accountIds: [account.id],
        consentText: t("signing.consent"),
        claimTitle: t("signing.claimTitle", { number: prepared.number, cutoff }),
        form:
          story.state === "signed"
            ? { ...base, intent: "agree" }
            : {
                ...base,
                intent: "disagree",
                customerBalance: "0.00",
                differences: [
                  {
                    kind: "unapplied_payment",
                    reference: "SPEI 0456 7781",
                    amount: "15000.00",
                    description: "Transferencia del último día del mes que no vemos aplicada.",
                  },
                ],
              },
      },
      { now: signedAt },
    );
    await sealEnvelope(db, prepared.id, { now: new Date(signedAt.getTime() + 60_000), baseUrl: appBaseUrl() });
  }
  options.log?.(`seed: ${written} demo reconciliations`);
  return { reconciliations: written };
}
