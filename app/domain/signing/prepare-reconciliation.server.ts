// A collector prepares a balance reconciliation of one account at a cut-off date: the seller's
// balance and open items at that date, per currency, read from the ledger the way the statement
// reads them (openItemsAsOfSql: stored open amounts, undoing the applications dated after the date),
// frozen into the envelope's content with its canonical hash. Nothing is sent yet (sendEnvelope).
import { eq, sql } from "drizzle-orm";
import { envelopes, users } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { getAccountBalances, openItemsAsOfSql } from "~/domain/ledger/get-account-balances.server";
import type { Currency, DocumentKind } from "~/domain/vocabulary";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { canonicalSha256 } from "./canonical-json";
import { readEnvelopeParties } from "./envelope-parties.server";
import { SigningRuleError } from "./errors";
import {
  type ReconciliationContent,
  type ReconciliationItem,
  type ReconciliationSection,
  newVerificationCode,
} from "./reconciliation-content";
import { type PrepareReconciliationInput, PrepareReconciliationSchema } from "./schemas";

interface ItemRow {
  id: string;
  kind: DocumentKind;
  effect: "charge" | "credit";
  currency: Currency;
  series: string;
  folio: string;
  fiscalId: string | null;
  issueDate: string;
  dueDate: string;
  amount: string;
  open: string;
}

/**
 * `actor.userId` is the staff member preparing it; the caller has checked that it reaches
 * `accountId` and may send reconciliations. The cut-off may not be after today in the seller's zone.
 */
export async function prepareReconciliation(
  db: DbOrTx,
  actor: Actor & { userId: string },
  rawInput: PrepareReconciliationInput,
  { now }: { now: Date },
) {
  const input = PrepareReconciliationSchema.parse(rawInput);
  return db.transaction(async (tx) => {
    const parties = await readEnvelopeParties(tx, input.accountId);
    if (input.cutoffDate > todayIn(parties.timeZone, now)) throw new SigningRuleError("cutoff.future");
    const [preparer] = await tx
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(eq(users.id, actor.userId));

    const asOf = input.cutoffDate;
    const [balances, itemRows] = await Promise.all([
      getAccountBalances(tx, [parties.account.id], asOf),
      queryRows<ItemRow>(
        tx,
        sql`
        select d.id, d.kind, d.effect, d.currency, d.series, d.folio, d.fiscal_id as "fiscalId",
               d.issue_date::text as "issueDate", d.due_date::text as "dueDate", d.amount::text as amount,
               o.open::numeric(18,2)::text as open
        from ${openItemsAsOfSql({ accountIds: [parties.account.id], asOf })} o
        join documents d on d.id = o.id
        order by d.currency, d.effect, d.due_date, d.series, length(d.folio), d.folio, d.id`,
      ),
    ]);
    const itemsByCurrency = new Map<Currency, ReconciliationItem[]>();
    for (const r of itemRows) {
      const list = itemsByCurrency.get(r.currency) ?? [];
      list.push({
        documentId: r.id,
        kind: r.kind,
        effect: r.effect,
        serieFolio: r.series ? `${r.series}-${r.folio}` : r.folio,
        fiscalId: r.fiscalId,
        issueDate: r.issueDate,
        dueDate: r.dueDate,
        amount: r.amount,
        open: r.open,
      });
      itemsByCurrency.set(r.currency, list);
    }
    // The account's currency first (with a zero balance if nothing is open), then any other one.
    const sections: ReconciliationSection[] = balances.map((b) => ({
      currency: b.currency,
      openCharges: b.openCharges,
      unappliedCredits: b.unappliedCredits,
      balance: b.balance,
      items: itemsByCurrency.get(b.currency) ?? [],
    }));
    if (!sections.some((s) => s.currency === parties.account.currency))
      sections.push({
        currency: parties.account.currency,
        openCharges: "0.00",
        unappliedCredits: "0.00",
        balance: "0.00",
        items: [],
      });
    sections.sort((a, b) =>
      a.currency === parties.account.currency
        ? -1
        : b.currency === parties.account.currency
          ? 1
          : a.currency < b.currency
            ? -1
            : 1,
    );

    const envelopeId = createRandomId();
    const content: ReconciliationContent = {
      kind: "reconciliation",
      envelopeId,
      seller: parties.seller,
      account: parties.account,
      cutoffDate: input.cutoffDate,
      message: input.message,
      preparedBy: { name: preparer?.name ?? actor.label, email: preparer?.email ?? actor.label },
      preparedAt: now.toISOString(),
      sections,
    };
    const contentSha256 = canonicalSha256(content);
    const [envelope] = await tx
      .insert(envelopes)
      .values({
        id: envelopeId,
        kind: "reconciliation",
        sellerId: parties.sellerId,
        accountId: parties.account.id,
        cutoffDate: input.cutoffDate,
        message: input.message,
        content,
        contentSha256,
        verificationCode: newVerificationCode(),
        preparedById: actor.userId,
        createdAt: now,
      })
      .returning({ id: envelopes.id, number: envelopes.number, status: envelopes.status });
    await recordAuditEvent(tx, actor, {
      action: "envelope.prepared",
      entityType: "envelope",
      entityId: envelope.id,
      accountId: parties.account.id,
      after: {
        kind: "reconciliation",
        number: envelope.number,
        cutoffDate: input.cutoffDate,
        contentSha256,
        balances: sections.map((s) => ({ currency: s.currency, balance: s.balance, items: s.items.length })),
      },
    });
    return { ...envelope, contentSha256 };
  });
}
