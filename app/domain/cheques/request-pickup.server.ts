// A customer asks for a cheque to be picked up by the seller's courier: a day from tomorrow to
// MAX_PICKUP_DAYS ahead (the seller's calendar), the address and whom to ask for. The account is the
// one the form names, already checked against the user's grants by the route. Collecting it is the
// collector's conditional update from requested to collected.
import { and, eq } from "drizzle-orm";
import { chequePickups, customerAccounts, sellers } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { addDays } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import type { PickupForm } from "./cheque-forms";
import { MAX_PICKUP_DAYS } from "./cheque-forms";
import { ChequeError } from "./errors";

export class PickupDateError extends Error {
  constructor(
    public readonly from: string,
    public readonly to: string,
  ) {
    super("pickup.date_out_of_range");
    this.name = "PickupDateError";
  }
}

export async function requestPickup(db: DbOrTx, actor: Actor & { userId: string }, input: PickupForm & { now: Date }) {
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({ sellerId: customerAccounts.sellerId, timeZone: sellers.timeZone })
      .from(customerAccounts)
      .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
      .where(eq(customerAccounts.id, input.accountId));
    if (!account) throw new ChequeError("account.not_found");
    const today = todayIn(account.timeZone, input.now);
    const [from, to] = [addDays(today, 1), addDays(today, MAX_PICKUP_DAYS)];
    if (input.pickupDate < from || input.pickupDate > to) throw new PickupDateError(from, to);
    const [row] = await tx
      .insert(chequePickups)
      .values({
        sellerId: account.sellerId,
        accountId: input.accountId,
        requestedById: actor.userId,
        pickupDate: input.pickupDate,
        address: input.address,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        notes: input.notes || null,
        createdAt: input.now,
      })
      .returning({ id: chequePickups.id });
    await recordAuditEvent(tx, actor, {
      action: "cheque_pickup.requested",
      entityType: "cheque_pickup",
      entityId: row.id,
      accountId: input.accountId,
      after: {
        pickupDate: input.pickupDate,
        address: input.address,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
      },
    });
    return row;
  });
}

/** The courier brought the cheque: requested → collected, once. */
export async function markPickupCollected(db: DbOrTx, actor: Actor, input: { pickupId: string }) {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(chequePickups)
      .set({ status: "collected" })
      .where(and(eq(chequePickups.id, input.pickupId), eq(chequePickups.status, "requested")))
      .returning({ id: chequePickups.id, accountId: chequePickups.accountId });
    if (updated.length !== 1) throw new ChequeError("pickup.wrong_status");
    await recordAuditEvent(tx, actor, {
      action: "cheque_pickup.collected",
      entityType: "cheque_pickup",
      entityId: updated[0].id,
      accountId: updated[0].accountId,
      before: { status: "requested" },
      after: { status: "collected" },
    });
  });
}
