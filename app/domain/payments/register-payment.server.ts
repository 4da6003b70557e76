// Registers a payment the customer made (or, as a manual receipt, one a collector enters on its
// behalf): method, dates, amount, bank, reference, the proof file (sniffed by content) and the
// allocation to the account's open charges, checked here (each within its open amount less what is
// disputed, the total within the payment, one currency). It waits "in review" for the collector; the
// provisional receipt is printed from it. Registration, allocations, audit and the customer's email
// (the provisional receipt, sent by the sweeper) in one transaction.
import { eq } from "drizzle-orm";
import { customerAccounts, paymentAllocations, paymentRegistrations } from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { AcceptedEvidence } from "~/domain/claims/parse-evidence-upload.server";
import type { Currency, ManualPaymentMethod } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import { checkAllocation } from "./allocate-oldest-first";
import { listAllocatableInvoices } from "./list-allocatable-invoices.server";
import { queuePaymentEmails } from "./queue-payment-emails.server";
import { PaymentRegistrationError } from "./registration-errors";

/** Proof files a payment takes: a CEP (XML or PDF), a bank slip or cheque image. */
export const PROOF_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "application/pdf",
  "application/xml",
  "image/jpeg",
  "image/png",
  "image/heic",
  "image/webp",
]);

/** What duplicate detection compares of a reference: letters and digits, lower case. */
export function referenceKey(reference: string): string {
  return reference.toLowerCase().replace(/[^0-9a-z]/g, "");
}

export interface RegisterPaymentInput {
  accountId: string;
  method: ManualPaymentMethod;
  paidOn: string;
  depositDate?: string;
  amount: string;
  currency: Currency;
  bank: string;
  reference: string;
  notes?: string;
  allocations: { documentId: string; amount: string }[];
  proof: AcceptedEvidence | null;
  staffEntered: boolean;
}

export async function registerPayment(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: RegisterPaymentInput,
  { now }: { now: Date },
) {
  if (input.proof && !PROOF_MEDIA_TYPES.has(input.proof.mediaType))
    throw new PaymentRegistrationError("proof.type_not_allowed");
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({ id: customerAccounts.id, sellerId: customerAccounts.sellerId })
      .from(customerAccounts)
      .where(eq(customerAccounts.id, input.accountId));
    if (!account) throw new PaymentRegistrationError("account.not_found");
    const named = [...new Set(input.allocations.map((a) => a.documentId))];
    const invoices = named.length > 0 ? await listAllocatableInvoices(tx, account.id, { documentIds: named }) : [];
    const { problems } = checkAllocation(input.amount, input.currency, input.allocations, invoices);
    if (problems.length > 0) throw new PaymentRegistrationError("allocation.invalid", JSON.stringify(problems));
    const [row] = await tx
      .insert(paymentRegistrations)
      .values({
        sellerId: account.sellerId,
        accountId: account.id,
        method: input.method,
        paidOn: input.paidOn,
        depositDate: input.method === "postdated_cheque" ? (input.depositDate ?? null) : null,
        amount: input.amount,
        currency: input.currency,
        bank: input.bank,
        reference: input.reference,
        referenceKey: referenceKey(input.reference),
        notes: input.notes ?? null,
        proofFileName: input.proof?.fileName ?? null,
        proofMediaType: input.proof?.mediaType ?? null,
        proofSha256: input.proof?.sha256 ?? null,
        proofSize: input.proof?.size ?? null,
        proofContent: input.proof?.bytes ?? null,
        staffEntered: input.staffEntered,
        registeredById: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: paymentRegistrations.id, number: paymentRegistrations.number });
    const byId = new Map(invoices.map((i) => [i.id, i]));
    if (input.allocations.length > 0)
      await tx.insert(paymentAllocations).values(
        input.allocations.map((a) => ({
          registrationId: row.id,
          documentId: a.documentId,
          amount: a.amount,
          currency: byId.get(a.documentId)!.currency,
        })),
      );
    await recordAuditEvents(tx, actor, [
      {
        action: "payment.registered",
        entityType: "payment_registration",
        entityId: row.id,
        accountId: account.id,
        after: {
          number: row.number,
          method: input.method,
          amount: input.amount,
          currency: input.currency,
          paidOn: input.paidOn,
          reference: input.reference,
          staffEntered: input.staffEntered,
          allocations: input.allocations,
          proofSha256: input.proof?.sha256 ?? null,
        },
      },
    ]);
    await queuePaymentEmails(tx, {
      event: "registered",
      registration: { id: row.id, accountId: account.id, registeredById: actor.userId },
      now,
    });
    return row;
  });
}
