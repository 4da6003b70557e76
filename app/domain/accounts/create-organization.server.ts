// Creates sellers, commercial zones, customer groups and customer accounts, each audited.
import { customerAccounts, customerGroups, sellers, zones } from "#db/schema";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { type CustomerAccountInput, CustomerAccountInputSchema, type SellerInput, SellerInputSchema } from "./schemas";

export async function createSeller(db: DbOrTx, actor: Actor, input: SellerInput) {
  const values = SellerInputSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(sellers).values(values).returning();
    await recordAuditEvent(tx, actor, {
      action: "seller.created",
      entityType: "seller",
      entityId: row.id,
      after: values,
    });
    return row;
  });
}

export async function createZone(db: DbOrTx, actor: Actor, input: { sellerId: string; code: string; name: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(zones).values(input).returning();
    await recordAuditEvent(tx, actor, { action: "zone.created", entityType: "zone", entityId: row.id, after: input });
    return row;
  });
}

export async function createCustomerGroup(db: DbOrTx, actor: Actor, input: { name: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(customerGroups).values(input).returning();
    await recordAuditEvent(tx, actor, {
      action: "customer_group.created",
      entityType: "customer_group",
      entityId: row.id,
      after: input,
    });
    return row;
  });
}

export async function createCustomerAccount(db: DbOrTx, actor: Actor, input: CustomerAccountInput) {
  const values = CustomerAccountInputSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(customerAccounts).values(values).returning();
    await recordAuditEvent(tx, actor, {
      action: "customer_account.created",
      entityType: "customer_account",
      entityId: row.id,
      accountId: row.id,
      after: values,
    });
    return row;
  });
}
