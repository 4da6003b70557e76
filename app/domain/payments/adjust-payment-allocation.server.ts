// The collector corrects the allocation of a registration still in review (what the bank statement
// or the customer's remittance says): the same checks as registering (each charge within its open
// amount less what is disputed, the total within the payment, one currency); the old rows give way to
// the new ones and the audit keeps both.
import { eq } from "drizzle-orm";
import { paymentAllocations } from "#db/schema";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { checkAllocation } from "./allocate-oldest-first";
import { listAllocatableInvoices } from "./list-allocatable-invoices.server";
import { PaymentRegistrationError } from "./registration-errors";
import { lockRegistration, updateRegistration } from "./registration-transition.server";

export async function adjustPaymentAllocation(
  db: DbOrTx,
  actor: Actor & { userId: string },
  input: { registrationId: string; version: number; allocations: { documentId: string; amount: string }[]; now: Date },
) {
  return db.transaction(async (tx) => {
    const reg = await lockRegistration(tx, input);
    const named = [...new Set(input.allocations.map((a) => a.documentId))];
    const invoices = named.length > 0 ? await listAllocatableInvoices(tx, reg.accountId, { documentIds: named }) : [];
    const { problems } = checkAllocation(reg.amount, reg.currency, input.allocations, invoices);
    if (problems.length > 0) throw new PaymentRegistrationError("allocation.invalid", JSON.stringify(problems));
    const before = await tx
      .select({ documentId: paymentAllocations.documentId, amount: paymentAllocations.amount })
      .from(paymentAllocations)
      .where(eq(paymentAllocations.registrationId, reg.id));
    // Allocations are a proposal, not ledger entries: replaced while in review; the audit keeps both.
    await tx.delete(paymentAllocations).where(eq(paymentAllocations.registrationId, reg.id));
    const byId = new Map(invoices.map((i) => [i.id, i]));
    if (input.allocations.length > 0)
      await tx.insert(paymentAllocations).values(
        input.allocations.map((a) => ({
          registrationId: reg.id,
          documentId: a.documentId,
          amount: a.amount,
          currency: byId.get(a.documentId)!.currency,
        })),
      );
    await updateRegistration(tx, reg, {}, input.now);
    await recordAuditEvents(tx, actor, [
      {
        action: "payment.allocation_adjusted",
        entityType: "payment_registration",
        entityId: reg.id,
        accountId: reg.accountId,
        before: { allocations: before },
        after: { allocations: input.allocations },
      },
    ]);
  });
}
