// Reads of cheques and pickups: the collectors' custody list (held by deposit date, returned by
// follow-up date, or by status) and pickups by day, both within the staff member's reach; a
// registration's cheque with its deposits and history (the pages that call it have already reached
// the registration); a customer's pickups on the accounts it holds.
import { and, asc, desc, eq, gte, ilike, inArray, lte, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  auditEvents,
  chequeDeposits,
  chequePickups,
  cheques,
  customerAccounts,
  documents,
  paymentRegistrations,
  users,
} from "#db/schema";
import { safeParseAuditEvent } from "~/domain/audit/audit-events";
import { staffScope } from "~/domain/identity/account-access.server";
import type { StaffRole } from "~/domain/vocabulary";
import type { DbOrTx } from "~/utils/db.server";
import type { ChequeListFilters } from "./cheque-forms";

/** The list shows at most this many rows; narrower filters find the rest. */
export const CHEQUE_LIST_LIMIT = 200;

type Staff = { id: string; staffRole: StaffRole };

export async function listStaffCheques(db: DbOrTx, staff: Staff, filters: ChequeListFilters) {
  const conditions: (SQL | undefined)[] = [staffScope(staff)];
  const dateColumn = filters.view === "follow_up" ? cheques.followUpOn : cheques.depositDate;
  if (filters.view === "custody") conditions.push(eq(cheques.status, "in_custody"));
  else if (filters.view === "follow_up") conditions.push(eq(cheques.status, "returned"));
  else if (filters.view !== "all") conditions.push(eq(cheques.status, filters.view));
  if (filters.from) conditions.push(gte(dateColumn, filters.from));
  if (filters.to) conditions.push(lte(dateColumn, filters.to));
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(ilike(cheques.number, like), ilike(customerAccounts.number, like), ilike(customerAccounts.legalName, like)),
    );
  }
  const rows = await db
    .select({
      id: cheques.id,
      registrationId: cheques.registrationId,
      registrationNumber: paymentRegistrations.number,
      accountId: cheques.accountId,
      accountNumber: customerAccounts.number,
      accountName: customerAccounts.legalName,
      number: cheques.number,
      bank: cheques.bank,
      amount: cheques.amount,
      currency: cheques.currency,
      depositDate: cheques.depositDate,
      status: cheques.status,
      followUpOn: cheques.followUpOn,
      protectionReference: cheques.protectionReference,
      version: cheques.version,
    })
    .from(cheques)
    .innerJoin(customerAccounts, eq(customerAccounts.id, cheques.accountId))
    .innerJoin(paymentRegistrations, eq(paymentRegistrations.id, cheques.registrationId))
    .where(and(...conditions))
    .orderBy(asc(dateColumn), asc(cheques.id))
    .limit(CHEQUE_LIST_LIMIT + 1);
  return { rows: rows.slice(0, CHEQUE_LIST_LIMIT), more: rows.length > CHEQUE_LIST_LIMIT };
}

