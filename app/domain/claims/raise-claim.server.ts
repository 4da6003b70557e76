// A customer raises a claim on one of its accounts: from an invoice, some of its lines, a credit or
// debit note, a payment, or nothing (general). Each disputed amount is in its document's currency and
// never above the document's open amount (nor a line's total), read under a share lock so a payment
// applied at the same moment cannot slip under it. The claim goes to the account's collector at L1
// with its deadline in business hours, and the SLA check is scheduled in the same transaction.
import Decimal from "decimal.js";
import { and, eq, inArray } from "drizzle-orm";
import { claimDocuments, claims, customerAccounts, documents, invoiceLines, sellers } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { CLAIM_AREA_OF_TYPE, type ClaimOrigin, type DocumentKind } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { levelSla, rescheduleSlaCheck } from "./claim-sla.server";
import { ClaimRuleError } from "./errors";
import { queueClaimEmails } from "./queue-claim-emails.server";
import { RaiseClaimSchema, type RaiseClaimInput } from "./schemas";

const KINDS_OF_ORIGIN: Record<ClaimOrigin, readonly DocumentKind[]> = {
  invoice: ["invoice"],
  lines: ["invoice"],
  note: ["credit_note", "debit_note"],
  payment: ["payment"],
  general: ["invoice", "credit_note", "debit_note", "payment", "adjustment"],
};

/**
 * `actor.userId` is the customer user raising it; the caller has checked its "dispute" grant on
 * `accountId`. Documents of another account answer document.not_found, like documents that do not exist.
 */
export async function raiseClaim(
  db: DbOrTx,
  actor: Actor & { userId: string },
  rawInput: RaiseClaimInput,
  options: { now: Date },
) {
  const input = RaiseClaimSchema.parse(rawInput);
  const { now } = options;
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({
        id: customerAccounts.id,
        sellerId: customerAccounts.sellerId,
        segment: customerAccounts.segment,
        collectorId: customerAccounts.collectorId,
        country: sellers.country,
      })
      .from(customerAccounts)
      .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
      .where(eq(customerAccounts.id, input.accountId));
    if (!account) throw new ClaimRuleError("claim.not_found", "account not found");

    const docIds = [...new Set(input.documents.map((d) => d.documentId))];
    const docs = docIds.length
      ? await tx
          .select({
            id: documents.id,
            kind: documents.kind,
            currency: documents.currency,
            openAmount: documents.openAmount,
            status: documents.status,
          })
          .from(documents)
          .where(and(inArray(documents.id, docIds), eq(documents.accountId, account.id)))
          .for("share")
      : [];
    const docById = new Map(docs.map((d) => [d.id, d]));
    const lineIds = input.documents.flatMap((d) => (d.lineId ? [d.lineId] : []));
    const lines = lineIds.length
      ? await tx
          .select({ id: invoiceLines.id, documentId: invoiceLines.documentId, total: invoiceLines.total })
          .from(invoiceLines)
          .where(inArray(invoiceLines.id, lineIds))
      : [];
    const lineById = new Map(lines.map((l) => [l.id, l]));

    const seen = new Set<string>();
    const disputedByDoc = new Map<string, Decimal>();
    const rows = input.documents.map((d) => {
      const doc = docById.get(d.documentId);
      if (!doc || doc.status !== "issued") throw new ClaimRuleError("document.not_found");
      if (!KINDS_OF_ORIGIN[input.origin].includes(doc.kind)) throw new ClaimRuleError("document.wrong_kind");
      const key = `${d.documentId}:${d.lineId ?? ""}`;
      if (seen.has(key)) throw new ClaimRuleError("document.duplicate");
      seen.add(key);
      const amount = new Decimal(d.amount);
      if (d.lineId) {
        const line = lineById.get(d.lineId);
        // A line of another document (another customer's included) is as unknown as one that does not exist.
        if (!line || line.documentId !== doc.id)
          throw new ClaimRuleError("line.not_found", undefined, { documentId: doc.id, lineId: d.lineId });
        if (amount.gt(line.total))
          throw new ClaimRuleError("line.amount_above_total", undefined, { documentId: doc.id, lineId: d.lineId });
      }
      const total = (disputedByDoc.get(doc.id) ?? new Decimal(0)).plus(amount);
      disputedByDoc.set(doc.id, total);
      if (total.gt(doc.openAmount))
        throw new ClaimRuleError("document.amount_above_open", undefined, {
          documentId: doc.id,
          lineId: d.lineId ?? undefined,
        });
      return { documentId: doc.id, lineId: d.lineId, disputedAmount: amount.toFixed(2), currency: doc.currency };
    });

    const sla = { country: account.country, type: input.type, segment: account.segment };
    const { dueAt, slaAtRiskAt } = await levelSla(tx, sla, "L1", now);
    const disputedTotal = rows.reduce((sum, r) => sum.plus(r.disputedAmount), new Decimal(0));
    const [claim] = await tx
      .insert(claims)
      .values({
        sellerId: account.sellerId,
        accountId: account.id,
        type: input.type,
        origin: input.origin,
        owningArea: CLAIM_AREA_OF_TYPE[input.type],
        description: input.description,
        raisedById: actor.userId,
        assigneeId: account.collectorId,
        dueAt,
        slaAtRiskAt,
        disputedAmount: rows.length ? disputedTotal.toFixed(2) : null,
        disputedCurrency: rows[0]?.currency ?? null,
        levelStartedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (rows.length) await tx.insert(claimDocuments).values(rows.map((r) => ({ ...r, claimId: claim.id })));
    await rescheduleSlaCheck(tx, claim.id, { level: "L1", dueAt });
    await recordAuditEvent(tx, actor, {
      action: "claim.raised",
      entityType: "claim",
      entityId: claim.id,
      accountId: account.id,
      after: {
        number: claim.number,
        type: claim.type,
        origin: claim.origin,
        level: claim.level,
        assigneeId: claim.assigneeId,
        dueAt,
        documents: rows,
      },
    });
    await queueClaimEmails(tx, { event: "received", claim, actorUserId: actor.userId, now });
    return claim;
  });
}