/** The cheque of a registration the caller has reached, with its deposits and its audit history. */
export async function getRegistrationCheque(db: DbOrTx, registrationId: string) {
  const [cheque] = await db.select().from(cheques).where(eq(cheques.registrationId, registrationId));
  if (!cheque) return null;
  const fee = alias(documents, "fee");
  const checker = alias(users, "checker");
  const [deposits, history, protection] = await Promise.all([
    db
      .select({
        id: chequeDeposits.id,
        depositNo: chequeDeposits.depositNo,
        depositedOn: chequeDeposits.depositedOn,
        status: chequeDeposits.status,
        resolvedOn: chequeDeposits.resolvedOn,
        returnReason: chequeDeposits.returnReason,
        feeDocumentId: chequeDeposits.feeDocumentId,
        feeLabel: fee.series,
        feeFolio: fee.folio,
        feeAmount: fee.amount,
      })
      .from(chequeDeposits)
      .leftJoin(fee, eq(fee.id, chequeDeposits.feeDocumentId))
      .where(eq(chequeDeposits.chequeId, cheque.id))
      .orderBy(asc(chequeDeposits.depositNo)),
    db
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        actorLabel: auditEvents.actorLabel,
        action: auditEvents.action,
        entityType: auditEvents.entityType,
        entityId: auditEvents.entityId,
        accountId: auditEvents.accountId,
        before: auditEvents.before,
        after: auditEvents.after,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "cheque"), eq(auditEvents.entityId, cheque.id)))
      .orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id)),
    cheque.protectionCheckedById
      ? db.select({ name: checker.name }).from(checker).where(eq(checker.id, cheque.protectionCheckedById))
      : Promise.resolve([]),
  ]);
  return {
    cheque: { ...cheque, protectionCheckedBy: protection[0]?.name ?? null },
    deposits: deposits.map((d) => ({
      ...d,
      fee: d.feeDocumentId ? { id: d.feeDocumentId, label: `${d.feeLabel}-${d.feeFolio}`, amount: d.feeAmount! } : null,
    })),
    history: history.flatMap((row) => {
      const event = safeParseAuditEvent(row);
      return event ? [{ id: row.id, occurredAt: row.occurredAt, actorLabel: row.actorLabel, event }] : [];
    }),
  };
}

export type RegistrationCheque = NonNullable<Awaited<ReturnType<typeof getRegistrationCheque>>>;

/** The cheque if the staff member reaches its account (for the actions of /staff/cheques). */
export async function getStaffCheque(db: DbOrTx, staff: Staff, chequeId: string) {
  const [row] = await db
    .select({
      id: cheques.id,
      number: cheques.number,
      accountId: cheques.accountId,
      registrationId: cheques.registrationId,
    })
    .from(cheques)
    .innerJoin(customerAccounts, eq(customerAccounts.id, cheques.accountId))
    .where(and(eq(cheques.id, chequeId), staffScope(staff)));
  return row ?? null;
}

const pickupColumns = {
  id: chequePickups.id,
  accountId: chequePickups.accountId,
  accountNumber: customerAccounts.number,
  accountName: customerAccounts.legalName,
  pickupDate: chequePickups.pickupDate,
  address: chequePickups.address,
  contactName: chequePickups.contactName,
  contactPhone: chequePickups.contactPhone,
  notes: chequePickups.notes,
  status: chequePickups.status,
  createdAt: chequePickups.createdAt,
};

/** Pickups within reach from `from` to `to`, by day (at most CHEQUE_LIST_LIMIT). */
export async function listStaffPickups(db: DbOrTx, staff: Staff, range: { from: string; to: string }) {
  return db
    .select(pickupColumns)
    .from(chequePickups)
    .innerJoin(customerAccounts, eq(customerAccounts.id, chequePickups.accountId))
    .where(and(staffScope(staff), gte(chequePickups.pickupDate, range.from), lte(chequePickups.pickupDate, range.to)))
    .orderBy(asc(chequePickups.pickupDate), asc(customerAccounts.number), asc(chequePickups.id))
    .limit(CHEQUE_LIST_LIMIT);
}

/** The pickup if the staff member reaches its account. */
export async function getStaffPickup(db: DbOrTx, staff: Staff, pickupId: string) {
  const [row] = await db
    .select({ id: chequePickups.id, status: chequePickups.status })
    .from(chequePickups)
    .innerJoin(customerAccounts, eq(customerAccounts.id, chequePickups.accountId))
    .where(and(eq(chequePickups.id, pickupId), staffScope(staff)));
  return row ?? null;
}

/** A customer's pickups on `accountIds`, latest day first (the last 50). */
export async function listPickupsForAccounts(db: DbOrTx, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db
    .select(pickupColumns)
    .from(chequePickups)
    .innerJoin(customerAccounts, eq(customerAccounts.id, chequePickups.accountId))
    .where(inArray(chequePickups.accountId, [...accountIds]))
    .orderBy(desc(chequePickups.pickupDate), desc(chequePickups.id))
    .limit(50);
}
